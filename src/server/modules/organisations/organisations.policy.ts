import type { Actor, Permission } from '../../../domain/permissions.ts';
import { scopeOf } from '../../../domain/permissions.ts';
import { type Caller, callerCan, SYSTEM } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { organisationNotFound } from './organisations.errors.ts';
import type { OrganisationsRepository } from './organisations.repository.ts';

/** Outside the caller's organisations an organisation does not exist for them (404). */
export function requireVisible(caller: Caller, organisationId: string): void {
  if (!callerCan(caller, 'organisations.read', { organisationId })) throw organisationNotFound();
}

/** Seen but not managed: 403. */
export function requireManage(caller: Caller, organisationId: string): void {
  requireVisible(caller, organisationId);
  if (!callerCan(caller, 'organisations.manage', { organisationId })) throw forbidden();
}

/** The ids the caller may read: every organisation for the command line. */
export async function visibleIds(caller: Caller, repo: OrganisationsRepository): Promise<string[]> {
  return caller === SYSTEM ? repo.listAllIds() : scopeOf(caller, 'organisations.read');
}

/**
 * The caller as seen after creating `newIds` under `parentId`: a role held above the parent reaches
 * the new organisations too, but the session's scope was resolved before they existed.
 */
export function withNewOrganisations(caller: Caller, parentId: string, newIds: readonly string[]): Caller {
  if (caller === SYSTEM || newIds.length === 0) return caller;
  const scope = new Map<Permission, ReadonlySet<string>>();
  for (const [permission, ids] of caller.scope)
    scope.set(permission, ids.has(parentId) ? new Set([...ids, ...newIds]) : ids);
  return { ...caller, scope } satisfies Actor;
}
