import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { Organisation } from '../../../domain/api/organisations.ts';
import type { Role } from '../../../domain/roles.ts';

const t = useTestApp();

let committeeA: string;
let committeeB: string;
let adminA: { id: string; email: string };
/** The administrator of committee A (not of the municipality). */
let admin: Client;

beforeAll(async () => {
  committeeA = await createOrganisation(t.current, 'Nämnd A', 'committee');
  committeeB = await createOrganisation(t.current, 'Nämnd B', 'committee');
  adminA = await createUser(t.current, 'administrator', committeeA, 'Admin A');
  admin = await signIn(t.current, adminA.email);
});

/** A signed-in user holding each of `grants`. */
async function signInWith(...grants: [Role, string][]): Promise<Client> {
  const [first, ...rest] = grants;
  const user = await createUser(t.current, first![0], first![1]);
  for (const [role, organisationId] of rest) {
    await t.current.database.db
      .insertInto('user_roles')
      .values({ user_id: user.id, organisation_id: organisationId, role, granted_by: null })
      .execute();
  }
  return signIn(t.current, user.email);
}

async function list(client: Client): Promise<Organisation[]> {
  const res = await client.request('GET', '/api/organisations');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('creating an organisation', () => {
  it("creates one under a parent in the caller's reach, answers 201 and audits it", async () => {
    const mark = await auditMark(t.current.database.db);
    const body = { name: 'Trygghetsbolaget AB', kind: 'company', parentId: committeeA };
    const res = await admin.request('POST', '/api/organisations', body, {
      'x-request-id': 'req-create-org-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created: Organisation = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Trygghetsbolaget AB',
      kind: 'company',
      parentId: committeeA,
      can: { createChild: true },
    });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({
        action: 'organisation.created',
        actor_id: adminA.id,
        organisation_id: created.id,
        target_type: 'organisation',
        target_id: created.id,
        fields: ['name', 'kind', 'parent_id'],
        ip: '127.0.0.1',
        request_id: 'req-create-org-01',
      }),
    ]);

    expect((await list(admin)).map((o) => o.id)).toContain(created.id);
    expect((await admin.request('GET', `/api/organisations/${created.id}`)).json()).toEqual(created);
    // The new organisation lies within the committee, so it can have children of its own.
    const grandchild = await admin.request('POST', '/api/organisations', {
      name: 'Dotterbolaget AB',
      kind: 'company',
      parentId: created.id,
    });
    expect(grandchild.statusCode, grandchild.body).toBe(201);
    // …and its event reaches the committee's auditor.
    const auditor = await signInWith(['auditor', committeeA]);
    const events = (
      await auditor.request('GET', `/api/audit-events?action=organisation.created&targetId=${created.id}`)
    ).json().items;
    expect(events).toEqual([
      expect.objectContaining({ organisationId: created.id, requestId: 'req-create-org-01' }),
    ]);
  });

  it("refuses a parent outside the caller's reach with 404, and creates nothing", async () => {
    const mark = await auditMark(t.current.database.db);
    for (const parentId of [committeeB, t.current.rootId, t.current.boardId, crypto.randomUUID()]) {
      const res = await admin.request('POST', '/api/organisations', {
        name: 'Utanför',
        kind: 'committee',
        parentId,
      });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('organisations.not_found');
    }
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
    const made = await t.current.database.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Utanför')
      .execute();
    expect(made).toEqual([]);
  });

  it('refuses with 403 a parent the caller may see but not manage, or a caller who manages nothing', async () => {
    const mixed = await signInWith(['administrator', committeeA], ['employee', committeeB]);
    const employee = await signInWith(['employee', committeeA]);
    const mark = await auditMark(t.current.database.db);
    const seen = await mixed.request('POST', '/api/organisations', {
      name: 'Sedd',
      kind: 'company',
      parentId: committeeB,
    });
    expect(seen.statusCode, seen.body).toBe(403);
    expect(seen.json().error.code).toBe('access.forbidden');
    const own = await employee.request('POST', '/api/organisations', {
      name: 'Egen',
      kind: 'company',
      parentId: committeeA,
    });
    expect(own.statusCode, own.body).toBe(403);
    expect(own.json().error.code).toBe('access.forbidden');
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });

  it('refuses an invalid request with 400 and the field paths', async () => {
    const mark = await auditMark(t.current.database.db);
    const municipality = await admin.request('POST', '/api/organisations', {
      name: 'Ny kommun',
      kind: 'municipality',
      parentId: committeeA,
    });
    expect(municipality.statusCode).toBe(400);
    expect(municipality.json().error.details).toEqual([expect.objectContaining({ path: 'body.kind' })]);
    const nameless = await admin.request('POST', '/api/organisations', {
      name: '   ',
      kind: 'company',
      parentId: committeeA,
    });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.details).toEqual([expect.objectContaining({ path: 'body.name' })]);
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });
});

describe('reading organisations', () => {
  it("lists only the organisations in the caller's reach", async () => {
    const child = await createOrganisation(t.current, 'Förvaltning A1', 'company', committeeA);
    const ids = (await list(admin)).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([committeeA, child]));
    for (const hidden of [committeeB, t.current.rootId, t.current.boardId]) expect(ids).not.toContain(hidden);

    const employeeOfB = await signInWith(['employee', committeeB]);
    expect((await list(employeeOfB)).map((o) => o.id)).toEqual([committeeB]);

    const cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
    const all = await t.current.database.db.selectFrom('organisations').select('id').execute();
    expect((await list(cityAdmin)).map((o) => o.id).sort()).toEqual(all.map((o) => o.id).sort());
  });

  it("hides another organisation's record (404)", async () => {
    for (const id of [committeeB, t.current.rootId, crypto.randomUUID()]) {
      const res = await admin.request('GET', `/api/organisations/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('organisations.not_found');
    }
  });

  it("answers with `can.createChild` reflecting the caller's rights", async () => {
    const byId = (items: Organisation[]) => new Map(items.map((o) => [o.id, o.can]));
    expect(byId(await list(admin)).get(committeeA)).toEqual({ createChild: true });
    const employee = await signInWith(['employee', committeeA]);
    expect(byId(await list(employee)).get(committeeA)).toEqual({ createChild: false });
    const mixed = byId(await list(await signInWith(['administrator', committeeA], ['employee', committeeB])));
    expect(mixed.get(committeeA)).toEqual({ createChild: true });
    expect(mixed.get(committeeB)).toEqual({ createChild: false });
  });
});
