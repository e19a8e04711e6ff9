import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  CreateIncidentTypeRequestSchema,
  IncidentType,
  IncidentTypeVersionsResponseSchema,
  TaxonomyResponse,
  UpdateIncidentTypeRequestSchema,
} from '../../../domain/api/incidents.ts';
import type { Database } from '../../db/types.ts';
import { type Caller, callerCan, callerId } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { incidentTypeCodeTaken, incidentTypeNotFound, invalidIncidentType } from './incidents.errors.ts';
import { presentDefinition, presentIncidentType } from './taxonomy.presenter.ts';
import {
  createTaxonomyRepository,
  DEFINITION_FIELDS,
  type TaxonomyRepository,
  type TypeDefinition,
} from './taxonomy.repository.ts';

type CreateIncidentTypeRequest = z.infer<typeof CreateIncidentTypeRequestSchema>;
type UpdateIncidentTypeRequest = z.infer<typeof UpdateIncidentTypeRequestSchema>;
type IncidentTypeVersionsResponse = z.infer<typeof IncidentTypeVersionsResponseSchema>;

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** Groups, focus areas and the types in their current versions; inactive types too for administrators. */
export async function getTaxonomy({
  deps,
  caller,
  all = false,
}: {
  deps: AppDeps;
  caller: Caller;
  all?: boolean;
}): Promise<TaxonomyResponse> {
  const repo = createTaxonomyRepository(deps);
  const includeInactive = all && callerCan(caller, 'incident_types.manage');
  const [groups, focusAreas, types] = await Promise.all([
    repo.listGroups(),
    repo.listFocusAreas(),
    repo.listTypes({ includeInactive }),
  ]);
  return {
    groups: groups.map((g) => ({
      code: g.code,
      labelSv: g.label_sv,
      labelEn: g.label_en,
      sortOrder: g.sort_order,
    })),
    focusAreas: focusAreas.map((f) => ({
      code: f.code,
      position: f.position,
      labelSv: f.label_sv,
      labelEn: f.label_en,
    })),
    types: types.map((t) => presentIncidentType(t, t.version)),
  };
}

/** The taxonomy is the whole city's: only `incident_types.manage` held in the municipality edits it. */
async function requireCityManager(deps: AppDeps, caller: Caller): Promise<string> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  if (!rootId || !callerCan(caller, 'incident_types.manage', { organisationId: rootId })) throw forbidden();
  return rootId;
}

const unique = <T>(items: readonly T[]) => [...new Set(items)];
const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

/** Checks the codes a definition names (groups and focus areas are data, so not in the schema). */
async function checkCodes(
  repo: TaxonomyRepository,
  d: TypeDefinition,
  groupCode: string | undefined,
): Promise<void> {
  const [groups, focusAreas] = await Promise.all([repo.existingGroupCodes(), repo.existingFocusAreaCodes()]);
  const details: { path: string; message: string }[] = [];
  if (groupCode !== undefined && !groups.has(groupCode))
    details.push({ path: 'body.groupCode', message: `Unknown group; one of ${[...groups].join(', ')}` });
  d.focus_areas.forEach((code, i) => {
    if (!focusAreas.has(code))
      details.push({
        path: `body.focusAreas.${i}`,
        message: `Unknown focus area; one of ${[...focusAreas].join(', ')}`,
      });
  });
  if (details.length > 0) throw invalidIncidentType(details);
}

function definitionOf(
  input: Omit<CreateIncidentTypeRequest, 'code' | 'groupCode' | 'sortOrder'>,
): TypeDefinition {
  return {
    label_sv: input.labelSv.trim(),
    label_en: input.labelEn.trim(),
    description_sv: blankToNull(input.descriptionSv),
    description_en: blankToNull(input.descriptionEn),
    focus_areas: unique(input.focusAreas),
    work_environment_kinds: unique(input.workEnvironmentKinds),
    serious: input.serious,
    need_to_know: input.needToKnow,
    anonymous_allowed: input.anonymousAllowed,
    threat_register: input.threatRegister,
    retention_months: input.retentionMonths,
    retention_action: input.retentionAction,
  };
}

