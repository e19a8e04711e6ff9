import type {
  CreateFacilityRequest,
  Facility,
  FacilityListQuery,
  FacilityListResponse,
  FacilityType,
  UpdateFacilityRequest,
} from '../../../domain/api/facilities.ts';
import { SWEREF99TM_MAX_LONGITUDE_OFFSET, toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import { scopeOf } from '../../../domain/permissions.ts';
import { type Caller, callerCan, callerId, SYSTEM } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { pointToArea } from '../areas/areas.usecases.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { codeTaken, facilityNotFound, invalidFacility, organisationNotFound } from './facilities.errors.ts';
import { presentFacility } from './facilities.presenter.ts';
import {
  createFacilitiesRepository,
  type FacilitiesRepository,
  type FacilityRow,
  type FacilityValues,
  LIST_LIMIT,
} from './facilities.repository.ts';

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** The fields a facility's audit entry may name (values are never logged). */
export const FACILITY_FIELDS = [
  'code',
  'name',
  'type_code',
  'organisation_id',
  'unit_id',
  'street_address',
  'postal_code',
  'city',
  'lat',
  'lon',
  'area_id',
] as const satisfies readonly (keyof FacilityValues)[];

/** The fields that differ between what is stored and what is to be stored. */
export function changedFields(before: FacilityValues, after: FacilityValues): string[] {
  return FACILITY_FIELDS.filter((f) => before[f] !== after[f]);
}

export function valuesOf(row: FacilityRow): FacilityValues {
  return {
    code: row.code,
    name: row.name,
    type_code: row.type_code,
    organisation_id: row.organisation_id,
    unit_id: row.unit_id,
    street_address: row.street_address,
    postal_code: row.postal_code,
    city: row.city,
    lat: row.lat,
    lon: row.lon,
    east: row.east,
    north: row.north,
    area_id: row.area_id,
    area_path: row.area_path,
  };
}

/** Whether SWEREF 99 TM can express the point (Sweden and well around it). */
export function isProjectable(lon: number): boolean {
  return Math.abs(lon - 15) <= SWEREF99TM_MAX_LONGITUDE_OFFSET;
}

function readScope(caller: Caller): string[] | undefined {
  return caller === SYSTEM ? undefined : scopeOf(caller, 'organisations.read');
}

const badRequest = (path: string, message: string) => invalidFacility([{ path, message }]);

export async function listFacilityTypes({ deps }: { deps: AppDeps }): Promise<FacilityType[]> {
  const rows = await createFacilitiesRepository(deps).listTypes();
  return rows.map((r) => ({ code: r.code, labelSv: r.label_sv, labelEn: r.label_en }));
}

/** Facilities of the caller's organisations, filtered by organisation (or unit), type, area and text. */
export async function listFacilities({
  deps,
  caller,
  query,
}: {
  deps: AppDeps;
  caller: Caller;
  query: FacilityListQuery;
}): Promise<FacilityListResponse> {
  const rows = await createFacilitiesRepository(deps).list({ organisationIds: readScope(caller), ...query });
  return {
    items: rows.slice(0, LIST_LIMIT).map((r) => presentFacility(caller, r)),
    truncated: rows.length > LIST_LIMIT,
  };
}

export async function getFacility({
  deps,
  caller,
  id,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
}): Promise<Facility> {
  const row = await createFacilitiesRepository(deps).findById(id);
  if (!row || !callerCan(caller, 'organisations.read', { organisationId: row.organisation_id }))
    throw facilityNotFound();
  return presentFacility(caller, row);
}

/** The area (deepest first) and its path from the root, for coordinates; empty when outside every area. */
async function locate(deps: AppDeps, lat: number | null, lon: number | null) {
  if (lat === null || lon === null) return { area_id: null, area_path: [] as string[] };
  const hit = await pointToArea({ deps, lat, lon });
  if (!hit.area) return { area_id: null, area_path: [] as string[] };
  return { area_id: hit.area.id, area_path: [...hit.ancestors.map((a) => a.id), hit.area.id] };
}

/**
 * Checks and completes what is to be stored: the type exists, the owner is in the caller's reach
 * (404 when they cannot see it, 403 when they may not manage it), the unit is a unit within the
 * owner, the coordinates can be projected; then derives SWEREF 99 TM and the area.
 */
async function prepare(
  deps: AppDeps,
  repo: FacilitiesRepository,
  caller: Caller,
  v: Omit<FacilityValues, 'east' | 'north' | 'area_id' | 'area_path'>,
  previous?: FacilityValues,
): Promise<FacilityValues> {
  if (!callerCan(caller, 'organisations.read', { organisationId: v.organisation_id }))
    throw organisationNotFound();
  if (!callerCan(caller, 'facilities.manage', { organisationId: v.organisation_id })) throw forbidden();
  if (!(await repo.findOrganisation(v.organisation_id))) throw organisationNotFound();
  const types = await repo.listTypes();
  if (!types.some((t) => t.code === v.type_code))
    throw badRequest('body.type', `Unknown facility type; one of ${types.map((t) => t.code).join(', ')}`);
  if (v.unit_id) {
    const unit = await repo.findOrganisation(v.unit_id);
    if (unit?.kind !== 'unit' || !(await repo.isBelow(v.unit_id, v.organisation_id)))
      throw badRequest('body.unitId', 'The unit must be a unit within the owning organisation');
  }
  if (v.lon !== null && !isProjectable(v.lon))
    throw badRequest('body.lon', 'The coordinates are too far from Sweden for SWEREF 99 TM');
  const projected = v.lat === null || v.lon === null ? null : toSweref99tm(v.lat, v.lon);
  const sameSpot = previous && previous.lat === v.lat && previous.lon === v.lon;
  const area = sameSpot
    ? { area_id: previous.area_id, area_path: previous.area_path }
    : await locate(deps, v.lat, v.lon);
  return { ...v, east: projected?.east ?? null, north: projected?.north ?? null, ...area };
}

function mapConflict(err: unknown): never {
  const pg = err as { code?: string; constraint?: string };
  throw pg.code === '23505' && pg.constraint === 'facilities_code_key' ? codeTaken() : err;
}

export async function createFacility({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  input: CreateFacilityRequest;
  meta?: RequestMeta;
}): Promise<Facility> {
  const repo = createFacilitiesRepository(deps);
  const values = await prepare(deps, repo, caller, {
    code: input.code ?? null,
    name: input.name,
    type_code: input.type,
    organisation_id: input.organisationId,
    unit_id: input.unitId ?? null,
    street_address: input.streetAddress ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
  });
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const tx = createFacilitiesRepository({ db: trx });
      const id = await tx.create(values, deps.now());
      await recordAudit(
        trx,
        {
          action: 'facility.created',
          actorId: callerId(caller),
          organisationId: values.organisation_id,
          targetType: 'facility',
          targetId: id,
          fields: FACILITY_FIELDS.filter((f) => values[f] !== null),
          ...meta,
        },
        deps.now(),
      );
      return presentFacility(caller, (await tx.findById(id))!);
    })
    .catch(mapConflict);
}

