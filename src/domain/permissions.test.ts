import { describe, expect, it } from 'vitest';
import { buildActor, can, PERMISSIONS, ROLE_PERMISSIONS, scopeOf } from './permissions.ts';
import { ROLES } from './roles.ts';

// municipality ─┬─ committee A ── unit A1
//               └─ committee B
const tree: Record<string, string[]> = {
  city: ['city', 'a', 'a1', 'b'],
  a: ['a', 'a1'],
  a1: ['a1'],
  b: ['b'],
};
const subtree = (id: string) => tree[id] ?? [id];

describe('can', () => {
  it('grants a role in an organisation and everything below it, and nothing beside it', () => {
    const manager = buildActor('u1', [{ role: 'manager', organisationId: 'a' }], subtree);
    expect(can(manager, 'incidents.handle', { organisationId: 'a' })).toBe(true);
    expect(can(manager, 'incidents.handle', { organisationId: 'a1' })).toBe(true);
    expect(can(manager, 'incidents.handle', { organisationId: 'b' })).toBe(false);
    expect(can(manager, 'incidents.handle', { organisationId: 'city' })).toBe(false);
    expect(scopeOf(manager, 'incidents.handle').sort()).toEqual(['a', 'a1']);
  });

  it('refuses what the role does not include, anywhere', () => {
    const employee = buildActor('u2', [{ role: 'employee', organisationId: 'city' }], subtree);
    expect(can(employee, 'audit.read')).toBe(false);
    expect(can(employee, 'users.manage', { organisationId: 'a' })).toBe(false);
    expect(can(employee, 'incidents.report', { organisationId: 'b' })).toBe(true);
  });

  it('keeps sensitive records to the involved and to holders of sensitive.read in that organisation', () => {
    const manager = buildActor('m', [{ role: 'manager', organisationId: 'a' }], subtree);
    const coordinator = buildActor('c', [{ role: 'security_coordinator', organisationId: 'a' }], subtree);
    const otherCoordinator = buildActor(
      'o',
      [{ role: 'security_coordinator', organisationId: 'b' }],
      subtree,
    );
    const threat = { organisationId: 'a1', sensitive: true, involvedUserIds: ['m'] };
    expect(can(coordinator, 'incidents.handle', threat)).toBe(true);
    expect(can(otherCoordinator, 'incidents.handle', threat)).toBe(false);
    // The manager is named on this record; another manager of A is not.
    expect(can(manager, 'incidents.handle', threat)).toBe(true);
    const otherManager = buildActor('m2', [{ role: 'manager', organisationId: 'a' }], subtree);
    expect(can(otherManager, 'incidents.handle', threat)).toBe(false);
  });

  it('refuses everything to nobody', () => {
    expect(can(null, 'organisations.read')).toBe(false);
    expect(can(undefined, 'organisations.read', { organisationId: 'a' })).toBe(false);
  });

  it('maps every role to known permissions, and an auditor only reads', () => {
    for (const role of ROLES) {
      for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
    }
    expect(ROLE_PERMISSIONS.auditor).toEqual(['organisations.read', 'audit.read']);
    expect(ROLE_PERMISSIONS.administrator).not.toContain('sensitive.read');
  });
});

describe('involvement', () => {
  it('opens need-to-know but never grants an action the actor does not hold there', () => {
    const employee = buildActor('e', [{ role: 'employee', organisationId: 'b' }], subtree);
    const record = { organisationId: 'a1', sensitive: true, involvedUserIds: ['e'] };
    expect(can(employee, 'incidents.handle', record)).toBe(false);
    expect(can(employee, 'incidents.report', record)).toBe(false);
    const employeeOfA = buildActor('e', [{ role: 'employee', organisationId: 'a' }], subtree);
    expect(can(employeeOfA, 'incidents.report', record)).toBe(true);
  });
});