function mapCodeTaken(err: unknown): never {
  const pg = err as { code?: string; constraint?: string };
  throw pg.code === '23505' && pg.constraint === 'incident_types_code_key' ? incidentTypeCodeTaken() : err;
}

export async function createIncidentType({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  input: CreateIncidentTypeRequest;
  meta?: RequestMeta;
}): Promise<IncidentType> {
  const rootId = await requireCityManager(deps, caller);
  const definition = definitionOf(input);
  await checkCodes(createTaxonomyRepository(deps), definition, input.groupCode);
  const now = deps.now();
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const repo = createTaxonomyRepository({ db: trx });
      const id = await repo.insertType(
        { code: input.code, group_code: input.groupCode, sort_order: input.sortOrder ?? 0 },
        definition,
        callerId(caller),
        now,
      );
      await audit(
        trx,
        caller,
        rootId,
        'incident_type.created',
        id,
        ['code', 'group_code', 'sort_order', ...DEFINITION_FIELDS],
        meta,
        now,
      );
      const created = (await repo.findType(id))!;
      return presentIncidentType(created, created.version);
    })
    .catch(mapCodeTaken);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes a type. A change to what it means (labels, focus areas, report kinds, flags, retention)
 * makes a new version, so reports made earlier keep the meaning they were made under; switching
 * it on or off and moving it in the list do not.
 */
export async function updateIncidentType({
  deps,
  caller,
  id,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  input: UpdateIncidentTypeRequest;
  meta?: RequestMeta;
}): Promise<IncidentType> {
  const rootId = await requireCityManager(deps, caller);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const repo = createTaxonomyRepository({ db: trx });
    if (!(await repo.lockType(id))) throw incidentTypeNotFound();
    const current = (await repo.findType(id))!;
    const before = current.version;
    const merged = definitionOf({ ...presentDefinition(before), ...stripUndefined(input) });
    const changedDefinition = DEFINITION_FIELDS.filter((f) => !same(before[f], merged[f]));
    const typeChanges: { active?: boolean; sort_order?: number; current_version?: number } = {};
    if (input.active !== undefined && input.active !== current.active) typeChanges.active = input.active;
    if (input.sortOrder !== undefined && input.sortOrder !== current.sort_order)
      typeChanges.sort_order = input.sortOrder;
    if (changedDefinition.length > 0) {
      await checkCodes(repo, merged, undefined);
      typeChanges.current_version = current.current_version + 1;
      await repo.insertVersion(id, typeChanges.current_version, merged, callerId(caller), now);
    }
    const fields = [
      ...changedDefinition,
      ...(typeChanges.active === undefined ? [] : ['active']),
      ...(typeChanges.sort_order === undefined ? [] : ['sort_order']),
    ];
    if (fields.length > 0) {
      await repo.updateType(id, typeChanges, now);
      await audit(trx, caller, rootId, 'incident_type.updated', id, fields, meta, now);
    }
    const after = (await repo.findType(id))!;
    return presentIncidentType(after, after.version);
  });
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/** Every version of a type, newest first, with how many reports were made under each. */
export async function listIncidentTypeVersions({
  deps,
  caller,
  id,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
}): Promise<IncidentTypeVersionsResponse> {
  await requireCityManager(deps, caller);
  const repo = createTaxonomyRepository(deps);
  if (!(await repo.findType(id))) throw incidentTypeNotFound();
  const rows = await repo.listVersions(id);
  return {
    items: rows.map((v) => ({
      id: v.id,
      version: v.version,
      createdAt: v.created_at.toISOString(),
      createdBy: v.created_by_name,
      reportCount: Number(v.report_count ?? 0),
      ...presentDefinition(v),
    })),
  };
}

function audit(
  trx: Transaction<Database>,
  caller: Caller,
  rootId: string,
  action: string,
  typeId: string,
  fields: string[],
  meta: RequestMeta,
  now: Date,
): Promise<void> {
  return recordAudit(
    trx,
    {
      action,
      actorId: callerId(caller),
      organisationId: rootId,
      targetType: 'incident_type',
      targetId: typeId,
      fields,
      ip: meta.ip,
      requestId: meta.requestId,
    },
    now,
  );
}
