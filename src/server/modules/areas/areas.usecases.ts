import type {
  Area,
  AreaDetail,
  AreaFeatureCollection,
  AreaListResponse,
  LocateResponse,
  MapConfig,
  UpdateAreaRequest,
} from '../../../domain/api/areas.ts';
import type { FlatRing } from '../../../domain/geo/geometry.ts';
import { createPointIndex, type IndexedArea, type PointIndex } from '../../../domain/geo/point-index.ts';
import { toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import { type Caller, callerCan, callerId } from '../../platform/actor.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { areaNameTaken, areaNotFound, areaRootRename, invalidValidity } from './areas.errors.ts';
import { featureBbox, presentArea, presentFeature, presentRef } from './areas.presenter.ts';
import { type AreaRefRow, createAreasRepository, parsePolygonText } from './areas.repository.ts';
import { areasDb, audit } from './areas.tables.ts';

/** Today in Sweden, as `YYYY-MM-DD`: the day whose areas are in force. */
// One formatter, made once: building an Intl.DateTimeFormat costs far more than formatting with it.
const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

export function swedishDay(now: Date): string {
  return STOCKHOLM_DAY.format(now);
}

/** Every area, or those of one level, from the root down (areas are city-wide: any signed-in user). */
export async function listAreas({
  deps,
  caller,
  level,
}: {
  deps: AppDeps;
  caller: Caller;
  level?: string;
}): Promise<AreaListResponse> {
  const repo = createAreasRepository(deps);
  const [rows, levels, rootId] = await Promise.all([
    repo.list({ level }),
    repo.listLevels(),
    createOrganisationsRepository(deps).findRootId(),
  ]);
  return { items: rows.map((a) => presentArea(caller, a, rootId)), levels };
}

export async function getArea({
  deps,
  caller,
  id,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
}): Promise<AreaDetail> {
  const repo = createAreasRepository(deps);
  const row = await repo.findById(id);
  if (!row) throw areaNotFound();
  const [ancestors, children, rootId] = await Promise.all([
    repo.listAncestors(id),
    repo.listChildren(id),
    createOrganisationsRepository(deps).findRootId(),
  ]);
  return {
    ...presentArea(caller, row, rootId),
    ancestors: ancestors.map(presentRef),
    children: children.map(presentRef),
  };
}

/** Renames an area or changes its validity dates; audited. */
export async function updateArea({
  deps,
  caller,
  id,
  input,
  meta,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  input: UpdateAreaRequest;
  meta: RequestMeta;
}): Promise<Area> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  if (!rootId || !callerCan(caller, 'areas.manage', { organisationId: rootId })) throw forbidden();
  return areasDb(deps.db)
    .transaction()
    .execute(async (trx) => {
      const repo = createAreasRepository({ db: trx });
      const row = await repo.findById(id);
      if (!row) throw areaNotFound();
      const changes: { name?: string; valid_from?: string | null; valid_to?: string | null } = {};
      if (input.name !== undefined && input.name !== row.name) {
        if (row.parent_id === null) throw areaRootRename();
        if (await repo.findSibling(row.parent_id, row.level, input.name, id)) throw areaNameTaken();
        changes.name = input.name;
      }
      if (input.validFrom !== undefined && input.validFrom !== row.valid_from)
        changes.valid_from = input.validFrom;
      if (input.validTo !== undefined && input.validTo !== row.valid_to) changes.valid_to = input.validTo;
      const from = changes.valid_from !== undefined ? changes.valid_from : row.valid_from;
      const to = changes.valid_to !== undefined ? changes.valid_to : row.valid_to;
      if (from && to && to < from)
        throw invalidValidity([{ path: 'body.validTo', message: 'Before validFrom' }]);
      const fields = Object.keys(changes);
      if (fields.length > 0) {
        const now = deps.now();
        await repo.update(id, changes, now);
        await audit(
          trx,
          {
            action: 'area.updated',
            actorId: callerId(caller),
            organisationId: row.municipality_id,
            targetType: 'area',
            targetId: id,
            fields,
            ...meta,
          },
          now,
        );
      }
      return presentArea(caller, (await repo.findById(id))!, rootId);
    });
}

/**
 * pointToArea: the deepest area in force containing the point and its ancestors, through SQL (the
 * GiST index, then exact containment with holes). Outside every area: `area` null.
 */
export async function pointToArea({
  deps,
  lat,
  lon,
  date,
}: {
  deps: AppDeps;
  lat: number;
  lon: number;
  date?: string;
}): Promise<LocateResponse> {
  const { north, east } = toSweref99tm(lat, lon);
  const repo = createAreasRepository(deps);
  const hit = await repo.locate(east, north, date ?? swedishDay(deps.now()));
  const ancestors = hit ? await repo.listAncestors(hit.id) : [];
  return {
    sweref99tm: { north, east },
    area: hit ? presentRef(hit) : null,
    ancestors: ancestors.map(presentRef),
  };
}

/** The areas' geometry as a WGS84 FeatureCollection, for maps. */
export async function getAreasGeoJson({
  deps,
  level,
}: {
  deps: AppDeps;
  level?: string;
}): Promise<AreaFeatureCollection> {
  const rows = await createAreasRepository(deps).listGeometries({ level });
  const features = rows.map(presentFeature);
  const bbox = featureBbox(features);
  return { type: 'FeatureCollection', ...(bbox ? { bbox } : {}), features };
}

export function getMapConfig({ deps }: { deps: AppDeps }): MapConfig {
  return { tileUrl: deps.config.mapTileUrl ?? null };
}

export interface AreaLocator {
  /** The deepest area in force containing the point, and its ancestors (root first), or null. */
  locate(lat: number, lon: number): { area: AreaRefRow; ancestors: AreaRefRow[] } | null;
  index: PointIndex;
  /** The day whose areas were loaded. */
  day: string;
}

/**
 * pointToArea in memory, for many points at once (imports, attribution of events): loads every ring
 * of the areas in force once and answers from a grid index. Same answers as the SQL lookup, borders
 * included; it does not see areas imported after it was made.
 */
export async function createAreaLocator({
  deps,
  date,
}: {
  deps: AppDeps;
  date?: string;
}): Promise<AreaLocator> {
  const day = date ?? swedishDay(deps.now());
  const repo = createAreasRepository(deps);
  const [rings, refs] = await Promise.all([repo.listRingsInForce(day), repo.listRefsInForce(day)]);
  const byId = new Map(refs.map((r) => [r.id, r]));
  const areas = new Map<string, IndexedArea>();
  for (const r of rings) {
    let area = areas.get(r.area_id);
    if (!area) {
      area = { id: r.area_id, name: r.name, depth: r.depth, polygons: [] };
      areas.set(r.area_id, area);
    }
    const polygon: FlatRing[] = area.polygons[r.polygon_index] ?? [];
    area.polygons[r.polygon_index] = polygon;
    polygon[r.ring_index] = parsePolygonText(r.ring);
  }
  const index = createPointIndex([...areas.values()]);
  const ancestorsOf = (area: AreaRefRow) => {
    const chain: AreaRefRow[] = [];
    let parent = area.parent_id ? byId.get(area.parent_id) : undefined;
    while (parent) {
      chain.unshift(parent);
      parent = parent.parent_id ? byId.get(parent.parent_id) : undefined;
    }
    return chain;
  };
  return {
    day,
    index,
    locate(lat, lon) {
      const { north, east } = toSweref99tm(lat, lon);
      const hit = index.locate(east, north);
      const area = hit ? byId.get(hit.id) : undefined;
      return area ? { area, ancestors: ancestorsOf(area) } : null;
    },
  };
}
