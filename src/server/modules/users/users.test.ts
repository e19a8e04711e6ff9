import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  anonymousClient,
  type Client,
  createOrganisation,
  createUser,
  signIn,
  USER_PASSWORD,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { User } from '../../../domain/api/users.ts';
import { verifyAuditChain } from '../../platform/audit.ts';

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

const withRequestId = (id: string) => ({ 'x-request-id': id });

async function getUser(client: Client, id: string): Promise<User> {
  const res = await client.request('GET', `/api/users/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `Karin.Larsson.${crypto.randomUUID()}@Test.Local`,
  name: 'Karin Larsson',
  password: 'Trygg-lösenord-2026',
  role: 'manager',
  organisationId: committeeA,
  ...overrides,
});

describe('creating a user', () => {
  it('creates an account with its first role, answers 201 and audits the field names only', async () => {
    const body = newUser();
    const mark = await auditMark(t.current.database.db);
    const res = await admin.request('POST', '/api/users', body, withRequestId('req-create-user-01'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['x-request-id']).toBe('req-create-user-01');
    const created: User = res.json();
    expect(created).toMatchObject({
      email: body.email,
      name: 'Karin Larsson',
      locale: 'sv',
      disabled: false,
      roles: [{ role: 'manager', organisationId: committeeA, organisationName: 'Nämnd A' }],
      can: { update: true, disable: true, grant: true },
    });

    const entries = await auditSince(t.current.database.db, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'user.created',
        actor_id: adminA.id,
        organisation_id: committeeA,
        target_type: 'user',
        target_id: created.id,
        fields: ['email', 'name', 'password', 'roles'],
        ip: '127.0.0.1',
        request_id: 'req-create-user-01',
      }),
    ]);
    const logged = JSON.stringify(entries).toLowerCase();
    for (const secret of [body.password, body.email, body.name])
      expect(logged).not.toContain(secret.toLowerCase());

    const stored = await t.current.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(body.password);
    const session = (
      await (await signIn(t.current, body.email, body.password)).request('GET', '/api/session')
    ).json();
    expect(session.user.roles).toEqual([
      expect.objectContaining({ role: 'manager', organisationId: committeeA }),
    ]);
  });

  it('refuses an address already in use, in any letter case, with 409 and writes nothing', async () => {
    const existing = await createUser(t.current, 'employee', committeeA);
    const mark = await auditMark(t.current.database.db);
    const res = await admin.request('POST', '/api/users', newUser({ email: existing.email.toUpperCase() }));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('users.email_taken');
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });

  it('answers 409, not 500, when the same address is submitted twice at once', async () => {
    for (let i = 0; i < 5; i++) {
      const body = newUser();
      const mark = await auditMark(t.current.database.db);
      const answers = await Promise.all([
        admin.request('POST', '/api/users', body),
        admin.request('POST', '/api/users', body),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect((await auditSince(t.current.database.db, mark)).map((e) => e.action)).toEqual(['user.created']);
    }
  });

  it.each([
    ['too short', 'Kort-1', 'At least 12 characters'],
    ['too few different characters', 'aaaaaaaaaaaa1', 'Too few different characters'],
    ['letters only', 'BaraBokstäverHär', 'Include at least one digit or symbol'],
  ])(
    'refuses a weak password (%s) with 400, saying what is wrong, and creates nothing',
    async (_, password, message) => {
      const body = newUser({ password });
      const mark = await auditMark(t.current.database.db);
      const res = await admin.request('POST', '/api/users', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'validation.failed',
        details: expect.arrayContaining([{ path: 'body.password', message }]),
      });
      expect(JSON.stringify(res.json())).not.toContain(password);
      expect(await auditSince(t.current.database.db, mark)).toEqual([]);
      const row = await t.current.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', body.email)
        .executeTakeFirst();
      expect(row).toBeUndefined();
    },
  );
});

describe('disabling a user', () => {
  it('disables an account, ends its sessions and audits it', async () => {
    const target = await createUser(t.current, 'employee', committeeA);
    const targetClient = await signIn(t.current, target.email);
    expect((await targetClient.request('GET', '/api/organisations')).statusCode).toBe(200);

    const mark = await auditMark(t.current.database.db);
    const res = await admin.request(
      'POST',
      `/api/users/${target.id}/disable`,
      undefined,
      withRequestId('req-disable-user-01'),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({
        action: 'user.disabled',
        actor_id: adminA.id,
        target_type: 'user',
        target_id: target.id,
        fields: ['disabled_at'],
        ip: '127.0.0.1',
        request_id: 'req-disable-user-01',
      }),
    ]);

    expect((await targetClient.request('GET', '/api/organisations')).statusCode).toBe(401);
    const sessions = await t.current.database.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', target.id)
      .execute();
    expect(sessions).toEqual([]);
    const again = await (await anonymousClient(t.current)).request('POST', '/api/auth/login', {
      email: target.email,
      password: USER_PASSWORD,
    });
    expect(again.statusCode).toBe(401);
    expect(await getUser(admin, target.id)).toMatchObject({ disabled: true, can: { disable: false } });
  });

  it('does not let administrators disable themselves (409), and changes nothing', async () => {
    const mark = await auditMark(t.current.database.db);
    const res = await admin.request('POST', `/api/users/${adminA.id}/disable`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('users.cannot_disable_self');
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
    expect((await admin.request('GET', '/api/users')).statusCode).toBe(200);
  });

  it('refuses with 403 a user the caller may see but not manage', async () => {
    const seer = await createUser(t.current, 'administrator', committeeA);
    await t.current.database.db
      .insertInto('user_roles')
      .values({ user_id: seer.id, organisation_id: committeeB, role: 'manager', granted_by: null })
      .execute();
    const client = await signIn(t.current, seer.email);
    const target = await createUser(t.current, 'employee', committeeB);
    expect((await getUser(client, target.id)).can).toEqual({ update: false, disable: false, grant: false });
    const mark = await auditMark(t.current.database.db);
    const res = await client.request('POST', `/api/users/${target.id}/disable`);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('access.forbidden');
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });
});

describe('granting and revoking roles', () => {
  it('grants and revokes a role, auditing each change once', async () => {
    const target = await createUser(t.current, 'employee', committeeA);
    const mark = await auditMark(t.current.database.db);
    const grant = { role: 'manager', organisationId: committeeA };
    const granted = await admin.request(
      'POST',
      `/api/users/${target.id}/roles`,
      grant,
      withRequestId('req-grant-role-01'),
    );
    expect(granted.statusCode, granted.body).toBe(200);
    expect((await getUser(admin, target.id)).roles.map((r) => r.role)).toEqual(['employee', 'manager']);
    // Granting a role already held changes nothing and is not audited again.
    expect((await admin.request('POST', `/api/users/${target.id}/roles`, grant)).statusCode).toBe(200);

    const revoked = await admin.request(
      'DELETE',
      `/api/users/${target.id}/roles/${committeeA}/manager`,
      undefined,
      withRequestId('req-revoke-role-01'),
    );
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await getUser(admin, target.id)).roles.map((r) => r.role)).toEqual(['employee']);
    // Revoking a role not held is 404, and not audited.
    const again = await admin.request('DELETE', `/api/users/${target.id}/roles/${committeeA}/manager`);
    expect(again.statusCode).toBe(404);

    const common = {
      actor_id: adminA.id,
      organisation_id: committeeA,
      target_type: 'user',
      target_id: target.id,
      fields: ['roles'],
      ip: '127.0.0.1',
    };
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({ action: 'user.role_granted', request_id: 'req-grant-role-01', ...common }),
      expect.objectContaining({ action: 'user.role_revoked', request_id: 'req-revoke-role-01', ...common }),
    ]);
  });

  it('takes back a user who was left holding no role', async () => {
    const target = await createUser(t.current, 'employee', committeeA);
    expect(
      (await admin.request('DELETE', `/api/users/${target.id}/roles/${committeeA}/employee`)).statusCode,
    ).toBe(200);
    expect((await admin.request('GET', `/api/users/${target.id}`)).statusCode).toBe(404);
    const res = await admin.request('POST', `/api/users/${target.id}/roles`, {
      role: 'employee',
      organisationId: committeeA,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await getUser(admin, target.id)).roles).toEqual([
      expect.objectContaining({ role: 'employee', organisationId: committeeA }),
    ]);
  });

  it("cannot pull another organisation's user in (not even the city's administrator) and then disable them", async () => {
    const cityAdmin = await t.current.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', ADMIN_EMAIL)
      .executeTakeFirstOrThrow();
    const userOfB = await createUser(t.current, 'employee', committeeB);
    const mark = await auditMark(t.current.database.db);
    for (const id of [cityAdmin.id, userOfB.id]) {
      const grant = await admin.request('POST', `/api/users/${id}/roles`, {
        role: 'employee',
        organisationId: committeeA,
      });
      expect(grant.statusCode, grant.body).toBe(404);
      expect(grant.json().error.code).toBe('users.not_found');
      expect((await admin.request('POST', `/api/users/${id}/disable`)).statusCode).toBe(404);
    }
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
    await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it('refuses a role in an organisation outside the caller’s reach with 403', async () => {
    const target = await createUser(t.current, 'employee', committeeA);
    const mark = await auditMark(t.current.database.db);
    for (const organisationId of [committeeB, t.current.rootId]) {
      const res = await admin.request('POST', `/api/users/${target.id}/roles`, {
        role: 'administrator',
        organisationId,
      });
      expect(res.statusCode, res.body).toBe(403);
    }
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });
});

describe('what callers see', () => {
  it("answers with `can` flags reflecting the caller's rights", async () => {
    const target = await createUser(t.current, 'employee', committeeA);
    expect((await getUser(admin, target.id)).can).toEqual({ update: true, disable: true, grant: true });
    expect((await getUser(admin, adminA.id)).can).toEqual({ update: true, disable: false, grant: true });

    const manager = await signIn(t.current, (await createUser(t.current, 'manager', committeeA)).email);
    expect((await getUser(manager, target.id)).can).toEqual({ update: false, disable: false, grant: false });
    const listed = (await manager.request('GET', '/api/users')).json().items as User[];
    expect(listed.find((u) => u.id === target.id)?.can).toEqual({
      update: false,
      disable: false,
      grant: false,
    });

    const cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await getUser(cityAdmin, target.id)).can).toEqual({ update: true, disable: true, grant: true });
  });

  it('keeps users of other organisations invisible (404), and shows only the roles held within reach', async () => {
    const userOfB = await createUser(t.current, 'employee', committeeB);
    const res = await admin.request('GET', `/api/users/${userOfB.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('users.not_found');
    const ids = ((await admin.request('GET', '/api/users')).json().items as User[]).map((u) => u.id);
    expect(ids).not.toContain(userOfB.id);

    const both = await createUser(t.current, 'employee', committeeA);
    await t.current.database.db
      .insertInto('user_roles')
      .values({ user_id: both.id, organisation_id: committeeB, role: 'manager', granted_by: null })
      .execute();
    expect((await getUser(admin, both.id)).roles).toEqual([
      { role: 'employee', organisationId: committeeA, organisationName: 'Nämnd A' },
    ]);
    const listed = ((await admin.request('GET', '/api/users')).json().items as User[]).find(
      (u) => u.id === both.id,
    );
    expect(listed?.roles.map((r) => r.organisationId)).toEqual([committeeA]);
  });

  it('leaves the audit chain intact after all these changes', async () => {
    expect(await verifyAuditChain(t.current.database.db)).toMatchObject({ ok: true });
  });
});

