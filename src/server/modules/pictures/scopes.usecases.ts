import { sql } from 'kysely';
import type { PictureScopesResponse } from '../../../domain/api/pictures.ts';
import { type Actor, can, scopeOf } from '../../../domain/permissions.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { swedishDate } from '../coordinators/dates.ts';
import { figuresRepository } from './figures.repository.ts';

/** What the caller may make pictures of: organisations, areas, the whole city, and the months with data. */
export async function listPictureScopes(deps: AppDeps, actor: Actor): Promise<PictureScopesResponse> {
  const repo = figuresRepository(deps.db);
  const today = swedishDate(deps.now());
  const grantOrgs = [...new Set(actor.grants.map((g) => g.organisationId))];
  const municipality = (await repo.municipalitiesOf(grantOrgs))[0];
  if (!municipality) throw forbidden();

  const orgIds = scopeOf(actor, 'pictures.read');
  const organisations =
    orgIds.length === 0
      ? []
      : (
          await sql<{ id: string; name: string; kind: string }>`
            SELECT id, name, kind FROM organisations
            WHERE id = ANY(${orgIds}::uuid[])
              AND (valid_from IS NULL OR valid_from <= ${today}::date)
              AND (valid_to IS NULL OR valid_to >= ${today}::date)
            ORDER BY CASE kind WHEN 'municipality' THEN 0 WHEN 'executive_board' THEN 1 WHEN 'committee' THEN 2
              WHEN 'office' THEN 3 WHEN 'company' THEN 4 ELSE 5 END, name`.execute(deps.db)
        ).rows;

  const tree = await repo.areas(municipality.id, today);
  const root = tree.find((a) => a.parent_id === null) ?? null;
  const mayReadAreas = can(actor, 'pictures.read');
  const canSeeCity =
    can(actor, 'aggregates.read_city') || can(actor, 'pictures.read', { organisationId: municipality.id });

  let first: string | null = null;
  if (root) {
    const r = await sql<{ first: string | null }>`
      SELECT to_char(min(month), 'YYYY-MM') AS first FROM picture_cells
      WHERE scope_id = ${root.id}::uuid AND grain = 'total'`.execute(deps.db);
    first = r.rows[0]?.first ?? null;
  }
  return {
    organisations,
    areas: mayReadAreas
      ? tree.map((a) => ({ id: a.id, name: a.name, level: a.level, parentId: a.parent_id }))
      : [],
    municipality: { id: municipality.id, name: municipality.name, rootAreaId: root?.id ?? null },
    canSeeCity,
    months: { first, last: today.slice(0, 7) },
  };
}
