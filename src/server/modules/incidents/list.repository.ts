import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  sql,
  type Transaction,
} from 'kysely';
import type { Actor } from '../../../domain/permissions.ts';
import type { Database } from '../../db/types.ts';
import { visibleIncidents } from './incidents.policy.ts';
import { type Gender, type IncidentState, type IncidentTables, incidentsDb } from './incidents.tables.ts';

/** Whose rows: what the actor handles (the access rule), or what they take part in. */
export type ListScope = { kind: 'handling'; actor: Actor } | { kind: 'mine'; userId: string };

/** A filter with its organisations resolved to subtrees and its period to SQL instants. */
export interface ResolvedFilter {
  /** Each set is an organisation (or unit) and everything below it; the incident's owner must be in all. */
  organisationSets: string[][];
  typeIds?: string[];
  groupCodes?: string[];
  focusAreas?: string[];
  states?: IncidentState[];
  /** 'YYYY-MM-DD' (midnight in Stockholm) or an ISO instant. */
  from?: string;
  to?: string;
  areaId?: string;
  facilityId?: string;
  genders?: Gender[];
  serious?: boolean;
  needToKnow?: boolean;
  q?: string;
  /** How `q` is matched: Swedish full text (the default), or by similar spelling when that finds nothing. */
  textMode?: TextMode;
}

export type TextMode = 'fulltext' | 'similar';

/** Where a page ends: the last row's occurred_at (microseconds, UTC) and id. */
export interface Keyset {
  at: string;
  id: string;
}

export interface SummaryRow {
  id: string;
  reference: string;
  type_id: string;
  type_label_sv: string;
  type_label_en: string;
  group_code: string;
  need_to_know: boolean;
  serious: boolean;
  state: IncidentState;
  occurred_at: Date;
  reported_at: Date;
  organisation_name: string;
  unit_name: string | null;
  area_name: string | null;
  facility_name: string | null;
  affected_gender: Gender | null;
  assignee_name: string | null;
  /** The start of the description; '' for need-to-know incidents (lists do not read their text). */
  excerpt: string;
  authority_overdue: boolean;
  /** occurred_at to the microsecond, for the cursor. */
  keyset_at: string;
}

export interface ExportRow extends SummaryRow {
  group_label_sv: string;
  group_label_en: string;
  /** The whole description (the visibility rule has already decided the actor may read it). */
  description: string;
  police_report_number: string | null;
  closed_reason: string | null;
  access_organisation_id: string;
}

export interface MapRow {
  id: string;
  lat: number;
  lon: number;
  type_id: string;
  group_code: string;
  serious: boolean;
  state: IncidentState;
}

export interface ObservationRow {
  id: string;
  reference: string;
  type_id: string;
  type_label_sv: string;
  type_label_en: string;
  occurred_at: Date;
  lat: number | null;
  lon: number | null;
  excerpt: string;
}

type Eb = ExpressionBuilder<IncidentTables & { i: IncidentTables['incidents'] }, 'i'>;

/** How many characters of the description a list shows. */
export const EXCERPT_CHARS = 140;

const instant = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? sql`(${value}::date::timestamp AT TIME ZONE 'Europe/Stockholm')`
    : sql`${value}::timestamptz`;

