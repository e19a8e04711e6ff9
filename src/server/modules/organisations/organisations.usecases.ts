import type { CreateOrganisationRequest, Organisation } from '../../../domain/api/organisations.ts';
import { scopeOf } from '../../../domain/permissions.ts';
import type { OrganisationRow } from '../../db/types.ts';
import { type Caller, callerCan, callerId, SYSTEM } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { createError, forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationsRepository } from './organisations.repository.ts';

export const organisationNotFound = createError({
  code: 'organisations.not_found',
  status: 404,
  message: 'No such organisation',
});

function present(caller: Caller, o: OrganisationRow): Organisation {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    parentId: o.parent_id,
    can: { createChild: callerCan(caller, 'organisations.manage', { organisationId: o.id }) },
  };
}

async function visibleIds(deps: AppDeps, caller: Caller): Promise<string[]> {
  if (caller !== SYSTEM) return scopeOf(caller, 'organisations.read');
  const all = await deps.db.selectFrom('organisations').select('id').execute();
  return all.map((o) => o.id);
}

export async function listOrganisations({
  deps,
  caller,
}: {
  deps: AppDeps;
  caller: Caller;
}): Promise<Organisation[]> {
  const rows = await createOrganisationsRepository(deps).listByIds(await visibleIds(deps, caller));
  return rows.map((o) => present(caller, o));
}

export async function getOrganisation({
  deps,
  caller,
  id,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
}): Promise<Organisation> {
  if (!callerCan(caller, 'organisations.read', { organisationId: id })) throw organisationNotFound();
  const row = await createOrganisationsRepository(deps).findById(id);
  if (!row) throw organisationNotFound();
  return present(caller, row);
}

export async function createOrganisation({
  deps,
  caller,
  input,
  meta,
}: {
  deps: AppDeps;
  caller: Caller;
  input: CreateOrganisationRequest;
  meta: RequestMeta;
}): Promise<Organisation> {
  if (!callerCan(caller, 'organisations.read', { organisationId: input.parentId }))
    throw organisationNotFound();
  if (!callerCan(caller, 'organisations.manage', { organisationId: input.parentId })) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const repo = createOrganisationsRepository({ db: trx });
    if (!(await repo.findById(input.parentId))) throw organisationNotFound();
    const id = await repo.createOrganisation({
      name: input.name,
      kind: input.kind,
      parentId: input.parentId,
    });
    await recordAudit(
      trx,
      {
        action: 'organisation.created',
        actorId: callerId(caller),
        organisationId: id,
        targetType: 'organisation',
        targetId: id,
        fields: ['name', 'kind', 'parent_id'],
        ...meta,
      },
      deps.now(),
    );
    const row = await repo.findById(id);
    // The new organisation lies under the parent, so the caller's rights there carry over.
    return { ...present(caller, row!), can: { createChild: true } };
  });
}
