import { type Caller, callerCan } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';

/**
 * Programmes are public steering documents: every signed-in user reads them all. Changing one takes
 * `programme.manage` in the organisation that owns it (the municipality for the city programme), so an
 * administrator of one committee can keep that committee's programme but not the city's.
 */
export function canManage(caller: Caller, organisationId: string): boolean {
  return callerCan(caller, 'programme.manage', { organisationId });
}

export function assertCanManage(caller: Caller, organisationId: string): void {
  if (!canManage(caller, organisationId)) throw forbidden();
}
