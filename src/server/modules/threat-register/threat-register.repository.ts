import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { incidentsDb } from '../incidents/incidents.tables.ts';

/**
 * The only SQL of the known-threat register. Entries and cases carry keyed hashes of case
 * references; they match on the same hash within the same organisation (a committee or company).
 */
type Db = Kysely<Database> | Transaction<Database>;

/** Kinds of organisation between which secrecy applies (OSL 8:1–2): the register never matches across them. */
const SECRECY_KINDS = ['committee', 'company', 'executive_board'];

export interface WarningRow {
  case_id: string | null;
  entry_id: string;
  organisation_id: string;
  occurred_on: string;
  label_sv: string;
  label_en: string;
  /** The incident, when the viewer is involved in it (granted access); else null. */
  incident_id: string | null;
}

export interface CaseRow {
  id: string;
  user_id: string;
  organisation_id: string;
  organisation_name: string;
  case_ref_hmac: string;
  label: string | null;
  created_at: Date;
}

export interface EntryRow {
  id: string;
  case_ref_hmac: string;
  organisation_id: string;
  organisation_name: string;
  type_id: string;
  label_sv: string;
  label_en: string;
  occurred_on: string;
  expires_at: Date;
  note: string | null;
  incident_id: string | null;
  incident_reference: string | null;
  created_at: Date;
}

export interface MatchedCaseRow {
  entry_id: string;
  case_id: string;
  user_id: string;
  user_name: string;
  registered_at: Date;
  granted: boolean;
}

export interface EntryValues {
  case_ref_hmac: string;
  occurred_on: string;
  expires_at: Date;
  note: string | null;
}