/** Finds a facility the caller may see (else 404) and manage (else 403). */
async function findManageable(deps: AppDeps, caller: Caller, id: string) {
  const repo = createFacilitiesRepository(deps);
  const row = await repo.findById(id);
  if (!row || !callerCan(caller, 'organisations.read', { organisationId: row.organisation_id }))
    throw facilityNotFound();
  if (!callerCan(caller, 'facilities.manage', { organisationId: row.organisation_id })) throw forbidden();
  return { row, values: valuesOf(row) };
}

export async function updateFacility({
  deps,
  caller,
  id,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  input: UpdateFacilityRequest;
  meta?: RequestMeta;
}): Promise<Facility> {
  const { values: before } = await findManageable(deps, caller, id);
  const pick = <T>(value: T | undefined, current: T) => (value === undefined ? current : value);
  const repo = createFacilitiesRepository(deps);
  const after = await prepare(
    deps,
    repo,
    caller,
    {
      code: pick(input.code, before.code),
      name: pick(input.name, before.name),
      type_code: pick(input.type, before.type_code),
      organisation_id: pick(input.organisationId, before.organisation_id),
      unit_id: pick(input.unitId, before.unit_id),
      street_address: pick(input.streetAddress, before.street_address),
      postal_code: pick(input.postalCode, before.postal_code),
      city: pick(input.city, before.city),
      lat: pick(input.lat, before.lat),
      lon: pick(input.lon, before.lon),
    },
    before,
  );
  const fields = changedFields(before, after);
  if (fields.length === 0) return presentFacility(caller, (await repo.findById(id))!);
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const tx = createFacilitiesRepository({ db: trx });
      await tx.update(id, after, deps.now());
      await recordAudit(
        trx,
        {
          action: 'facility.updated',
          actorId: callerId(caller),
          organisationId: after.organisation_id,
          targetType: 'facility',
          targetId: id,
          fields,
          ...meta,
        },
        deps.now(),
      );
      return presentFacility(caller, (await tx.findById(id))!);
    })
    .catch(mapConflict);
}

export async function deleteFacility({
  deps,
  caller,
  id,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  meta?: RequestMeta;
}): Promise<void> {
  const { row } = await findManageable(deps, caller, id);
  await deps.db.transaction().execute(async (trx) => {
    await createFacilitiesRepository({ db: trx }).delete(id);
    await recordAudit(
      trx,
      {
        action: 'facility.deleted',
        actorId: callerId(caller),
        organisationId: row.organisation_id,
        targetType: 'facility',
        targetId: id,
        fields: [...FACILITY_FIELDS],
        ...meta,
      },
      deps.now(),
    );
  });
}
