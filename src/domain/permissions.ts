import type { Role } from './roles.ts';

/**
 * Every action the application checks. Shared by server and web: the web hides what the server
 * would refuse, the server decides.
 */
export const PERMISSIONS = [
  'organisations.read',
  'organisations.manage',
  'areas.manage',
  'facilities.manage',
  'programme.manage',
  'coordinators.manage',
  'compliance.read',
  'users.read',
  'users.manage',
  'audit.read',
  'aggregates.read_city',
  'incidents.report',
  'incidents.handle',
  'sensitive.read',
  'threat_register.lookup',
  'threat_register.manage',
  'incident_types.manage',
  'pictures.read',
  'pictures.manage',
  'pictures.cycle',
  'extremism.read',
  'statistics.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Role → permissions. A role held in an organisation grants these in that organisation and below it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  administrator: [
    'organisations.read',
    'organisations.manage',
    'areas.manage',
    'facilities.manage',
    'programme.manage',
    'coordinators.manage',
    'compliance.read',
    'users.read',
    'users.manage',
    'audit.read',
    'incident_types.manage',
    'statistics.manage',
  ],
  city_analyst: [
    'organisations.read',
    'aggregates.read_city',
    'compliance.read',
    'pictures.read',
    'pictures.cycle',
    'statistics.manage',
  ],
  security_coordinator: [
    'organisations.read',
    'compliance.read',
    'users.read',
    'incidents.report',
    'incidents.handle',
    'sensitive.read',
    'threat_register.manage',
    'pictures.read',
    'pictures.manage',
    'extremism.read',
  ],
  crime_prevention_coordinator: [
    'organisations.read',
    'incidents.report',
    'incidents.handle',
    'pictures.read',
    'pictures.manage',
    'extremism.read',
  ],
  manager: [
    'organisations.read',
    'compliance.read',
    'users.read',
    'incidents.report',
    'incidents.handle',
    'pictures.read',
  ],
  employee: ['organisations.read', 'incidents.report'],
  case_worker: ['organisations.read', 'incidents.report', 'threat_register.lookup'],
  elected_official: ['organisations.read', 'incidents.report'],
  auditor: ['organisations.read', 'audit.read'],
};

/** A role held in one organisation. */
export interface RoleGrant {
  role: Role;
  organisationId: string;
}

/**
 * What an actor may do, resolved against the organisation tree: for each permission, the set of
 * organisation ids (the granting organisation and all its descendants) where it applies.
 */
export interface Actor {
  userId: string;
  grants: readonly RoleGrant[];
  scope: ReadonlyMap<Permission, ReadonlySet<string>>;
}

/** A resource the check is made against. `organisationId` null means "not tied to one organisation". */
export interface Resource {
  organisationId?: string | null;
  /** Sensitive resources are need-to-know: only named people and holders of `sensitive.read` see them. */
  sensitive?: boolean;
  /** Users with need-to-know of this sensitive resource by being involved (the affected person, their manager…). */
  involvedUserIds?: readonly string[];
}

/** Builds an actor's scope from their grants and a function that lists an organisation's subtree. */
export function buildActor(
  userId: string,
  grants: readonly RoleGrant[],
  subtreeOf: (organisationId: string) => readonly string[],
): Actor {
  const scope = new Map<Permission, Set<string>>();
  for (const grant of grants) {
    const orgs = subtreeOf(grant.organisationId);
    for (const permission of ROLE_PERMISSIONS[grant.role]) {
      let set = scope.get(permission);
      if (!set) {
        set = new Set();
        scope.set(permission, set);
      }
      for (const id of orgs) set.add(id);
    }
  }
  return { userId, grants, scope };
}

/**
 * The one check. Without a resource: does the actor hold the permission anywhere? With one: in the
 * resource's organisation (or below a grant above it); and a sensitive resource also needs
 * need-to-know — being involved in it, or holding `sensitive.read` in its organisation.
 */
export function can(actor: Actor | null | undefined, action: Permission, resource?: Resource): boolean {
  if (!actor) return false;
  const orgs = actor.scope.get(action);
  if (!orgs || orgs.size === 0) return false;
  if (!resource) return true;
  const orgId = resource.organisationId;
  if (orgId !== undefined && orgId !== null && !orgs.has(orgId)) return false;
  if (resource.sensitive) {
    const involved = resource.involvedUserIds?.includes(actor.userId) ?? false;
    const needToKnow = orgId ? (actor.scope.get('sensitive.read')?.has(orgId) ?? false) : false;
    if (!involved && !needToKnow) return false;
  }
  return true;
}

/** The organisation ids where the actor holds a permission; used by repositories to scope lists. */
export function scopeOf(actor: Actor, action: Permission): string[] {
  return [...(actor.scope.get(action) ?? [])];
}
