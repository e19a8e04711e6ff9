import { sql } from 'kysely';
import { z } from 'zod';
import { toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import { scopeOf } from '../../../domain/permissions.ts';
import { type Caller, callerCan, callerId, SYSTEM } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { CsvError, checkColumns, parseCsv, type RowError, validateRows } from '../../platform/csv.ts';
import { type AreaLocator, createAreaLocator } from '../areas/areas.usecases.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import {
  createFacilitiesRepository,
  type FacilityValues,
  type OrganisationRef,
} from './facilities.repository.ts';
import { changedFields, FACILITY_FIELDS, isProjectable, valuesOf } from './facilities.usecases.ts';

/**
 * The CSV columns of `trygg import facilities FILE` (comma or semicolon separated, UTF-8, a header
 * line). `code` is the facility's id in the city's register: importing the same file again changes
 * nothing, and a changed row updates the facility it wrote before.
 */
export const FACILITY_CSV_COLUMNS = {
  required: ['code', 'name', 'type', 'organisation'],
  optional: ['unit', 'street_address', 'postal_code', 'city', 'lat', 'lon'],
} as const;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const optional = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v ? v : null));
/** A decimal number with a point or (as Swedish spreadsheets write it) a comma; empty = none. */
const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v.replace(',', '.'));
      if (!/^-?\d+([.,]\d+)?$/.test(v) || !Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: 'Not a number (write e.g. 59.3293)' });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `Must be between ${min} and ${max}` });
        return z.NEVER;
      }
      return n;
    });

const RowSchema = z
  .object({
    code: text(100).min(1, 'The code is required'),
    name: text(200).min(1, 'The name is required'),
    type: text(100).min(1, 'The type is required'),
    organisation: text(200).min(1, 'The organisation is required'),
    unit: optional(200),
    street_address: optional(200),
    postal_code: optional(20),
    city: optional(100),
    lat: coordinate(-90, 90),
    lon: coordinate(-180, 180),
  })
  .superRefine((row, ctx) => {
    if ((row.lat === null) !== (row.lon === null))
      ctx.addIssue({
        code: 'custom',
        path: [row.lat === null ? 'lat' : 'lon'],
        message: 'Give both lat and lon, or neither',
      });
    if (row.lon !== null && !isProjectable(row.lon))
      ctx.addIssue({ code: 'custom', path: ['lon'], message: 'Too far from Sweden for SWEREF 99 TM' });
  });
type Row = z.output<typeof RowSchema>;

export interface FacilityImportResult {
  /** Rows in the file. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows whose coordinates lie outside every area (imported without an area). */
  outsideAreas: number;
  /** Counted but not written. */
  dryRun: boolean;
  /** Every problem found; when there is any, nothing was written. */
  errors: RowError[];
}

const normal = (s: string) => s.trim().toLocaleLowerCase('sv');

/** Finds organisations the way a spreadsheet names them: by id, by code, or by a name only one has. */
function organisationFinder(all: OrganisationRef[]) {
  const byId = new Map(all.map((o) => [o.id, o]));
  const byCode = new Map(all.filter((o) => o.code).map((o) => [normal(o.code!), o]));
  const byName = new Map<string, OrganisationRef[]>();
  for (const o of all) byName.set(normal(o.name), [...(byName.get(normal(o.name)) ?? []), o]);
  const within = (o: OrganisationRef, ancestorId: string) => {
    for (
      let p = o.parent_id ? byId.get(o.parent_id) : undefined;
      p;
      p = p.parent_id ? byId.get(p.parent_id) : undefined
    )
      if (p.id === ancestorId) return true;
    return false;
  };
  return {
    find(ref: string, among: (o: OrganisationRef) => boolean = () => true): OrganisationRef | string {
      const direct = byId.get(ref.trim()) ?? byCode.get(normal(ref));
      if (direct && among(direct)) return direct;
      const named = (byName.get(normal(ref)) ?? []).filter(among);
      if (named.length === 1) return named[0]!;
      return named.length > 1
        ? `"${ref}" names ${named.length} organisations; use the code or the id`
        : `No organisation "${ref}"`;
    },
    within,
  };
}

