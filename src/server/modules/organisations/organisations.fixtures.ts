import { type Kysely, sql } from 'kysely';
import type { CommitteeType, OrganisationKind } from '../../../domain/roles.ts';
import type { Database } from '../../db/types.ts';
import { type StructureDb, structureDb } from './organisations.tables.ts';

// Test data written straight to the database (tests of this module and the authorization matrix).

/** An organisation of any kind, bypassing the API's rules. */
export async function insertOrganisation(
  db: Kysely<Database> | StructureDb,
  o: {
    name: string;
    kind: OrganisationKind;
    parentId: string;
    committeeType?: CommitteeType | null;
    code?: string | null;
    validFrom?: string | null;
    validTo?: string | null;
  },
): Promise<string> {
  const row = await structureDb(db)
    .insertInto('organisations')
    .values({
      name: o.name,
      kind: o.kind,
      parent_id: o.parentId,
      committee_type: o.committeeType ?? null,
      code: o.code ?? null,
      valid_from: o.validFrom ?? null,
      valid_to: o.validTo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function insertUnit(db: Kysely<Database> | StructureDb, name: string, parentId: string) {
  return insertOrganisation(db, { name, kind: 'unit', parentId });
}

export async function makeDistrictCommittee(db: Kysely<Database> | StructureDb, id: string): Promise<void> {
  await structureDb(db)
    .updateTable('organisations')
    .set({ committee_type: 'district' })
    .where('id', '=', id)
    .execute();
}

/** An area under the municipality's root area (made on first use). */
export async function insertArea(
  db: Kysely<Database> | StructureDb,
  name: string,
  code?: string,
): Promise<string> {
  const municipality = await sql<{ id: string }>`
    SELECT id FROM organisations WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`.execute(db);
  const municipalityId = municipality.rows[0]!.id;
  let root = (await sql<{ id: string }>`SELECT id FROM areas WHERE parent_id IS NULL LIMIT 1`.execute(db))
    .rows[0];
  if (!root)
    root = (
      await sql<{ id: string }>`
        INSERT INTO areas (level, name, municipality_id, depth)
        VALUES ('municipality', 'Kommunen', ${municipalityId}, 0) RETURNING id`.execute(db)
    ).rows[0]!;
  const row = await sql<{ id: string }>`
    INSERT INTO areas (parent_id, level, name, code, municipality_id, depth)
    VALUES (${root.id}, 'district_area', ${name}, ${code ?? null}, ${municipalityId}, 1) RETURNING id`.execute(
    db,
  );
  return row.rows[0]!.id;
}

export async function insertResponsibility(
  db: Kysely<Database> | StructureDb,
  r: { organisationId: string; areaId: string; validFrom?: string | null; validTo?: string | null },
): Promise<string> {
  const row = await structureDb(db)
    .insertInto('organisation_areas')
    .values({
      organisation_id: r.organisationId,
      area_id: r.areaId,
      valid_from: r.validFrom ?? null,
      valid_to: r.validTo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
