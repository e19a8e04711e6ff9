import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The picture's reads. Never raw incident rows: picture_cells (own reports and police events per scope
 * and month), population, survey_results, reported_crime, statistics_imports, plus the small reference
 * tables (areas, organisations, the taxonomy, the police type mapping). Dates are 'YYYY-MM-DD' strings.
 */

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  committee_type: string | null;
  municipality_id: string;
}

export interface AreaRow {
  id: string;
  parent_id: string | null;
  level: string;
  name: string;
}

export interface TypeRow {
  code: string;
  group_code: string;
  label_sv: string;
  label_en: string;
  focus_areas: string[];
  violent_extremism: boolean;
  sort_order: number;
}

export interface FocusAreaRow {
  code: string;
  label_sv: string;
  label_en: string;
}

export interface PoliceMappingRow {
  police_type: string;
  incident_type_code: string | null;
  focus_areas: string[];
  violent_extremism: boolean;
  counted: boolean;
}

/** One summed cell. part: 'main' (per month), 'heat' (period), 'child' (per scope, period), 'city' (period). */
export interface CellRow {
  part: 'main' | 'heat' | 'child' | 'city';
  scope_id: string | null;
  month: string | null;
  source: 'own' | 'police';
  grain: 'total' | 'type' | 'hour';
  category: string;
  weekday: number;
  hour: number;
  gender: string;
  n: number;
}

export interface CellQuery {
  ownScopes: string[];
  policeScopes: string[];
  childScopes: string[];
  rootAreaId: string;
  /** First days of months: the whole range read for the trend and both periods. */
  rangeFrom: string;
  rangeTo: string;
  periodFrom: string;
  periodTo: string;
  /** Own types and police types left out of the children's totals (observations, extremism, not counted). */
  excludedOwn: string[];
  excludedPolice: string[];
}

const uuids = (ids: string[]) => sql`${ids}::uuid[]`;