function areaOf(locator: AreaLocator, lat: number | null, lon: number | null) {
  if (lat === null || lon === null) return { area_id: null, area_path: [] as string[] };
  const hit = locator.locate(lat, lon);
  if (!hit) return { area_id: null, area_path: [] as string[] };
  return { area_id: hit.area.id, area_path: [...hit.ancestors.map((a) => a.id), hit.area.id] };
}

/**
 * Imports facilities from CSV: checks every row first (columns, values, types, organisations and
 * units, duplicate codes) and writes nothing if any row is wrong; otherwise creates or updates by
 * code in one transaction, each change audited. The area is derived from the coordinates.
 */
export async function importFacilities({
  deps,
  caller = SYSTEM,
  csv,
  dryRun = false,
  meta = { ip: null, userAgent: null, requestId: null },
}: {
  deps: AppDeps;
  caller?: Caller;
  csv: string;
  /** Check and count everything, then write nothing. */
  dryRun?: boolean;
  meta?: RequestMeta;
}): Promise<FacilityImportResult> {
  const result: FacilityImportResult = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    outsideAreas: 0,
    dryRun,
    errors: [],
  };
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvError)
      return { ...result, errors: [{ line: err.line, message: err.message.replace(/^line \d+: /, '') }] };
    throw err;
  }
  result.rows = parsed.rows.length;
  const columnErrors = checkColumns(parsed, FACILITY_CSV_COLUMNS.required, [
    ...FACILITY_CSV_COLUMNS.required,
    ...FACILITY_CSV_COLUMNS.optional,
  ]);
  if (columnErrors.length > 0) return { ...result, errors: columnErrors };
  if (parsed.rows.length === 0) return { ...result, errors: [{ line: 1, message: 'The file has no rows' }] };

  const { valid, errors } = validateRows(parsed.rows, RowSchema);
  const repo = createFacilitiesRepository(deps);
  const [types, organisations, locator] = await Promise.all([
    repo.listTypes(),
    repo.listOrganisations(),
    createAreaLocator({ deps }),
  ]);
  const typeCode = new Map<string, string>();
  for (const t of types)
    for (const name of [t.code, t.label_sv, t.label_en]) typeCode.set(normal(name), t.code);
  const orgs = organisationFinder(organisations);

  const seen = new Map<string, number>();
  const prepared: { line: number; values: FacilityValues }[] = [];
  for (const { line, value: row } of valid as { line: number; value: Row }[]) {
    const rowErrors: RowError[] = [];
    const earlier = seen.get(normal(row.code));
    if (earlier !== undefined)
      rowErrors.push({ line, column: 'code', message: `The code is also on line ${earlier}` });
    seen.set(normal(row.code), line);
    const type = typeCode.get(normal(row.type));
    if (!type)
      rowErrors.push({
        line,
        column: 'type',
        message: `Unknown type "${row.type}"; one of ${types.map((t) => t.code).join(', ')}`,
      });
    const owner = orgs.find(row.organisation);
    if (typeof owner === 'string') rowErrors.push({ line, column: 'organisation', message: owner });
    else if (!callerCan(caller, 'facilities.manage', { organisationId: owner.id }))
      rowErrors.push({
        line,
        column: 'organisation',
        message: 'You may not manage facilities of this organisation',
      });
    let unitId: string | null = null;
    if (row.unit && typeof owner !== 'string') {
      const unit = orgs.find(row.unit, (o) => o.kind === 'unit' && orgs.within(o, owner.id));
      if (typeof unit === 'string')
        rowErrors.push({ line, column: 'unit', message: `${unit} among the units of ${owner.name}` });
      else unitId = unit.id;
    }
    if (rowErrors.length > 0 || typeof owner === 'string' || !type) {
      errors.push(...rowErrors);
      continue;
    }
    const projected = row.lat === null || row.lon === null ? null : toSweref99tm(row.lat, row.lon);
    const area = areaOf(locator, row.lat, row.lon);
    if (row.lat !== null && area.area_id === null) result.outsideAreas++;
    prepared.push({
      line,
      values: {
        code: row.code,
        name: row.name,
        type_code: type,
        organisation_id: owner.id,
        unit_id: unitId,
        street_address: row.street_address,
        postal_code: row.postal_code,
        city: row.city,
        lat: row.lat,
        lon: row.lon,
        east: projected?.east ?? null,
        north: projected?.north ?? null,
        ...area,
      },
    });
  }
  if (errors.length > 0) {
    return { ...result, outsideAreas: 0, errors: errors.sort((a, b) => a.line - b.line) };
  }

  await deps.db
    .transaction()
    .execute(async (trx) => {
      // Two imports at once would both find a code missing and both create it: one at a time.
      await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.facilities_import'))`.execute(trx);
      const tx = createFacilitiesRepository({ db: trx });
      const existing = new Map(
        (await tx.findByCodes(prepared.map((p) => p.values.code!))).map((r) => [normal(r.code!), r]),
      );
      const now = deps.now();
      for (const { line, values } of prepared) {
        const before = existing.get(normal(values.code!));
        if (before) {
          // An existing facility moves only within the caller's reach.
          if (!callerCan(caller, 'facilities.manage', { organisationId: before.organisation_id })) {
            result.errors.push({
              line,
              column: 'code',
              message: 'The code belongs to a facility you may not manage',
            });
            continue;
          }
          const fields = changedFields(valuesOf(before), values);
          if (fields.length === 0) {
            result.unchanged++;
            continue;
          }
          await tx.update(before.id, values, now);
          await recordAudit(
            trx,
            {
              action: 'facility.updated',
              actorId: callerId(caller),
              organisationId: values.organisation_id,
              targetType: 'facility',
              targetId: before.id,
              fields,
              ...meta,
            },
            now,
          );
          result.updated++;
        } else {
          const id = await tx.create(values, now);
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
            now,
          );
          result.created++;
        }
      }
      if (result.errors.length > 0 || dryRun) throw new RollBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RollBack)) throw err;
    });
  if (result.errors.length > 0) return { ...result, created: 0, updated: 0, unchanged: 0 };
  return result;
}

