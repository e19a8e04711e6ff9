import type { Actor, Permission, Resource } from '../../domain/permissions.ts';
import { can } from '../../domain/permissions.ts';

/** The command line acts as the operator of the installation: allowed everything, audited with no user. */
export const SYSTEM = 'system' as const;
export type Caller = Actor | typeof SYSTEM;

export function callerCan(caller: Caller, action: Permission, resource?: Resource): boolean {
  return caller === SYSTEM || can(caller, action, resource);
}

export function callerId(caller: Caller): string | null {
  return caller === SYSTEM ? null : caller.userId;
}
