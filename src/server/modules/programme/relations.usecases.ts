import type {
  CreateExternalDocumentRequest,
  CreateRelationRequest,
  ExternalDocument,
  Relation,
  UpdateRelationRequest,
} from '../../../domain/api/programme.ts';
import { changeDraft, changedFields } from './parts.usecases.ts';
import {
  externalDocumentNotFound,
  organisationNotFound,
  partNotFound,
  relationExists,
  relationTargetInvalid,
  versionNotFound,
} from './programme.errors.ts';
import { assertCanManage } from './programme.policy.ts';
import { presentExternalDocument, presentRelation } from './programme.presenter.ts';
import { createProgrammeRepository, type ProgrammeRepository } from './programme.repository.ts';
import { auditChange, type ChangeContext, inTransaction } from './programme.usecases.ts';

async function presentOne(repo: ProgrammeRepository, versionId: string, id: string): Promise<Relation> {
  const [row] = await repo.listRelations(versionId, id);
  if (!row) throw partNotFound();
  return presentRelation(row);
}

/**
 * Relates a draft to another steering document: an adopted or retired programme version (of any
 * organisation), or an external document such as the government's "Tillsammans mot brott".
 */
export function createRelation(
  ctx: ChangeContext & { versionId: string; input: CreateRelationRequest },
): Promise<Relation> {
  const { input } = ctx;
  return changeDraft(ctx, 'relation', { versionId: ctx.versionId }, async ({ repo, version, audit }) => {
    const target = { version: null as string | null, external: null as string | null };
    if (input.target.kind === 'external') {
      if (!(await repo.findExternalDocument(input.target.id))) throw externalDocumentNotFound();
      target.external = input.target.id;
    } else {
      const other = await repo.findVersion(input.target.id);
      if (!other) throw versionNotFound();
      if (other.id === version.id || other.status === 'draft') throw relationTargetInvalid();
      target.version = other.id;
    }
    if (await repo.relationExists(version.id, input.type, target)) throw relationExists();
    const id = await repo.insertRelation({
      version_id: version.id,
      type: input.type,
      target_version_id: target.version,
      target_external_id: target.external,
      note_sv: input.note?.sv ?? null,
      note_en: input.note?.en ?? null,
    });
    await audit('created', id, ['type', 'target', ...(input.note ? ['note'] : [])]);
    return presentOne(repo, version.id, id);
  });
}

export function updateRelation(
  ctx: ChangeContext & { id: string; input: UpdateRelationRequest },
): Promise<Relation> {
  const { input } = ctx;
  return changeDraft(ctx, 'relation', { partId: ctx.id }, async ({ repo, version, audit }) => {
    const current = (await repo.findRelation(ctx.id))!;
    if (
      input.type !== undefined &&
      (await repo.relationExists(
        version.id,
        input.type,
        { version: current.target_version_id, external: current.target_external_id },
        ctx.id,
      ))
    )
      throw relationExists();
    await repo.updateRelation(ctx.id, {
      ...(input.type === undefined ? {} : { type: input.type }),
      ...(input.note === undefined
        ? {}
        : { note_sv: input.note?.sv ?? null, note_en: input.note?.en ?? null }),
    });
    await audit('updated', ctx.id, changedFields(input));
    return presentOne(repo, version.id, ctx.id);
  });
}

export function deleteRelation(ctx: ChangeContext & { id: string }): Promise<void> {
  return changeDraft(ctx, 'relation', { partId: ctx.id }, async ({ repo, audit }) => {
    await repo.deletePart('programme_relations', ctx.id);
    await audit('deleted', ctx.id);
  });
}

/** Registers a steering document from outside the organisation tree, so versions can relate to it. */
export async function createExternalDocument(
  ctx: ChangeContext & { input: CreateExternalDocumentRequest },
): Promise<ExternalDocument> {
  const { input } = ctx;
  assertCanManage(ctx.caller, input.organisationId);
  return inTransaction(ctx.deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    if (!(await repo.organisationExists(input.organisationId))) throw organisationNotFound();
    const row = await repo.insertExternalDocument({
      organisation_id: input.organisationId,
      title_sv: input.title.sv,
      title_en: input.title.en,
      issuer_sv: input.issuer.sv,
      issuer_en: input.issuer.en,
      year: input.year,
      reference: input.reference ?? null,
    });
    await auditChange(trx, ctx, {
      action: 'programme.external_document_created',
      organisationId: input.organisationId,
      targetType: 'external_steering_document',
      targetId: row.id,
      fields: ['title', 'issuer', 'year', ...(input.reference ? ['reference'] : [])],
    });
    return presentExternalDocument(row);
  });
}