/** Rolls the import's transaction back: a dry run, or a row turned out not to be the caller's. */
class RollBack extends Error {}

/**
 * Derives every located facility's area again (after areas were imported or changed), for the
 * facilities the caller manages. Each facility whose area changed is audited as updated.
 */
export async function recomputeFacilityAreas({
  deps,
  caller = SYSTEM,
  meta = { ip: null, userAgent: null, requestId: null },
}: {
  deps: AppDeps;
  caller?: Caller;
  meta?: RequestMeta;
}): Promise<{ checked: number; changed: number }> {
  const scope = caller === SYSTEM ? undefined : scopeOf(caller, 'facilities.manage');
  const locator = await createAreaLocator({ deps });
  return deps.db.transaction().execute(async (trx) => {
    const repo = createFacilitiesRepository({ db: trx });
    const located = await repo.listLocated(scope);
    const now = deps.now();
    let changed = 0;
    for (const f of located) {
      const area = areaOf(locator, f.lat, f.lon);
      if (area.area_id === f.area_id && area.area_path.join() === f.area_path.join()) continue;
      await repo.setArea(f.id, area.area_id, area.area_path, now);
      await recordAudit(
        trx,
        {
          action: 'facility.updated',
          actorId: callerId(caller),
          organisationId: f.organisation_id,
          targetType: 'facility',
          targetId: f.id,
          fields: ['area_id'],
          ...meta,
        },
        now,
      );
      changed++;
    }
    return { checked: located.length, changed };
  });
}