export function createThreatRegisterRepository({ db }: { db: Db }) {
  const idb = incidentsDb(db);

  const entries = () =>
    idb
      .selectFrom('threat_register_entries as e')
      .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
      .innerJoin('incident_types as t', 't.id', 'e.type_id')
      .innerJoin('incident_type_versions as v', (j) =>
        j.onRef('v.type_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
      )
      .leftJoin('incidents as i', 'i.id', 'e.incident_id')
      .select([
        'e.id',
        'e.case_ref_hmac',
        'e.organisation_id',
        'o.name as organisation_name',
        'e.type_id',
        'v.label_sv',
        'v.label_en',
        'e.occurred_on',
        'e.expires_at',
        'e.note',
        'e.incident_id',
        'i.reference as incident_reference',
        'e.created_at',
      ]);

  const cases = () =>
    idb
      .selectFrom('threat_register_cases as c')
      .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
      .select([
        'c.id',
        'c.user_id',
        'c.organisation_id',
        'o.name as organisation_name',
        'c.case_ref_hmac',
        'c.label',
        'c.created_at',
      ]);

  return {
    /**
     * For each organisation, the committee, company or executive board it lies in (itself if it is
     * one); the topmost organisation when there is none above it.
     */
    async secrecyBoundaries(organisationIds: readonly string[]): Promise<Map<string, string>> {
      if (organisationIds.length === 0) return new Map();
      const result = await sql<{ start_id: string; boundary_id: string }>`
        WITH RECURSIVE up AS (
          SELECT o.id AS start_id, o.id, o.parent_id, o.kind::text AS kind, 0 AS depth
          FROM organisations o WHERE o.id = ANY(${sql.val([...organisationIds])}::uuid[])
          UNION ALL
          SELECT up.start_id, p.id, p.parent_id, p.kind::text, up.depth + 1
          FROM organisations p JOIN up ON p.id = up.parent_id
        )
        SELECT DISTINCT ON (start_id) start_id, id AS boundary_id
        FROM up
        ORDER BY start_id, (kind = ANY(${sql.val(SECRECY_KINDS)}::text[])) DESC,
          CASE WHEN kind = ANY(${sql.val(SECRECY_KINDS)}::text[]) THEN depth ELSE -depth END
      `.execute(db);
      return new Map(result.rows.map((r) => [r.start_id, r.boundary_id]));
    },

    async organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** The enabled users holding the security coordinator's role in each organisation. */
    async securityCoordinators(
      organisationIds: readonly string[],
    ): Promise<Map<string, { name: string; email: string }[]>> {
      const out = new Map<string, { name: string; email: string }[]>();
      if (organisationIds.length === 0) return out;
      const rows = await db
        .selectFrom('user_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select(['r.organisation_id', 'u.name', 'u.email'])
        .where('r.role', '=', 'security_coordinator')
        .where('r.organisation_id', 'in', organisationIds)
        .where('u.disabled_at', 'is', null)
        .orderBy('u.name')
        .execute();
      for (const r of rows) {
        const list = out.get(r.organisation_id) ?? [];
        if (!list.some((c) => c.email === r.email)) list.push({ name: r.name, email: r.email });
        out.set(r.organisation_id, list);
      }
      return out;
    },

    // ------------------------------------------------------------ cases (case workers)

    async findCase(id: string): Promise<CaseRow | undefined> {
      return cases().where('c.id', '=', id).executeTakeFirst();
    },

    async findCaseOf(userId: string, hmac: string): Promise<CaseRow | undefined> {
      return cases().where('c.user_id', '=', userId).where('c.case_ref_hmac', '=', hmac).executeTakeFirst();
    },

    async listCasesOf(userId: string): Promise<CaseRow[]> {
      return cases()
        .where('c.user_id', '=', userId)
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id')
        .execute();
    },

    async insertCase(values: {
      user_id: string;
      organisation_id: string;
      case_ref_hmac: string;
      label: string | null;
      created_at: Date;
    }): Promise<string> {
      const row = await idb
        .insertInto('threat_register_cases')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateCase(id: string, changes: { organisation_id: string; label: string | null }): Promise<void> {
      await idb.updateTable('threat_register_cases').set(changes).where('id', '=', id).execute();
    },

    async deleteCase(id: string): Promise<void> {
      await idb.deleteFrom('threat_register_cases').where('id', '=', id).execute();
    },

    /**
     * Unexpired entries matching a hash in an organisation (or, with `caseIds`, matching those
     * cases), newest first; the incident only when `viewerId` is involved in it.
     */
    async findWarnings(
      by: { hmac: string; organisationIds: readonly string[] } | { caseIds: readonly string[] },
      viewerId: string,
      now: Date,
    ): Promise<WarningRow[]> {
      if ('caseIds' in by ? by.caseIds.length === 0 : by.organisationIds.length === 0) return [];
      const base = idb
        .selectFrom('threat_register_entries as e')
        .innerJoin('incident_types as t', 't.id', 'e.type_id')
        .innerJoin('incident_type_versions as v', (j) =>
          j.onRef('v.type_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
        )
        .where('e.expires_at', '>', now)
        .select((eb) => [
          'e.id as entry_id',
          'e.organisation_id',
          'e.occurred_on',
          'v.label_sv',
          'v.label_en',
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('incident_participants as p')
                  .select(sql`1`.as('one'))
                  .whereRef('p.incident_id', '=', 'e.incident_id')
                  .where('p.user_id', '=', viewerId),
              ),
            )
            .then(eb.ref('e.incident_id'))
            .else(null)
            .end()
            .as('incident_id'),
        ]);
      const query =
        'caseIds' in by
          ? base
              .innerJoin('threat_register_cases as c', (j) =>
                j
                  .onRef('c.case_ref_hmac', '=', 'e.case_ref_hmac')
                  .onRef('c.organisation_id', '=', 'e.organisation_id'),
              )
              .where('c.id', 'in', by.caseIds)
              .select('c.id as case_id')
          : base
              .where('e.case_ref_hmac', '=', by.hmac)
              .where('e.organisation_id', 'in', by.organisationIds)
              .select(sql<string | null>`null::uuid`.as('case_id'));
      return query.orderBy('e.occurred_on', 'desc').orderBy('e.id').execute() as Promise<WarningRow[]>;
    },

    // ------------------------------------------------------------ entries (security coordinators)

    async findEntry(id: string): Promise<EntryRow | undefined> {
      return entries().where('e.id', '=', id).executeTakeFirst();
    },

    async listEntries(opts: {
      organisationIds: readonly string[];
      includeExpired: boolean;
      now: Date;
    }): Promise<EntryRow[]> {
      if (opts.organisationIds.length === 0) return [];
      let q = entries().where('e.organisation_id', 'in', opts.organisationIds);
      if (!opts.includeExpired) q = q.where('e.expires_at', '>', opts.now);
      return q
        .orderBy('e.occurred_on', 'desc')
        .orderBy('e.created_at', 'desc')
        .orderBy('e.id')
        .limit(2000)
        .execute();
    },

    /** The cases registered under the same hash in the same organisation as each entry. */
    async matchedCases(entryIds: readonly string[]): Promise<MatchedCaseRow[]> {
      if (entryIds.length === 0) return [];
      return idb
        .selectFrom('threat_register_entries as e')
        .innerJoin('threat_register_cases as c', (j) =>
          j
            .onRef('c.case_ref_hmac', '=', 'e.case_ref_hmac')
            .onRef('c.organisation_id', '=', 'e.organisation_id'),
        )
        .innerJoin('users as u', 'u.id', 'c.user_id')
        .select((eb) => [
          'e.id as entry_id',
          'c.id as case_id',
          'c.user_id',
          'u.name as user_name',
          'c.created_at as registered_at',
          eb
            .exists(
              eb
                .selectFrom('incident_participants as p')
                .select(sql`1`.as('one'))
                .whereRef('p.incident_id', '=', 'e.incident_id')
                .whereRef('p.user_id', '=', 'c.user_id'),
            )
            .$castTo<boolean>()
            .as('granted'),
        ])
        .where('e.id', 'in', entryIds)
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute();
    },

    async entryExists(incidentId: string, hmac: string): Promise<boolean> {
      const row = await idb
        .selectFrom('threat_register_entries')
        .select('id')
        .where('incident_id', '=', incidentId)
        .where('case_ref_hmac', '=', hmac)
        .executeTakeFirst();
      return !!row;
    },

    async insertEntry(values: {
      case_ref_hmac: string;
      incident_id: string | null;
      organisation_id: string;
      type_id: string;
      occurred_at: Date;
      months: number;
      note: string | null;
      created_by: string | null;
      now: Date;
    }): Promise<{ id: string; occurred_on: string; expires_at: Date }> {
      const occurredAt = sql`${values.occurred_at}::timestamptz`;
      return idb
        .insertInto('threat_register_entries')
        .values({
          case_ref_hmac: values.case_ref_hmac,
          incident_id: values.incident_id,
          organisation_id: values.organisation_id,
          type_id: values.type_id,
          // The calendar day where the city is, not in UTC.
          occurred_on: sql<string>`(${occurredAt} AT TIME ZONE 'Europe/Stockholm')::date`,
          expires_at: sql<Date>`${occurredAt} + make_interval(months => ${values.months}::int)`,
          note: values.note,
          created_by: values.created_by,
          created_at: values.now,
          updated_at: values.now,
        })
        .returning(['id', 'occurred_on', 'expires_at'])
        .executeTakeFirstOrThrow();
    },

    async updateEntry(id: string, values: EntryValues, now: Date): Promise<void> {
      await idb
        .updateTable('threat_register_entries')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async deleteEntry(id: string): Promise<void> {
      await idb.deleteFrom('threat_register_entries').where('id', '=', id).execute();
    },

    /** The start of a day in Stockholm plus `months`: the default expiry of an event on that day. */
    async expiryFor(occurredOn: string, months: number): Promise<Date> {
      const row = await sql<{ at: Date }>`
        SELECT (${occurredOn}::date::timestamp AT TIME ZONE 'Europe/Stockholm')
          + make_interval(months => ${months}::int) AS at
      `.execute(db);
      return row.rows[0]!.at;
    },

    // ------------------------------------------------------------ the report behind an entry

    async findIncident(id: string) {
      return idb
        .selectFrom('incidents as i')
        .innerJoin('incident_type_versions as v', 'v.id', 'i.type_version_id')
        .select([
          'i.id',
          'i.reference',
          'i.organisation_id',
          'i.type_id',
          'i.occurred_at',
          'v.threat_register',
        ])
        .where('i.id', '=', id)
        .executeTakeFirst();
    },

    async userName(id: string): Promise<string | undefined> {
      const row = await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
      return row?.name;
    },

    async grantAccess(values: {
      incident_id: string;
      user_id: string;
      granted_by: string;
      reason: string;
      now: Date;
    }): Promise<void> {
      await idb
        .insertInto('incident_participants')
        .values({
          incident_id: values.incident_id,
          user_id: values.user_id,
          role: 'granted',
          granted_by: values.granted_by,
          reason: values.reason,
          created_at: values.now,
        })
        .onConflict((oc) =>
          oc
            .columns(['incident_id', 'user_id', 'role'])
            .doUpdateSet({ granted_by: values.granted_by, reason: values.reason }),
        )
        .execute();
      await idb
        .insertInto('incident_events')
        .values({
          incident_id: values.incident_id,
          at: values.now,
          actor_id: values.granted_by,
          kind: 'access_granted',
          visibility: 'internal',
          body: values.reason,
          data: JSON.stringify({ userId: values.user_id, via: 'threat_register' }),
        })
        .execute();
    },
  };
}

export type ThreatRegisterRepository = ReturnType<typeof createThreatRegisterRepository>;
