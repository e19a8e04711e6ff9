import { sql } from 'kysely';
import type { AreaImport, AreaImportFeature, AreaImportPreview } from '../../../../domain/api/areas.ts';
import { type Caller, callerCan, callerId } from '../../../platform/actor.ts';
import type { AppDeps } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/errors.ts';
import type { RequestMeta } from '../../auth/auth.usecases.ts';
import { createOrganisationsRepository } from '../../organisations/organisations.repository.ts';
import { importChanged, importInvalid, noMunicipality } from '../areas.errors.ts';
import { type AreasTrx, areasDb, audit } from '../areas.tables.ts';
import {
  type AreaImportInput,
  DEFAULT_PARENT_LEVEL,
  nameKey,
  type ParsedFeature,
  type ParsedImport,
  parseAreaImport,
} from './import.parser.ts';
import { createAreaImportRepository, type ExistingChild } from './import.repository.ts';

export const MUNICIPALITY_LEVEL = 'municipality';
const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

interface PlannedParent {
  key: string;
  name: string;
  existing: ExistingChild | null;
  children: number;
}

interface PlannedFeature {
  feature: ParsedFeature;
  status: AreaImportFeature['status'];
  parentKey: string | null;
  existing: ExistingChild | null;
}

interface Plan {
  municipality: { id: string; name: string };
  root: { id: string; depth: number } | null;
  parentLevel: string | null;
  parents: PlannedParent[];
  features: PlannedFeature[];
}

const sameGeometry = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function findMunicipality(deps: Pick<AppDeps, 'db'>): Promise<{ id: string; name: string }> {
  const root = await createOrganisationsRepository(deps).findRoot();
  if (!root) throw noMunicipality();
  return { id: root.id, name: root.name };
}

/** Matches the parsed file against what is stored: which areas are new, changed or the same. */
async function plan(trx: AreasTrx, parsed: ParsedImport, input: AreaImportInput): Promise<Plan> {
  const municipality = await findMunicipality({ db: trx as never });
  const root = await trx
    .selectFrom('areas')
    .select(['id', 'depth'])
    .where('municipality_id', '=', municipality.id)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  const repo = createAreaImportRepository(trx);
  const byKey = (rows: ExistingChild[]) => new Map(rows.map((r) => [nameKey(r.name), r]));
  const parentLevel = input.parentCsv ? (input.parentLevel ?? DEFAULT_PARENT_LEVEL) : null;

  const existingParents =
    root && parentLevel ? byKey(await repo.listChildren(root.id, parentLevel)) : new Map();
  const parents: PlannedParent[] = [...parsed.parents].map(([key, name]) => ({
    key,
    name,
    existing: existingParents.get(key) ?? null,
    children: 0,
  }));
  const parentByKey = new Map(parents.map((p) => [p.key, p]));

  // The existing children of every parent the file's features go under.
  const childrenOf = new Map<string, Map<string, ExistingChild>>();
  const existingUnder = async (parentId: string | undefined) => {
    if (!parentId) return new Map<string, ExistingChild>();
    let found = childrenOf.get(parentId);
    if (!found) {
      found = byKey(await repo.listChildren(parentId, input.level));
      childrenOf.set(parentId, found);
    }
    return found;
  };

  const features: PlannedFeature[] = [];
  for (const feature of parsed.features) {
    const parentKey = feature.parentName ? nameKey(feature.parentName) : null;
    const parent = parentKey ? parentByKey.get(parentKey) : undefined;
    if (parent && feature.valid) parent.children++;
    if (!feature.valid || !feature.name) {
      features.push({ feature, status: 'invalid', parentKey, existing: null });
      continue;
    }
    const parentId = parentKey ? parent?.existing?.id : root?.id;
    const existing = (await existingUnder(parentId)).get(nameKey(feature.name)) ?? null;
    const status = !existing
      ? 'create'
      : sameGeometry(existing.geojson, feature.geometry)
        ? 'unchanged'
        : 'update';
    features.push({ feature, status, parentKey, existing });
  }
  return { municipality, root: root ?? null, parentLevel, parents, features };
}

function presentPreview(parsed: ParsedImport, p: Plan, input: AreaImportInput): AreaImportPreview {
  const count = (status: AreaImportFeature['status']) => p.features.filter((f) => f.status === status).length;
  const errors = parsed.issues.filter((i) => i.severity === 'error').length;
  return {
    token: parsed.sha256,
    valid: errors === 0,
    fileName: input.fileName,
    parentFileName: input.parentCsv ? (input.parentFileName ?? null) : null,
    level: input.level,
    parentLevel: p.parentLevel,
    nameProperty: input.nameProperty,
    municipality: { name: p.municipality.name, create: p.root === null },
    counts: {
      features: p.features.length,
      invalid: count('invalid'),
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      parents: p.parents.length,
      parentsCreate: p.parents.filter((x) => !x.existing).length,
      errors,
      warnings: parsed.issues.length - errors,
    },
    features: p.features.map(({ feature, status }) => ({
      number: feature.number,
      name: feature.name,
      parentName: feature.parentName,
      status,
      polygons: feature.polygons.length,
      vertices: feature.vertexCount,
    })),
    parents: p.parents.map((x) => ({
      name: x.existing?.name ?? x.name,
      status: x.existing ? ('existing' as const) : ('create' as const),
      children: x.children,
    })),
    issues: parsed.issues,
  };
}

/** Areas are the whole city's: only holders of areas.manage in the municipality itself change them. */
async function assertMayImport(deps: AppDeps, caller: Caller): Promise<void> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  if (!callerCan(caller, 'areas.manage', { organisationId: rootId ?? null })) throw forbidden();
}

