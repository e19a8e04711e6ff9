import { sql } from 'kysely';
import type { Client, TestApp } from '../../../../tests/support/test-app.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { commitAreaImport } from '../areas/import/import.usecases.ts';
import { incidentsDb } from './incidents.tables.ts';

/** Test helpers for reporting (integration tests of this folder). */

/** A square area (WGS84 degrees) imported through the areas module; returns its id. */
export async function importSquareArea(
  t: TestApp,
  name: string,
  corner: { lon: number; lat: number },
  size = 0.05,
): Promise<string> {
  const { lon, lat } = corner;
  const ring = [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
  await commitAreaImport({
    deps: t.deps,
    caller: SYSTEM,
    input: {
      fileName: 'test.geojson',
      geojson: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } },
        ],
      }),
      level: 'neighbourhood',
      nameProperty: 'name',
    },
  });
  const row = await sql<{ id: string }>`SELECT id FROM areas WHERE name = ${name}`.execute(t.database.db);
  return row.rows[0]!.id;
}

/** A unit (or an office) under `parentId`, written straight to the database. */
export async function createUnit(
  t: TestApp,
  name: string,
  parentId: string,
  kind: 'unit' | 'office' = 'unit',
) {
  const row = await sql<{ id: string }>`
    INSERT INTO organisations (name, kind, parent_id) VALUES (${name}, ${kind}, ${parentId}) RETURNING id`.execute(
    t.database.db,
  );
  return row.rows[0]!.id;
}

export async function typeIdOf(t: TestApp, code: string): Promise<string> {
  const row = await incidentsDb(t.database.db)
    .selectFrom('incident_types')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A minimal valid report of `typeCode`, an hour ago by the test clock. */
export async function reportBody(t: TestApp, typeCode: string, extra: Record<string, unknown> = {}) {
  return {
    typeId: await typeIdOf(t, typeCode),
    occurredAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
    affectedKind: 'employee',
    description: 'Någon slog sönder rutan vid entrén',
    policeCalled: false,
    injury: false,
    ...extra,
  };
}

/** Uploads a file as the browser does: the raw bytes, the name URI-encoded in a header. */
export function upload(
  client: Client,
  content: Buffer,
  fileName?: string,
  contentType = 'application/octet-stream',
) {
  return client.request('POST', '/api/incident-uploads', content, {
    'content-type': contentType,
    ...(fileName ? { 'x-file-name': encodeURIComponent(fileName) } : {}),
  });
}

const TABLES = [
  'incidents',
  'incident_participants',
  'incident_events',
  'incident_attachments',
  'incident_uploads',
  'notifications',
  'threat_register_entries',
  'audit_events',
] as const;

/** Row counts of every table a report writes to, to show that a refused request stored nothing. */
export async function countRows(t: TestApp): Promise<Record<(typeof TABLES)[number], number>> {
  const result = await sql<Record<string, string>>`
    SELECT ${sql.join(
      TABLES.map((table) => sql`(SELECT count(*) FROM ${sql.table(table)}) AS ${sql.ref(table)}`),
    )}`.execute(t.database.db);
  const row = result.rows[0]!;
  return Object.fromEntries(TABLES.map((table) => [table, Number(row[table])])) as never;
}