export function figuresRepository(db: Db) {
  return {
    /** An organisation with its municipality (the root above it). */
    async organisation(id: string): Promise<OrganisationRow | undefined> {
      const r = await sql<OrganisationRow>`
        WITH RECURSIVE up AS (
          SELECT id, parent_id FROM organisations WHERE id = ${id}::uuid
          UNION ALL
          SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
        )
        SELECT o.id, o.name, o.kind, o.committee_type,
          (SELECT up.id FROM up WHERE up.parent_id IS NULL) AS municipality_id
        FROM organisations o WHERE o.id = ${id}::uuid`.execute(db);
      return r.rows[0];
    },

    /** The municipalities (roots) above the given organisations. */
    async municipalitiesOf(orgIds: string[]): Promise<{ id: string; name: string }[]> {
      if (orgIds.length === 0) return [];
      const r = await sql<{ id: string; name: string }>`
        WITH RECURSIVE up AS (
          SELECT id, parent_id FROM organisations WHERE id = ANY(${uuids(orgIds)})
          UNION
          SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
        )
        SELECT DISTINCT o.id, o.name FROM up JOIN organisations o ON o.id = up.id
        WHERE up.parent_id IS NULL ORDER BY o.name`.execute(db);
      return r.rows;
    },

    /** Every area of a municipality in force on `day` (a few hundred rows at most). */
    async areas(municipalityId: string, day: string): Promise<AreaRow[]> {
      const r = await sql<AreaRow>`
        SELECT id, parent_id, level, name FROM areas
        WHERE municipality_id = ${municipalityId}::uuid
          AND (valid_from IS NULL OR valid_from <= ${day}::date)
          AND (valid_to IS NULL OR valid_to >= ${day}::date)
        ORDER BY depth, name`.execute(db);
      return r.rows;
    },

    /** Which municipality each area belongs to (for validating chosen areas). */
    async areaMunicipalities(ids: string[]): Promise<{ id: string; municipality_id: string }[]> {
      if (ids.length === 0) return [];
      const r = await sql<{ id: string; municipality_id: string }>`
        SELECT id, municipality_id FROM areas WHERE id = ANY(${uuids(ids)})`.execute(db);
      return r.rows;
    },

    /** The areas an organisation answers for on `day`. */
    async organisationAreas(organisationId: string, day: string): Promise<string[]> {
      const r = await sql<{ area_id: string }>`
        SELECT area_id FROM organisation_areas
        WHERE organisation_id = ${organisationId}::uuid
          AND (valid_from IS NULL OR valid_from <= ${day}::date)
          AND (valid_to IS NULL OR valid_to >= ${day}::date)`.execute(db);
      return r.rows.map((x) => x.area_id);
    },

    async taxonomy(): Promise<{ types: TypeRow[]; focusAreas: FocusAreaRow[]; police: PoliceMappingRow[] }> {
      const [types, focusAreas, police] = await Promise.all([
        sql<TypeRow>`
          SELECT t.code, t.group_code, v.label_sv, v.label_en, v.focus_areas, t.violent_extremism, t.sort_order
          FROM incident_types t
          JOIN incident_type_versions v ON v.type_id = t.id AND v.version = t.current_version
          ORDER BY t.sort_order, t.code`.execute(db),
        sql<FocusAreaRow>`SELECT code, label_sv, label_en FROM focus_areas ORDER BY position`.execute(db),
        sql<PoliceMappingRow>`
          SELECT m.police_type, t.code AS incident_type_code, m.focus_areas, m.violent_extremism, m.counted
          FROM police_type_mappings m LEFT JOIN incident_types t ON t.id = m.incident_type_id`.execute(db),
      ]);
      return { types: types.rows, focusAreas: focusAreas.rows, police: police.rows };
    },

    /**
     * Every cell the picture needs, summed, in one statement: per month and type for the picture's scopes
     * (trend, both periods), weekday × hour over the period, the choropleth's children over the period,
     * and the municipality's root area per type over the period (the city reference).
     */
    async cells(q: CellQuery): Promise<CellRow[]> {
      const main = sql`((source = 'own' AND scope_id = ANY(${uuids(q.ownScopes)}))
        OR (source = 'police' AND scope_id = ANY(${uuids(q.policeScopes)})))`;
      const r = await sql<CellRow>`
        SELECT 'main' AS part, NULL::uuid AS scope_id, to_char(month, 'YYYY-MM') AS month, source, grain, category,
          0 AS weekday, -1 AS hour, gender, sum(count)::int AS n
        FROM picture_cells
        WHERE ${main} AND grain = 'type' AND month BETWEEN ${q.rangeFrom}::date AND ${q.rangeTo}::date
        GROUP BY month, source, grain, category, gender
        UNION ALL
        SELECT 'heat', NULL, NULL, source, grain, category, weekday, hour, gender, sum(count)::int
        FROM picture_cells
        WHERE ${main} AND grain = 'hour' AND month BETWEEN ${q.periodFrom}::date AND ${q.periodTo}::date
        GROUP BY source, grain, category, weekday, hour, gender
        UNION ALL
        SELECT 'child', scope_id, NULL, source, grain, category, 0, -1, gender, sum(count)::int
        FROM picture_cells
        WHERE scope_id = ANY(${uuids(q.childScopes)}) AND month BETWEEN ${q.periodFrom}::date AND ${q.periodTo}::date
          AND (grain = 'total'
            OR (grain = 'type' AND source = 'own' AND category = ANY(${q.excludedOwn}::text[]))
            OR (grain = 'type' AND source = 'police' AND category = ANY(${q.excludedPolice}::text[])))
        GROUP BY scope_id, source, grain, category, gender
        UNION ALL
        SELECT 'city', NULL, NULL, source, grain, category, 0, -1, gender, sum(count)::int
        FROM picture_cells
        WHERE scope_id = ${q.rootAreaId}::uuid AND grain = 'type'
          AND month BETWEEN ${q.periodFrom}::date AND ${q.periodTo}::date
        GROUP BY source, grain, category, gender`.execute(db);
      return r.rows;
    },

    /** Population of the latest year ≤ `year` that has any, for the given areas (summed over age bands later). */
    async population(
      areaIds: string[],
      year: number,
    ): Promise<{ area_id: string; year: number; gender: string; age_band: string; count: number }[]> {
      if (areaIds.length === 0) return [];
      const r = await sql<{ area_id: string; year: number; gender: string; age_band: string; count: number }>`
        SELECT area_id, year, gender, age_band, count FROM population
        WHERE area_id = ANY(${uuids(areaIds)})
          AND year = (SELECT max(year) FROM population WHERE area_id = ANY(${uuids(areaIds)}) AND year <= ${year})`.execute(
        db,
      );
      return r.rows;
    },

    /** Survey rows of the latest year ≤ `year` for the given areas. */
    async surveys(
      areaIds: string[],
      year: number,
    ): Promise<
      {
        area_id: string;
        year: number;
        question_code: string;
        question_label: string;
        group_kind: string;
        group_value: string;
        value: string;
        respondents: number | null;
      }[]
    > {
      if (areaIds.length === 0) return [];
      const r = await sql<{
        area_id: string;
        year: number;
        question_code: string;
        question_label: string;
        group_kind: string;
        group_value: string;
        value: string;
        respondents: number | null;
      }>`
        SELECT area_id, year, question_code, question_label, group_kind, group_value, value::text, respondents
        FROM survey_results
        WHERE area_id = ANY(${uuids(areaIds)})
          AND year = (SELECT max(year) FROM survey_results WHERE area_id = ANY(${uuids(areaIds)}) AND year <= ${year})
        ORDER BY question_code, group_kind, group_value`.execute(db);
      return r.rows;
    },

    /** Reported crime of the given areas whose periods lie within [from, to] (days). */
    async reportedCrime(
      areaIds: string[],
      from: string,
      to: string,
    ): Promise<
      { area_id: string; period_start: string; period_end: string; crime_type: string; count: number }[]
    > {
      if (areaIds.length === 0) return [];
      const r = await sql<{
        area_id: string;
        period_start: string;
        period_end: string;
        crime_type: string;
        count: number;
      }>`
        SELECT area_id, period_start, period_end, crime_type, count FROM reported_crime
        WHERE area_id = ANY(${uuids(areaIds)}) AND period_start >= ${from}::date AND period_end <= ${to}::date`.execute(
        db,
      );
      return r.rows;
    },

    /** What each source covers (from the data itself), its last import, and the unplaced police events. */
    async sources(p: {
      municipalityId: string;
      rootAreaId: string;
      from: string;
      toExclusive: string;
    }): Promise<SourcesRow> {
      const r = await sql<SourcesRow>`
        SELECT
          (SELECT min(month) FROM picture_cells WHERE scope_id = ${p.rootAreaId}::uuid AND source = 'own' AND grain = 'total') AS own_from,
          (SELECT (max(month) + interval '1 month' - interval '1 day')::date FROM picture_cells WHERE scope_id = ${p.rootAreaId}::uuid AND source = 'own' AND grain = 'total') AS own_to,
          (SELECT (min(occurred_at) AT TIME ZONE 'Europe/Stockholm')::date FROM police_events WHERE municipality_id = ${p.municipalityId}::uuid) AS police_from,
          (SELECT (max(occurred_at) AT TIME ZONE 'Europe/Stockholm')::date FROM police_events WHERE municipality_id = ${p.municipalityId}::uuid) AS police_to,
          (SELECT count(*)::int FROM police_events WHERE municipality_id = ${p.municipalityId}::uuid AND place_level = 'municipality'
             AND occurred_at >= (${p.from}::timestamp AT TIME ZONE 'Europe/Stockholm')
             AND occurred_at < (${p.toExclusive}::timestamp AT TIME ZONE 'Europe/Stockholm')) AS unplaced,
          (SELECT min(year) FROM population pp JOIN areas a ON a.id = pp.area_id WHERE a.municipality_id = ${p.municipalityId}::uuid) AS population_from,
          (SELECT max(year) FROM population pp JOIN areas a ON a.id = pp.area_id WHERE a.municipality_id = ${p.municipalityId}::uuid) AS population_to,
          (SELECT min(year) FROM survey_results s JOIN areas a ON a.id = s.area_id WHERE a.municipality_id = ${p.municipalityId}::uuid) AS survey_from,
          (SELECT max(year) FROM survey_results s JOIN areas a ON a.id = s.area_id WHERE a.municipality_id = ${p.municipalityId}::uuid) AS survey_to,
          (SELECT min(period_start) FROM reported_crime r JOIN areas a ON a.id = r.area_id WHERE a.municipality_id = ${p.municipalityId}::uuid) AS crime_from,
          (SELECT max(period_end) FROM reported_crime r JOIN areas a ON a.id = r.area_id WHERE a.municipality_id = ${p.municipalityId}::uuid) AS crime_to,
          (SELECT coalesce(json_object_agg(kind, at), '{}'::json) FROM (
             SELECT kind, max(imported_at) AS at FROM statistics_imports
             WHERE municipality_id = ${p.municipalityId}::uuid GROUP BY kind) k) AS imports`.execute(db);
      return r.rows[0]!;
    },
  };
}

export interface SourcesRow {
  own_from: string | null;
  own_to: string | null;
  police_from: string | null;
  police_to: string | null;
  unplaced: number;
  population_from: number | null;
  population_to: number | null;
  survey_from: number | null;
  survey_to: number | null;
  crime_from: string | null;
  crime_to: string | null;
  /** kind → last imported_at (ISO text from JSON). */
  imports: Record<string, string>;
}

export type FiguresRepository = ReturnType<typeof figuresRepository>;