const keysetAt = sql<string>`to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Whether a search uses web-search syntax (a quoted phrase, `or`, a `-word`): then it is never matched by spelling. */
export function isPreciseSearch(q: string): boolean {
  return isReference(q) || /"|(^|\s)-\S|\sor\s/i.test(q);
}

/** A report's reference as on the receipt, e.g. "H-2026-000123": searched for as such. */
export function isReference(q: string): boolean {
  return /^H-\d{4}-\d{6,}$/i.test(q.trim());
}

/**
 * Swedish full text: stemmed, accents ignored, web-search syntax (GIN on the generated tsvector).
 * Or, when that finds nothing, near spellings of the search in the description: trigram word
 * similarity above pg_trgm's default 0.6 on accent-folded text, so "misshandell" finds "misshandel".
 * Both at once would make every search pay for the trigram index, which is far slower on common words.
 */
export function textMatches(q: string, mode: TextMode = 'fulltext') {
  if (isReference(q)) return sql<SqlBool>`i.reference = ${q.trim().toUpperCase()}`;
  return mode === 'similar'
    ? sql<SqlBool>`trygg_fold(i.description) %> trygg_fold(${q})`
    : sql<SqlBool>`i.search @@ websearch_to_tsquery('trygg_swedish', ${q})`;
}

function scopeCondition(scope: ListScope, eb: Eb): Expression<SqlBool> {
  if (scope.kind === 'handling') return visibleIncidents(scope.actor)(eb);
  return eb(
    'i.id',
    'in',
    eb.selectFrom('incident_participants as p').select('p.incident_id').where('p.user_id', '=', scope.userId),
  );
}

function filterConditions(f: ResolvedFilter, eb: Eb): Expression<SqlBool>[] {
  const accessOrg = sql<string>`coalesce(i.unit_id, i.organisation_id)`;
  const out: Expression<SqlBool>[] = [];
  for (const set of f.organisationSets) out.push(eb(accessOrg, '=', eb.fn.any(eb.val(set))));
  if (f.typeIds?.length) out.push(eb('i.type_id', '=', eb.fn.any(eb.val(f.typeIds))));
  if (f.groupCodes?.length) out.push(eb('i.group_code', '=', eb.fn.any(eb.val(f.groupCodes))));
  if (f.focusAreas?.length) out.push(sql<SqlBool>`i.focus_areas && ${f.focusAreas}::text[]`);
  if (f.states?.length) out.push(eb('i.state', '=', eb.fn.any(eb.val(f.states))));
  if (f.from) out.push(sql<SqlBool>`i.occurred_at >= ${instant(f.from)}`);
  if (f.to) out.push(sql<SqlBool>`i.occurred_at < ${instant(f.to)}`);
  if (f.areaId) out.push(sql<SqlBool>`i.area_path @> ARRAY[${f.areaId}::uuid]`);
  if (f.facilityId) out.push(eb('i.facility_id', '=', f.facilityId));
  if (f.genders?.length) {
    // Not stated counts as unknown.
    const gender = eb('i.affected_gender', '=', eb.fn.any(eb.val(f.genders)));
    out.push(f.genders.includes('unknown') ? eb.or([gender, eb('i.affected_gender', 'is', null)]) : gender);
  }
  if (f.serious !== undefined) out.push(eb('i.serious', '=', f.serious));
  if (f.needToKnow !== undefined) out.push(eb('i.need_to_know', '=', f.needToKnow));
  if (f.q) out.push(textMatches(f.q, f.textMode));
  return out;
}

export function createIncidentListRepository({ db }: { db: Kysely<Database> | Transaction<Database> }) {
  const idb = incidentsDb(db);

  /** The page's rows in keyset order, filtered and limited before any join (so joins run for one page only). */
  const page = (scope: ListScope, filter: ResolvedFilter, after: Keyset | null, limit: number) =>
    idb
      .selectFrom('incidents as i')
      .select([
        'i.id',
        'i.reference',
        'i.type_id',
        'i.type_version_id',
        'i.group_code',
        'i.need_to_know',
        'i.serious',
        'i.state',
        'i.occurred_at',
        'i.reported_at',
        'i.organisation_id',
        'i.unit_id',
        'i.area_id',
        'i.facility_id',
        'i.affected_gender',
        'i.assignee_id',
        'i.description',
        'i.police_report_number',
        'i.closed_reason',
        'i.authority_deadline_at',
        'i.authority_reported_at',
        keysetAt.as('keyset_at'),
      ])
      .where((eb) => {
        const all = [scopeCondition(scope, eb), ...filterConditions(filter, eb)];
        if (after)
          all.push(sql<SqlBool>`(i.occurred_at, i.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
        return eb.and(all);
      })
      .orderBy('i.occurred_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit);

  const named = (scope: ListScope, filter: ResolvedFilter, after: Keyset | null, limit: number, now: Date) =>
    idb
      .selectFrom(page(scope, filter, after, limit).as('i'))
      .innerJoin('incident_type_versions as tv', 'tv.id', 'i.type_version_id')
      .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
      .leftJoin('organisations as un', 'un.id', 'i.unit_id')
      .leftJoin('facilities as f', 'f.id', 'i.facility_id')
      .leftJoin('users as asg', 'asg.id', 'i.assignee_id')
      .select([
        'i.id',
        'i.reference',
        'i.type_id',
        'tv.label_sv as type_label_sv',
        'tv.label_en as type_label_en',
        'i.group_code',
        'i.need_to_know',
        'i.serious',
        'i.state',
        'i.occurred_at',
        'i.reported_at',
        'o.name as organisation_name',
        'un.name as unit_name',
        // The areas table has no Kysely type of its own.
        sql<string | null>`(SELECT a.name FROM areas a WHERE a.id = i.area_id)`.as('area_name'),
        'f.name as facility_name',
        'i.affected_gender',
        'asg.name as assignee_name',
        'i.keyset_at',
        sql<string>`CASE WHEN i.need_to_know THEN '' ELSE left(i.description, ${EXCERPT_CHARS + 20}) END`.as(
          'excerpt',
        ),
        sql<boolean>`(i.authority_deadline_at IS NOT NULL AND i.authority_reported_at IS NULL
          AND i.authority_deadline_at <= ${now})`.as('authority_overdue'),
      ])
      .orderBy('i.occurred_at', 'desc')
      .orderBy('i.id', 'desc');

  return {
    /** An organisation and every organisation below it; empty when it does not exist. */
    async subtreeOf(organisationId: string): Promise<string[]> {
      const result = await sql<{ id: string }>`
        WITH RECURSIVE sub AS (
          SELECT id FROM organisations WHERE id = ${organisationId}
          UNION ALL
          SELECT o.id FROM organisations o JOIN sub ON o.parent_id = sub.id
        ) SELECT id FROM sub`.execute(db);
      return result.rows.map((r) => r.id);
    },

    /** One page of summaries, newest first; `limit` rows at most. */
    async listPage(opts: {
      scope: ListScope;
      filter: ResolvedFilter;
      after: Keyset | null;
      limit: number;
      now: Date;
    }): Promise<SummaryRow[]> {
      const rows = await named(opts.scope, opts.filter, opts.after, opts.limit, opts.now).execute();
      return rows as SummaryRow[];
    },

    /** One batch of export rows, with the full texts and the group's labels. */
    async exportBatch(opts: {
      scope: ListScope;
      filter: ResolvedFilter;
      after: Keyset | null;
      limit: number;
      now: Date;
    }): Promise<ExportRow[]> {
      const rows = await named(opts.scope, opts.filter, opts.after, opts.limit, opts.now)
        .innerJoin('incident_type_groups as g', 'g.code', 'i.group_code')
        .select([
          'g.label_sv as group_label_sv',
          'g.label_en as group_label_en',
          'i.description',
          'i.police_report_number',
          'i.closed_reason',
          sql<string>`coalesce(i.unit_id, i.organisation_id)`.as('access_organisation_id'),
        ])
        .execute();
      return rows as ExportRow[];
    },

    /** How many rows match, and the need-to-know ones among them (whose reads are audited). */
    async countForExport(scope: ListScope, filter: ResolvedFilter) {
      const row = await idb
        .selectFrom('incidents as i')
        .select([
          sql<number>`count(*)::int`.as('total'),
          sql<string[]>`coalesce(array_agg(i.id) FILTER (WHERE i.need_to_know), '{}')`.as('sensitive_ids'),
          sql<
            string[]
          >`coalesce(array_agg(coalesce(i.unit_id, i.organisation_id)) FILTER (WHERE i.need_to_know), '{}')`.as(
            'sensitive_orgs',
          ),
        ])
        .where((eb) => eb.and([scopeCondition(scope, eb), ...filterConditions(filter, eb)]))
        .executeTakeFirstOrThrow();
      return {
        total: row.total,
        sensitive: row.sensitive_ids.map((id, n) => ({ id, organisationId: row.sensitive_orgs[n]! })),
      };
    },

    /** Points with coordinates, newest first; `limit` at most. */
    async mapPoints(opts: { scope: ListScope; filter: ResolvedFilter; limit: number }): Promise<MapRow[]> {
      const rows = await idb
        .selectFrom('incidents as i')
        .select(['i.id', 'i.lat', 'i.lon', 'i.type_id', 'i.group_code', 'i.serious', 'i.state'])
        .where((eb) =>
          eb.and([
            scopeCondition(opts.scope, eb),
            ...filterConditions(opts.filter, eb),
            eb('i.lat', 'is not', null),
            eb('i.lon', 'is not', null),
          ]),
        )
        .orderBy('i.occurred_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(opts.limit)
        .execute();
      return rows as MapRow[];
    },

    async findFacility(id: string) {
      return idb
        .selectFrom('facilities as f')
        .select(['f.id', 'f.name', 'f.type_code', 'f.organisation_id', 'f.lat', 'f.lon'])
        .where('f.id', '=', id)
        .executeTakeFirst();
    },

    /**
     * Observations (the `facility_observation` group) at a facility in a period, newest first, and
     * their counts per month (in Stockholm) and type. Need-to-know incidents are left out: this page
     * is for everyone who may see the facility.
     */
    async facilityObservations(opts: { facilityId: string; from?: string; to?: string; limit: number }) {
      const where = (eb: Eb) =>
        eb.and([
          eb('i.facility_id', '=', opts.facilityId),
          eb('i.group_code', '=', 'facility_observation'),
          eb('i.need_to_know', '=', false),
          ...(opts.from ? [sql<SqlBool>`i.occurred_at >= ${instant(opts.from)}`] : []),
          ...(opts.to ? [sql<SqlBool>`i.occurred_at < ${instant(opts.to)}`] : []),
        ]);
      const items = await idb
        .selectFrom('incidents as i')
        .innerJoin('incident_type_versions as tv', 'tv.id', 'i.type_version_id')
        .select([
          'i.id',
          'i.reference',
          'i.type_id',
          'tv.label_sv as type_label_sv',
          'tv.label_en as type_label_en',
          'i.occurred_at',
          'i.lat',
          'i.lon',
          sql<string>`left(i.description, ${EXCERPT_CHARS + 20})`.as('excerpt'),
        ])
        .where(where)
        .orderBy('i.occurred_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(opts.limit)
        .execute();
      const byMonth = await idb
        .selectFrom('incidents as i')
        .select([
          sql<string>`to_char(i.occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')`.as('month'),
          'i.type_id',
          sql<number>`count(*)::int`.as('count'),
        ])
        .where(where)
        .groupBy([sql`1`, 'i.type_id'])
        .orderBy(sql`1`)
        .orderBy('i.type_id')
        .execute();
      return { items: items as ObservationRow[], byMonth };
    },
  };
}

export type IncidentListRepository = ReturnType<typeof createIncidentListRepository>;
