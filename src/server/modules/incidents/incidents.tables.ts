import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns arrive as 'YYYY-MM-DD' strings (see the type parser in db/database.ts). */
type DateColumn = string;

export const INCIDENT_STATES = ['received', 'investigating', 'measures_decided', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const AFFECTED_KINDS = ['employee', 'elected_official', 'resident', 'client', 'unknown'] as const;
export type AffectedKind = (typeof AFFECTED_KINDS)[number];
export const GENDERS = ['woman', 'man', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
export const WORK_ENVIRONMENT_KINDS = ['work_injury', 'near_miss', 'risk_observation'] as const;
export type WorkEnvironmentKind = (typeof WORK_ENVIRONMENT_KINDS)[number];
export const PARTICIPANT_ROLES = [
  'reporter',
  'affected',
  'manager',
  'coordinator',
  'assignee',
  'granted',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const SUPPORT_ITEMS = [
  'talked_with_affected',
  'support_offered',
  'risk_assessment',
  'police_report',
  'safety_measures',
] as const;
export type SupportItem = (typeof SUPPORT_ITEMS)[number];
export const ATTACHMENT_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

export type FocusAreasTable = {
  code: string;
  position: number;
  label_sv: string;
  label_en: string;
};

export type IncidentTypeGroupsTable = {
  code: string;
  label_sv: string;
  label_en: string;
  sort_order: number;
};

export type IncidentTypesTable = {
  id: Generated<string>;
  code: string;
  group_code: string;
  current_version: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  sort_order: ColumnType<number, number | undefined, number>;
  /** Counted in the situational picture's violent-extremism section (migration 0013). */
  violent_extremism: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type IncidentTypeVersionsTable = {
  id: Generated<string>;
  type_id: string;
  version: number;
  label_sv: string;
  label_en: string;
  description_sv: string | null;
  description_en: string | null;
  focus_areas: string[];
  work_environment_kinds: ColumnType<string[], string[] | undefined, string[]>;
  serious: ColumnType<boolean, boolean | undefined, boolean>;
  need_to_know: ColumnType<boolean, boolean | undefined, boolean>;
  anonymous_allowed: ColumnType<boolean, boolean | undefined, boolean>;
  threat_register: ColumnType<boolean, boolean | undefined, boolean>;
  retention_months: number | null;
  retention_action: ColumnType<
    'anonymise' | 'delete',
    'anonymise' | 'delete' | undefined,
    'anonymise' | 'delete'
  >;
  created_by: string | null;
  created_at: DefaultTimestamp;
};

export type IncidentsTable = {
  id: Generated<string>;
  reference: string;
  type_id: string;
  type_version_id: string;
  group_code: string;
  focus_areas: string[];
  need_to_know: boolean;
  serious: ColumnType<boolean, boolean | undefined, boolean>;
  organisation_id: string;
  unit_id: string | null;
  reporter_id: string | null;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  source: ColumnType<'form' | 'api' | 'demo', 'form' | 'api' | 'demo' | undefined, 'form' | 'api' | 'demo'>;
  external_system: string | null;
  external_id: string | null;
  occurred_at: Timestamp;
  reported_at: Timestamp;
  lat: number | null;
  lon: number | null;
  /** `point` as text '(x,y)' in SWEREF 99 TM metres; write with sql`point(x, y)`. */
  location: ColumnType<string | null, unknown, unknown>;
  area_id: string | null;
  area_path: ColumnType<string[], string[] | undefined, string[]>;
  facility_id: string | null;
  address_text: string | null;
  affected_kind: ColumnType<AffectedKind, AffectedKind | undefined, AffectedKind>;
  affected_gender: Gender | null;
  affected_user_id: string | null;
  description: string;
  immediate_action: string | null;
  police_called: ColumnType<boolean, boolean | undefined, boolean>;
  police_report_number: string | null;
  injury: ColumnType<boolean, boolean | undefined, boolean>;
  injury_severity: 'minor' | 'serious' | null;
  work_environment_kind: WorkEnvironmentKind | null;
  state: ColumnType<IncidentState, IncidentState | undefined, IncidentState>;
  closed_reason: string | null;
  closed_at: NullableTimestamp;
  assignee_id: string | null;
  authority_deadline_at: NullableTimestamp;
  authority_reported_at: NullableTimestamp;
  authority_reference: string | null;
  authority_reminder_sent_at: NullableTimestamp;
  authority_overdue_sent_at: NullableTimestamp;
  anonymised_at: NullableTimestamp;
  /** Generated from the texts (Swedish, accent-folded); never written. */
  search: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type IncidentParticipantsTable = {
  incident_id: string;
  user_id: string;
  role: ParticipantRole;
  granted_by: string | null;
  reason: string | null;
  created_at: DefaultTimestamp;
};

export type IncidentEventsTable = {
  id: Generated<string>;
  incident_id: string;
  at: Timestamp;
  actor_id: string | null;
  kind: string;
  visibility: ColumnType<
    'internal' | 'reporter',
    'internal' | 'reporter' | undefined,
    'internal' | 'reporter'
  >;
  body: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
};

export type IncidentAttachmentsTable = {
  id: Generated<string>;
  incident_id: string;
  file_name: string;
  media_type: AttachmentMediaType;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: DefaultTimestamp;
};

export type IncidentUploadsTable = {
  id: Generated<string>;
  user_id: string;
  file_name: string;
  media_type: AttachmentMediaType;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
};

export type IncidentSupportItemsTable = {
  incident_id: string;
  item: SupportItem;
  done_on: DateColumn;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
};

export type NotificationsTable = {
  id: Generated<string>;
  user_id: string;
  incident_id: string | null;
  kind: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  email_status: ColumnType<
    'pending' | 'sent' | 'failed' | 'skipped',
    'pending' | 'sent' | 'failed' | 'skipped' | undefined,
    'pending' | 'sent' | 'failed' | 'skipped'
  >;
  email_attempts: ColumnType<number, number | undefined, number>;
  email_sent_at: NullableTimestamp;
  email_error: string | null;
};

export type ThreatRegisterEntriesTable = {
  id: Generated<string>;
  case_ref_hmac: string;
  incident_id: string | null;
  organisation_id: string;
  type_id: string;
  occurred_on: DateColumn;
  expires_at: Timestamp;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ThreatRegisterCasesTable = {
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  case_ref_hmac: string;
  label: string | null;
  created_at: Timestamp;
};

/** The incident tables (migration 0008), added to the shared `Database` with `withTables`. */
export type IncidentTables = {
  focus_areas: FocusAreasTable;
  incident_type_groups: IncidentTypeGroupsTable;
  incident_types: IncidentTypesTable;
  incident_type_versions: IncidentTypeVersionsTable;
  incidents: IncidentsTable;
  incident_participants: IncidentParticipantsTable;
  incident_events: IncidentEventsTable;
  incident_attachments: IncidentAttachmentsTable;
  incident_uploads: IncidentUploadsTable;
  incident_support_items: IncidentSupportItemsTable;
  notifications: NotificationsTable;
  threat_register_entries: ThreatRegisterEntriesTable;
  threat_register_cases: ThreatRegisterCasesTable;
};

/** The same connection (or transaction) typed with the incident tables. */
export function incidentsDb(db: Kysely<Database> | Transaction<Database>) {
  return db.withTables<IncidentTables>();
}
export type IncidentsDb = ReturnType<typeof incidentsDb>;

export type IncidentRow = Selectable<IncidentsTable>;
export type IncidentTypeRow = Selectable<IncidentTypesTable>;
export type IncidentTypeVersionRow = Selectable<IncidentTypeVersionsTable>;
export type IncidentEventRow = Selectable<IncidentEventsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
