import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import { addIncidentsToDemoCity, createDemoCity } from '../demo/demo.usecases.ts';
import { rebuildAllRollups } from './rollups.usecases.ts';

// The demo city (areas, organisations, people) takes a while to build.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const t = useTestApp();
const db = () => t.current.database.db;

/** Both tables as sorted lines ('own' cells only). */
async function stored(): Promise<{ rollups: string[]; cells: string[] }> {
  const rollups = await sql<{ line: string }>`
    SELECT concat_ws('|', day, organisation_id, coalesce(area_id::text, '-'), type_id, gender, source, count) AS line
    FROM incident_rollups`.execute(db());
  const cells = await sql<{ line: string }>`
    SELECT concat_ws('|', scope_id, month, grain, category, weekday, hour, gender, count) AS line
    FROM picture_cells WHERE source = 'own'`.execute(db());
  return { rollups: rollups.rows.map((r) => r.line).sort(), cells: cells.rows.map((r) => r.line).sort() };
}

describe('the demo generator keeps the rollups', () => {
  it('on the first start and when incidents are added on two connections, as a rebuild would', async () => {
    const now = () => new Date('2026-03-02T08:00:00Z');
    const result = await createDemoCity({ ...t.current.deps, now }, { incidents: 400, now });
    expect(result.status).toBe('created');
    const totals = async () =>
      (
        await sql<{ incidents: number; rolled: number; city: number }>`
          SELECT (SELECT count(*) FROM incidents)::int AS incidents,
            (SELECT sum(count) FROM incident_rollups)::int AS rolled,
            (SELECT sum(c.count) FROM picture_cells c JOIN areas a ON a.id = c.scope_id
             WHERE a.parent_id IS NULL AND c.source = 'own' AND c.grain = 'total')::int AS city`.execute(db())
      ).rows[0]!;
    expect(await totals()).toEqual({ incidents: 400, rolled: 400, city: 400 });
    const first = await stored();
    await rebuildAllRollups(db());
    expect(await stored()).toEqual(first);

    await addIncidentsToDemoCity({ ...t.current.deps, now }, { count: 600, writers: 2 });
    expect(await totals()).toEqual({ incidents: 1000, rolled: 1000, city: 1000 });
    // The two writers' runs of days share a month: both added to its cells.
    const added = await stored();
    await rebuildAllRollups(db());
    expect(await stored()).toEqual(added);
  });
});
