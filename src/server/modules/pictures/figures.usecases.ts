import type { PictureFigures, PictureFiguresQuery } from '../../../domain/api/pictures.ts';
import { defaultComparison, MAX_PERIOD_MONTHS, monthsIn } from '../../../domain/months.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { swedishDate } from '../coordinators/dates.ts';
import { invalidPictureQuery, pictureOrganisationNotFound } from './figures.errors.ts';
import { buildFigures, type ResolvedScope } from './figures.presenter.ts';
import { type AreaRow, figuresRepository } from './figures.repository.ts';
import { suppressFigures } from './suppression.ts';

export interface FiguresRequest {
  actor: Actor;
  query: PictureFiguresQuery;
  /**
   * 'viewer': suppress unless the actor has need-to-know of every figure (sensitive.read in the
   * organisation); 'always': suppress (snapshots, open data).
   */
  suppression: 'viewer' | 'always';
  /** Include the violent-extremism section (only when the actor holds extremism.read; else null). */
  includeExtremism: boolean;
  /** Who asked (for the audit entry); optional so that use cases calling this need not pass it. */
  meta?: RequestMeta;
}

/** Stands in for the root area of a municipality that has no areas yet (matches no cell). */
const NO_AREA = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type FieldError = { path: string; message: string };

/** The periods, checked: from ≤ to, whole months, at most 36 months each; comparison defaults to a year earlier. */
export function resolvePeriods(query: PictureFiguresQuery): {
  period: { from: string; to: string };
  comparison: { from: string; to: string };
} {
  const errors: FieldError[] = [];
  const period = { from: query.from, to: query.to };
  if (period.from > period.to) errors.push({ path: 'to', message: 'must not be before from' });
  else if (monthsIn(period) > MAX_PERIOD_MONTHS)
    errors.push({ path: 'to', message: `a period is at most ${MAX_PERIOD_MONTHS} months` });
  if ((query.compareFrom === undefined) !== (query.compareTo === undefined))
    errors.push({
      path: query.compareFrom === undefined ? 'compareFrom' : 'compareTo',
      message: 'give both compareFrom and compareTo, or neither',
    });
  const comparison =
    query.compareFrom && query.compareTo
      ? { from: query.compareFrom, to: query.compareTo }
      : defaultComparison(period);
  if (comparison.from > comparison.to)
    errors.push({ path: 'compareTo', message: 'must not be before compareFrom' });
  else if (monthsIn(comparison) > MAX_PERIOD_MONTHS)
    errors.push({ path: 'compareTo', message: `a period is at most ${MAX_PERIOD_MONTHS} months` });
  if (errors.length > 0) throw invalidPictureQuery(errors);
  return { period, comparison };
}