/** Reads and checks the file against what is stored; writes nothing. */
export async function previewAreaImport({
  deps,
  caller,
  input,
}: {
  deps: AppDeps;
  caller: Caller;
  input: AreaImportInput;
}): Promise<AreaImportPreview> {
  await assertMayImport(deps, caller);
  const parsed = parseAreaImport(input);
  // A read-only transaction: one consistent view of the areas for the whole plan.
  return areasDb(deps.db)
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => presentPreview(parsed, await plan(trx, parsed, input), input));
}

export interface AreaImportResult {
  import: AreaImport;
  preview: AreaImportPreview;
}

/**
 * Imports the file in one transaction: the municipality's root area (made when missing), the CSV's
 * parents (made when missing, their geometry derived from their children), then every feature —
 * created, or matched by level and name under the same parent and its geometry replaced when it
 * changed. With any error in the file nothing is written. Audited as one event.
 */
export async function commitAreaImport({
  deps,
  caller,
  input,
  previewToken,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  input: AreaImportInput;
  /** When given, the file and options must be exactly those previewed. */
  previewToken?: string;
  meta?: RequestMeta;
}): Promise<AreaImportResult> {
  await assertMayImport(deps, caller);
  const parsed = parseAreaImport(input);
  if (previewToken !== undefined && previewToken !== parsed.sha256) throw importChanged();
  return areasDb(deps.db)
    .transaction()
    .execute(async (trx) => {
      // One import at a time: the second sees the first's areas and matches them.
      await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.areas.import'))`.execute(trx);
      const p = await plan(trx, parsed, input);
      const preview = presentPreview(parsed, p, input);
      if (!preview.valid) throw importInvalid(preview);
      const now = deps.now();
      const repo = createAreaImportRepository(trx);
      const importId = await repo.insertImport({
        municipalityId: p.municipality.id,
        fileName: input.fileName,
        parentFileName: preview.parentFileName,
        level: input.level,
        parentLevel: p.parentLevel,
        nameProperty: input.nameProperty,
        importedAt: now,
        importedBy: callerId(caller),
        sha256: parsed.sha256,
        featureCount: parsed.features.length,
      });
      const rootId =
        p.root?.id ??
        (await repo.insertArea({
          municipalityId: p.municipality.id,
          parentId: null,
          level: MUNICIPALITY_LEVEL,
          name: p.municipality.name,
          depth: 0,
          importId,
          now,
        }));

      const parentIds = new Map<string, string>();
      const derive: string[] = [];
      for (const parent of p.parents) {
        const id =
          parent.existing?.id ??
          (await repo.insertArea({
            municipalityId: p.municipality.id,
            parentId: rootId,
            level: p.parentLevel!,
            name: parent.name,
            depth: 1,
            importId,
            geometryDerived: true,
            now,
          }));
        parentIds.set(parent.key, id);
        if (!parent.existing || parent.existing.geometry_derived || !parent.existing.geojson) derive.push(id);
      }

      for (const { feature, status, parentKey, existing } of p.features) {
        const parentId = parentKey ? parentIds.get(parentKey)! : rootId;
        const geometry = {
          geojson: feature.geometry,
          polygons: feature.polygons,
          derived: false,
          importId,
          now,
        };
        if (status === 'unchanged') await repo.markImported(existing!.id, importId);
        else if (status === 'update') await repo.setGeometry(existing!.id, geometry);
        else {
          const id = await repo.insertArea({
            municipalityId: p.municipality.id,
            parentId,
            level: input.level,
            name: feature.name!,
            depth: parentKey ? 2 : 1,
            importId,
            now,
          });
          await repo.setGeometry(id, geometry);
        }
      }
      for (const id of derive) await repo.deriveFromChildren(id, importId, now);

      const counts = {
        created: preview.counts.create,
        updated: preview.counts.update,
        unchanged: preview.counts.unchanged,
        parentsCreated: preview.counts.parentsCreate,
      };
      await repo.setImportCounts(importId, counts);
      await audit(
        trx,
        {
          action: 'areas.imported',
          actorId: callerId(caller),
          organisationId: p.municipality.id,
          targetType: 'area_import',
          targetId: importId,
          fields: ['name', 'level', 'parent_id', 'geometry'],
          ...meta,
        },
        now,
      );
      const importedBy =
        caller === 'system'
          ? null
          : await trx
              .selectFrom('users')
              .select(['id', 'name'])
              .where('id', '=', caller.userId)
              .executeTakeFirst();
      return {
        preview,
        import: {
          id: importId,
          fileName: input.fileName,
          parentFileName: preview.parentFileName,
          level: input.level,
          parentLevel: p.parentLevel,
          nameProperty: input.nameProperty,
          importedAt: now.toISOString(),
          importedBy: importedBy ?? null,
          counts: { features: parsed.features.length, ...counts },
        },
      };
    });
}

/** The municipality's imports, newest first. */
export async function listAreaImports({
  deps,
  caller,
}: {
  deps: AppDeps;
  caller: Caller;
}): Promise<AreaImport[]> {
  await assertMayImport(deps, caller);
  const municipality = await findMunicipality(deps);
  const rows = await areasDb(deps.db)
    .selectFrom('area_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .selectAll('i')
    .select(['u.name as user_name'])
    .where('i.municipality_id', '=', municipality.id)
    .orderBy('i.imported_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    parentFileName: r.parent_file_name,
    level: r.level,
    parentLevel: r.parent_level,
    nameProperty: r.name_property,
    importedAt: r.imported_at.toISOString(),
    importedBy: r.imported_by ? { id: r.imported_by, name: r.user_name ?? '' } : null,
    counts: {
      features: r.feature_count,
      created: r.created_count,
      updated: r.updated_count,
      unchanged: r.unchanged_count,
      parentsCreated: r.parents_created_count,
    },
  }));
}
