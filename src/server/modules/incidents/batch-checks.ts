import type { z } from 'zod';
import type { BatchIncidentSchema, BatchIncidentsRequestSchema } from '../../../domain/api/incidents.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { createAreaLocator } from '../areas/areas.usecases.ts';
import { invalidBatch } from './incidents.errors.ts';
import { accessOrganisationId } from './incidents.policy.ts';
import { canReachFacility, type Place, placeOfFacility, placeOfPin } from './report-place.ts';
import { occurredAtProblem } from './report-rules.ts';
import { createReportsRepository, type FacilityPlace, type NewAttachment } from './reports.repository.ts';
import type { Problem } from './reports.usecases.ts';
import { type Placement, resolvePlacement } from './routing.ts';
import { createTaxonomyRepository, type TypeWithVersion } from './taxonomy.repository.ts';
import { checkAttachment } from './uploads.usecases.ts';

/** Checking a batch from another system (issue 4 part 9) before anything of it is stored. */

type BatchIncident = z.infer<typeof BatchIncidentSchema>;
type BatchRequest = z.infer<typeof BatchIncidentsRequestSchema>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes strict base64 (whitespace allowed), or null when it is not. */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

export interface Prepared {
  index: number;
  report: BatchIncident;
  placement: Placement;
  key: string;
}

export const keyOf = (organisationId: string, externalId: string) => `${organisationId}\u0000${externalId}`;

/**
 * Places every report (403 listing those outside the caller's `incidents.handle`; 400 for a unit
 * not within its organisation) and keys it by (responsible organisation, external id).
 */
async function placeAll(deps: AppDeps, caller: Actor, reports: BatchIncident[]) {
  const denied: Problem[] = [];
  reports.forEach((r, i) => {
    const target = r.unitId ?? r.organisationId;
    if (!can(caller, 'incidents.handle', { organisationId: target }))
      denied.push({
        path: `body.reports.${i}.${r.unitId ? 'unitId' : 'organisationId'}`,
        message: 'You do not handle incidents of this organisation',
      });
  });
  if (denied.length > 0) throw forbidden(denied);
  const placements = new Map<string, Placement | null>();
  for (const r of reports) {
    const target = r.unitId ?? r.organisationId;
    if (!placements.has(target)) placements.set(target, await resolvePlacement(deps.db, target));
  }
  const problems: Problem[] = [];
  const prepared: Prepared[] = [];
  const seen = new Set<string>();
  for (const [index, report] of reports.entries()) {
    const placement = placements.get(report.unitId ?? report.organisationId);
    const at = `body.reports.${index}`;
    const key = placement ? keyOf(placement.organisationId, report.externalId) : '';
    if (!placement) problems.push({ path: `${at}.organisationId`, message: 'No such organisation' });
    else if (
      report.unitId &&
      (placement.unitId !== report.unitId || !placement.chain.some((o) => o.id === report.organisationId))
    )
      problems.push({ path: `${at}.unitId`, message: 'Must be a unit within the organisation' });
    else if (seen.has(key))
      problems.push({ path: `${at}.externalId`, message: 'Appears twice in the batch' });
    else {
      seen.add(key);
      prepared.push({ index, report, placement, key });
    }
  }
  return { prepared, problems };
}

export interface Checked extends Prepared {
  type: TypeWithVersion;
  place: Place;
  facility: FacilityPlace | null;
  attachments: NewAttachment[];
}