/** Comma-separated area ids, checked as UUIDs (duplicates dropped). */
function parseAreaIds(areas: string | undefined): string[] {
  if (!areas || areas.trim() === '') return [];
  const ids = [
    ...new Set(
      areas
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const bad = ids.filter((id) => !UUID.test(id));
  if (bad.length > 0)
    throw invalidPictureQuery([{ path: 'areas', message: `not area ids: ${bad.join(', ')}` }]);
  if (ids.length > 200) throw invalidPictureQuery([{ path: 'areas', message: 'at most 200 areas' }]);
  return ids;
}

/** Drops every area whose ancestor is also in the list (its figures are already in the ancestor's). */
function withoutNested(ids: string[], byId: Map<string, AreaRow>): string[] {
  const chosen = new Set(ids);
  return ids.filter((id) => {
    for (let p = byId.get(id)?.parent_id; p; p = byId.get(p)?.parent_id) if (chosen.has(p)) return false;
    return true;
  });
}

/**
 * Computes a picture's figures from the rollups (never from raw incident rows).
 *
 * Scopes and access:
 * - `organisation` (pictures.read in that organisation): own reports are the organisation's (its
 *   subtree is rolled up into it); police events, population, surveys, reported crime and the map are
 *   those of the areas it answers for today — or, for an organisation without areas (a company, a
 *   specialist committee), of the whole municipality, which the sources say. With `areas` as well, the
 *   chosen areas replace the organisation's: everything, own reports included, is then the areas'.
 * - `areas` alone: all own reports and police events in those areas. The figures are aggregates only
 *   (and protected against small counts outside need-to-know), so any holder of pictures.read in the
 *   areas' municipality may read them.
 * - neither: the whole municipality; needs aggregates.read_city or pictures.read in the municipality.
 * Every read is audited as `picture.read`.
 */
export async function computePictureFigures(deps: AppDeps, req: FiguresRequest): Promise<PictureFigures> {
  const { actor, query } = req;
  const { period, comparison } = resolvePeriods(query);
  const repo = figuresRepository(deps.db);
  const now = deps.now();
  const today = swedishDate(now);
  const chosen = parseAreaIds(query.areas);
  // The taxonomy is read while the scope is resolved.
  const taxonomy = repo.taxonomy();
  taxonomy.catch(() => {});

  let organisation: { id: string; name: string } | null = null;
  let municipalityId: string;
  if (query.organisation) {
    const org = await repo.organisation(query.organisation);
    if (!org) throw pictureOrganisationNotFound();
    if (!can(actor, 'pictures.read', { organisationId: org.id })) throw forbidden();
    organisation = { id: org.id, name: org.name };
    municipalityId = org.municipality_id;
  } else {
    if (!can(actor, 'pictures.read') && !can(actor, 'aggregates.read_city')) throw forbidden();
    const grantOrgs = [...new Set(actor.grants.map((g) => g.organisationId))];
    const municipalities = await repo.municipalitiesOf(grantOrgs);
    if (chosen.length > 0) {
      const found = await repo.areaMunicipalities(chosen);
      const first = found[0]?.municipality_id;
      municipalityId = first ?? municipalities[0]?.id ?? '';
    } else {
      const m = municipalities[0];
      if (!m) throw forbidden();
      municipalityId = m.id;
    }
    if (!municipalities.some((m) => m.id === municipalityId)) throw forbidden();
  }

  const tree = await repo.areas(municipalityId, today);
  const byId = new Map(tree.map((a) => [a.id, a]));
  // A municipality without areas yet: own reports only (the municipality's organisation scope).
  const realRoot = tree.find((a) => a.parent_id === null) ?? null;
  const root: AreaRow = realRoot ?? {
    id: NO_AREA,
    parent_id: null,
    level: 'municipality',
    name: (await repo.organisation(municipalityId))?.name ?? '',
  };
  if (chosen.length > 0) {
    const unknown = chosen.filter((id) => !byId.has(id));
    if (unknown.length > 0)
      throw invalidPictureQuery([{ path: 'areas', message: `unknown areas: ${unknown.join(', ')}` }]);
  }

  const kind: ResolvedScope['kind'] = organisation ? 'organisation' : chosen.length > 0 ? 'areas' : 'city';
  if (kind === 'city') {
    const cityReader =
      can(actor, 'aggregates.read_city') || can(actor, 'pictures.read', { organisationId: municipalityId });
    if (!cityReader) throw forbidden();
  } else if (kind === 'areas' && !can(actor, 'pictures.read')) throw forbidden();

  let areaIds: string[];
  let municipalityAreas = false;
  if (chosen.length > 0) areaIds = withoutNested(chosen, byId);
  else if (organisation) {
    areaIds = withoutNested(
      (await repo.organisationAreas(organisation.id, today)).filter((id) => byId.has(id)),
      byId,
    );
    if (areaIds.length === 0 && realRoot) {
      areaIds = [realRoot.id];
      municipalityAreas = true;
    }
  } else areaIds = realRoot ? [realRoot.id] : [];
  const ownScopes =
    organisation && chosen.length === 0 ? [organisation.id] : realRoot ? areaIds : [municipalityId];

  // Need-to-know of every figure: sensitive.read in the picture's organisation (the municipality for
  // area and city pictures).
  const ownerId = organisation?.id ?? municipalityId;
  const suppress = req.suppression === 'always' || !can(actor, 'sensitive.read', { organisationId: ownerId });
  const extremism = req.includeExtremism && can(actor, 'extremism.read', { organisationId: ownerId });

  const scope: ResolvedScope = {
    kind,
    organisation,
    municipalityId,
    root,
    areaIds,
    ownScopes,
    municipalityAreas,
    tree,
    byId,
  };
  const tax = await taxonomy;
  // The read is audited while the figures are read (access has been checked above).
  const audited = deps.db.transaction().execute(async (trx) => {
    await recordAudit(
      trx,
      {
        action: 'picture.read',
        actorId: actor.userId,
        organisationId: ownerId,
        targetType: kind === 'organisation' ? 'organisation' : kind === 'areas' ? 'areas' : 'city',
        targetId: kind === 'organisation' ? ownerId : kind === 'areas' ? areaIds.join(',') : 'city',
        ip: req.meta?.ip ?? null,
        requestId: req.meta?.requestId ?? null,
      },
      now,
    );
  });
  const [figures] = await Promise.all([
    buildFigures(repo, {
      scope,
      period,
      comparison,
      now,
      threshold: deps.config.suppressionThreshold,
      suppress,
      extremism,
      taxonomy: tax,
    }),
    audited,
  ]);

  return suppressFigures(figures.document, deps.config.suppressionThreshold, figures.links, suppress);
}
