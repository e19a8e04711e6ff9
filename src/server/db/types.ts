import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: 'municipality' | 'executive_board' | 'committee' | 'company';
  parent_id: string | null;
  created_at: DefaultTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  locale: ColumnType<'sv' | 'en', 'sv' | 'en' | undefined, 'sv' | 'en'>;
  disabled_at: Timestamp | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserRolesTable {
  user_id: string;
  organisation_id: string;
  role: string;
  source: ColumnType<'manual' | 'oidc', 'manual' | 'oidc' | undefined, 'manual' | 'oidc'>;
  granted_by: string | null;
  granted_at: DefaultTimestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: Timestamp | null;
  updated_at: DefaultTimestamp;
}

export interface OidcLoginsTable {
  id_hash: string;
  state: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: DefaultTimestamp;
}

export interface AuditEventsTable {
  id: ColumnType<string, never, never>;
  at: Timestamp;
  actor_id: string | null;
  organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  fields: string[];
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  oidc_logins: OidcLoginsTable;
  audit_events: AuditEventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