/** Checks one new report against the data (type by code, time, place, facility, attachments). */
function checkReport(
  deps: AppDeps,
  caller: Actor,
  p: Prepared,
  lookups: {
    types: Map<string, TypeWithVersion>;
    facilities: Map<string, FacilityPlace>;
    pins: Map<number, Place | string>;
  },
  now: Date,
): { checked?: Checked; problems: Problem[] } {
  const r = p.report;
  const at = `body.reports.${p.index}`;
  const problems: Problem[] = [];
  const type = lookups.types.get(r.typeCode);
  if (!type?.active) problems.push({ path: `${at}.typeCode`, message: 'No such active incident type' });
  const timeProblem = occurredAtProblem(new Date(r.occurredAt), now);
  if (timeProblem) problems.push({ path: `${at}.occurredAt`, message: timeProblem });
  if (r.injurySeverity && !r.injury)
    problems.push({ path: `${at}.injurySeverity`, message: 'Only when someone was injured' });
  let facility: FacilityPlace | null = null;
  if (r.facilityId) {
    facility = lookups.facilities.get(r.facilityId) ?? null;
    if (!facility || !canReachFacility(caller, facility)) {
      problems.push({ path: `${at}.facilityId`, message: 'No such facility' });
      facility = null;
    }
  }
  let place: Place = facility
    ? placeOfFacility(facility)
    : { lat: null, lon: null, east: null, north: null, area_id: null, area_path: [] };
  const pin = lookups.pins.get(p.index);
  if (typeof pin === 'string') problems.push({ path: `${at}.location`, message: pin });
  else if (pin) place = pin;
  const files = r.attachments ?? [];
  if (files.length > deps.config.attachmentMaxCount)
    problems.push({
      path: `${at}.attachments`,
      message: `At most ${deps.config.attachmentMaxCount} attachments`,
    });
  const attachments: NewAttachment[] = [];
  for (const [j, file] of files.entries()) {
    const path = `${at}.attachments.${j}.contentBase64`;
    const content = decodeBase64(file.contentBase64);
    const result = content ? checkAttachment(deps, content, file.fileName, path) : null;
    if (!result) problems.push({ path, message: 'Not valid base64' });
    else if ('problem' in result) problems.push({ path, message: result.problem.message });
    else attachments.push(result.ok);
  }
  if (problems.length > 0 || !type) return { problems };
  return { checked: { ...p, type, place, facility, attachments }, problems };
}

/** The pins of the new reports, located against the areas loaded once. */
async function locatePins(deps: AppDeps, reports: Prepared[]): Promise<Map<number, Place | string>> {
  const pins = new Map<number, Place | string>();
  const located = reports.filter((p) => p.report.location);
  if (located.length === 0) return pins;
  const locator = await createAreaLocator({ deps });
  const locate = (lat: number, lon: number) => {
    const hit = locator.locate(lat, lon);
    return hit ? { id: hit.area.id, path: [...hit.ancestors.map((a) => a.id), hit.area.id] } : null;
  };
  for (const p of located) {
    const { lat, lon } = p.report.location!;
    pins.set(p.index, await placeOfPin(deps, lat, lon, locate));
  }
  return pins;
}

/**
 * Checks a whole batch before anything is stored: 403 for reports outside the caller's
 * organisations, else 400 listing every problem by report and field. Returns the reports already
 * stored (unchanged) and the new ones, checked.
 */
export async function checkBatch(deps: AppDeps, caller: Actor, input: BatchRequest, now: Date) {
  const repo = createReportsRepository(deps);
  const { prepared, problems } = await placeAll(deps, caller, input.reports);
  const existing = new Map(
    (
      await repo.findExternal(
        input.system,
        prepared.map((p) => ({
          organisationId: p.placement.organisationId,
          externalId: p.report.externalId,
        })),
      )
    ).map((row) => [keyOf(row.organisation_id, row.external_id!), row]),
  );
  const fresh: Prepared[] = [];
  for (const p of prepared) {
    const old = existing.get(p.key);
    if (!old) fresh.push(p);
    else if (
      !can(caller, 'incidents.handle', {
        organisationId: accessOrganisationId({ organisationId: old.organisation_id, unitId: old.unit_id }),
      })
    )
      problems.push({
        path: `body.reports.${p.index}.externalId`,
        message: 'Already used by a report you do not handle',
      });
  }
  const [types, facilities, pins] = await Promise.all([
    createTaxonomyRepository(deps).findTypesByCode([...new Set(fresh.map((p) => p.report.typeCode))]),
    repo.findFacilities([
      ...new Set(fresh.flatMap((p) => (p.report.facilityId ? [p.report.facilityId] : []))),
    ]),
    locatePins(deps, fresh),
  ]);
  const lookups = {
    types: new Map(types.map((t) => [t.code, t])),
    facilities: new Map(facilities.map((f) => [f.id, f])),
    pins,
  };
  const checked: Checked[] = [];
  for (const p of fresh) {
    const result = checkReport(deps, caller, p, lookups, now);
    problems.push(...result.problems);
    if (result.checked) checked.push(result.checked);
  }
  if (problems.length > 0) {
    const index = (path: string) => Number(path.split('.')[2]);
    throw invalidBatch(problems.sort((a, b) => index(a.path) - index(b.path)));
  }
  return { prepared, existing, checked };
}