describe('the whole city', () => {
  it("lets the municipality's administrator see users who hold no role yet; a committee's administrator does not", async () => {
    const roleless = await createUser(t.current, null, committeeA, 'Utan Roll');
    const city = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
    const all: User[] = (await city.request('GET', '/api/users')).json().items;
    expect(all.map((u) => u.id)).toContain(roleless.id);
    const mine: User[] = (await admin.request('GET', '/api/users')).json().items;
    expect(mine.map((u) => u.id)).not.toContain(roleless.id);
  });
});

describe('password rules', () => {
  it('refuses a password that contains the e-mail address or its name part', async () => {
    const email = `vendela.${crypto.randomUUID().slice(0, 8)}@test.local`;
    const local = email.split('@')[0]!;
    const res = await admin.request('POST', '/api/users', newUser({ email, password: `${local}-2026!` }));
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('e-mail');
    const ok = await admin.request(
      'POST',
      '/api/users',
      newUser({ email, password: 'Blå-himmel-över-2026' }),
    );
    expect(ok.statusCode).toBe(201);
  });
});

describe('auditing account changes', () => {
  it("files a disabled account under the user's organisation so that organisation's auditors see it", async () => {
    const target = await createUser(t.current, 'employee', committeeA, 'Ska Stängas');
    const mark = await auditMark(t.current.database.db);
    expect((await admin.request('POST', `/api/users/${target.id}/disable`)).statusCode).toBe(200);
    const [entry] = await auditSince(t.current.database.db, mark);
    expect(entry).toMatchObject({
      action: 'user.disabled',
      organisation_id: committeeA,
      target_id: target.id,
    });
    const auditorA = await createUser(t.current, 'auditor', committeeA, 'Granskare A');
    const auditor = await signIn(t.current, auditorA.email);
    const events = (await auditor.request('GET', `/api/audit-events?targetId=${target.id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toContain('user.disabled');
  });
});
