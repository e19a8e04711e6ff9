import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { picturesDb } from './pictures.tables.ts';

export interface OrganisationFacts {
  id: string;
  name: string;
  kind: string;
  municipalityId: string;
}

export interface PictureRecord {
  id: string;
  municipality_id: string;
  organisation_id: string;
  organisation_name: string;
  title: string;
  cycle_year: number;
  area_ids: string[];
  period_from: string;
  period_to: string;
  compare_from: string;
  compare_to: string;
  analysis: Record<string, string>;
  notes: string;
  extremism_analysis: string;
  revision: number;
  updated_at: Date;
  updated_by_name: string | null;
}

export interface SnapshotRecord {
  id: string;
  picture_id: string;
  municipality_id: string;
  organisation_id: string;
  organisation_name: string;
  cycle_year: number;
  version: number;
  title: string;
  status: 'frozen' | 'signed' | 'submitted';
  frozen_at: Date;
  frozen_by_name: string | null;
  signed_at: Date | null;
  signed_by_name: string | null;
  submitted_at: Date | null;
  submitted_by_name: string | null;
}

export interface SnapshotFullRecord extends SnapshotRecord {
  figures: unknown;
  analysis: Record<string, string>;
  notes: string;
  extremism: unknown;
}

type AnyDb = Kysely<Database>;

/** An organisation with the municipality (root of the organisation tree) it belongs to. */
export async function findOrganisation(db: AnyDb, id: string): Promise<OrganisationFacts | undefined> {
  const result = await sql<{ id: string; name: string; kind: string; municipality_id: string }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id = ${id}
      UNION ALL
      SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    )
    SELECT o.id, o.name, o.kind, (SELECT up.id FROM up WHERE up.parent_id IS NULL) AS municipality_id
    FROM organisations o WHERE o.id = ${id}`.execute(db);
  const row = result.rows[0];
  return row && { id: row.id, name: row.name, kind: row.kind, municipalityId: row.municipality_id };
}

/** The municipality: the root of the organisation tree. */
export async function findMunicipalityId(db: AnyDb): Promise<string | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id;
}

/** The ids among `ids` that are areas of the municipality. */
export async function areasOfMunicipality(
  db: AnyDb,
  municipalityId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: string }>`
    SELECT id FROM areas WHERE municipality_id = ${municipalityId} AND id = ANY(${ids}::uuid[])`.execute(db);
  return new Set(result.rows.map((r) => r.id));
}

const pictureSelect = sql`
  SELECT p.id, p.municipality_id, p.organisation_id, o.name AS organisation_name, p.title, p.cycle_year,
    p.area_ids, p.period_from, p.period_to, p.compare_from, p.compare_to, p.analysis, p.notes,
    p.extremism_analysis, p.revision, p.updated_at, u.name AS updated_by_name
  FROM pictures p
  JOIN organisations o ON o.id = p.organisation_id
  LEFT JOIN users u ON u.id = p.updated_by`;

export async function findPicture(
  db: AnyDb,
  id: string,
  forUpdate = false,
): Promise<PictureRecord | undefined> {
  const result = await sql<PictureRecord>`${pictureSelect} WHERE p.id = ${id} ${
    forUpdate ? sql`FOR UPDATE OF p` : sql``
  }`.execute(db);
  return result.rows[0];
}

export async function listPictures(
  db: AnyDb,
  opts: { organisationIds: string[]; year?: number; organisationId?: string },
): Promise<PictureRecord[]> {
  if (opts.organisationIds.length === 0) return [];
  const result = await sql<PictureRecord>`${pictureSelect}
    WHERE p.organisation_id = ANY(${opts.organisationIds}::uuid[])
      ${opts.year === undefined ? sql`` : sql`AND p.cycle_year = ${opts.year}`}
      ${opts.organisationId === undefined ? sql`` : sql`AND p.organisation_id = ${opts.organisationId}`}
    ORDER BY p.cycle_year DESC, o.name, p.updated_at DESC
    LIMIT 500`.execute(db);
  return result.rows;
}

const snapshotColumns = sql`
  s.id, s.picture_id, p.municipality_id, s.organisation_id, o.name AS organisation_name, s.cycle_year,
  s.version, s.title, s.status, s.frozen_at, fu.name AS frozen_by_name, s.signed_at, su.name AS signed_by_name,
  s.submitted_at, bu.name AS submitted_by_name`;
const snapshotJoins = sql`
  FROM picture_snapshots s
  JOIN pictures p ON p.id = s.picture_id
  JOIN organisations o ON o.id = s.organisation_id
  LEFT JOIN users fu ON fu.id = s.frozen_by
  LEFT JOIN users su ON su.id = s.signed_by
  LEFT JOIN users bu ON bu.id = s.submitted_by`;

export async function snapshotsOfPictures(db: AnyDb, pictureIds: string[]): Promise<SnapshotRecord[]> {
  if (pictureIds.length === 0) return [];
  const result = await sql<SnapshotRecord>`SELECT ${snapshotColumns} ${snapshotJoins}
    WHERE s.picture_id = ANY(${pictureIds}::uuid[]) ORDER BY s.picture_id, s.version DESC`.execute(db);
  return result.rows;
}

export async function findSnapshot(
  db: AnyDb,
  id: string,
  forUpdate = false,
): Promise<SnapshotFullRecord | undefined> {
  const result = await sql<SnapshotFullRecord>`
    SELECT ${snapshotColumns}, s.figures, s.analysis, s.notes, s.extremism ${snapshotJoins}
    WHERE s.id = ${id} ${forUpdate ? sql`FOR UPDATE OF s` : sql``}`.execute(db);
  return result.rows[0];
}

export async function nextSnapshotVersion(db: AnyDb, pictureId: string): Promise<number> {
  const row = await picturesDb(db)
    .selectFrom('picture_snapshots')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('picture_id', '=', pictureId)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}
