import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/api/audit.ts';
import { type Permission, ROLE_PERMISSIONS } from '../../src/domain/permissions.ts';
import { ROLES, type Role } from '../../src/domain/roles.ts';
import { startSession } from '../../src/server/modules/auth/auth.usecases.ts';
import type { OidcService } from '../../src/server/modules/auth/oidc.ts';
import { recordAuditNow } from '../../src/server/platform/audit.ts';
import type { RouteAccess } from '../../src/server/platform/context.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  anonymousClient,
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../support/test-app.ts';
import { listApiRoutes, type MatrixContext, ROUTE_MATRIX } from './route-matrix.ts';

const routes = (await listApiRoutes()).filter((r) => r.inMatrix);

type Caller = Role | 'none';
const isPermission = (access: RouteAccess): access is Permission => access !== 'public' && access !== 'user';
const rolesHolding = (permission: Permission) =>
  ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
/** For test names: `[label, caller]` pairs. */
const named = (callers: readonly Caller[]) =>
  callers.map((c) => [c === 'none' ? 'a user holding no role' : `the ${c}`, c] as const);

// A stand-in identity provider, so the OIDC routes answer as they do when one is configured.
const fakeOidc: OidcService = {
  label: 'Test-IdP',
  begin: async ({ returnTo }) => ({
    url: `https://idp.test/authorize?return=${encodeURIComponent(returnTo)}`,
    cookie: 'attempt',
  }),
  complete: async ({ meta }) => {
    const user = await createUser(t.current, 'employee', ctx.committeeA);
    return {
      session: await startSession({ deps: t.current.deps, userId: user.id, meta }),
      returnTo: '/users',
    };
  },
};

// Hundreds of calls from one address: lift the API rate limit, which is not what is tested here.
const t = useTestApp({ config: { rateLimitPerMinute: 100_000 }, app: { oidc: fakeOidc } });

let ctx: MatrixContext;
/** One signed-in client per role, each holding that role (or none) in committee A. */
const clients = new Map<Caller, Client>();
const client = (caller: Caller) => clients.get(caller)!;
/** The same roles held in the municipality itself, for city-wide resources. */
const cityClients = new Map<Caller, Client>();

async function auditCount(): Promise<number> {
  const row = await t.current.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sends a request that must be refused with one of `statuses`, for a reason other than CSRF, writing nothing. */
async function expectRefused(
  send: () => Promise<LightMyRequestResponse>,
  statuses: number[],
): Promise<LightMyRequestResponse> {
  const before = await auditCount();
  const res = await send();
  expect(statuses, `answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
  expect(res.json().error.code).not.toBe('csrf.invalid');
  expect(await auditCount(), 'a refused request left an audit entry, so it changed something').toBe(before);
  return res;
}

describe('the route authorization matrix', () => {
  beforeAll(async () => {
    const committeeA = await createOrganisation(t.current, 'Nämnd A', 'committee');
    const committeeB = await createOrganisation(t.current, 'Nämnd B', 'committee');
    let n = 0;
    ctx = {
      t: t.current,
      committeeA,
      committeeB,
      user: (role, organisationId) => createUser(t.current, role, organisationId),
      unique: (prefix) => `${prefix} ${++n}`,
    };
    for (const caller of [...ROLES, 'none'] as const) {
      const user = await createUser(
        t.current,
        caller === 'none' ? null : caller,
        committeeA,
        `Matrix ${caller}`,
      );
      clients.set(caller, await signIn(t.current, user.email));
      if (caller !== 'none') {
        const cityUser = await createUser(t.current, caller, t.current.rootId, `Matrix city ${caller}`);
        cityClients.set(caller, await signIn(t.current, cityUser.email));
      }
    }
  });

  it('has an entry for every API route, and none for a route that does not exist', () => {
    const registered = new Set(routes.map((r) => r.key));
    const missing = [...registered].filter((key) => !(key in ROUTE_MATRIX)).sort();
    const stale = Object.keys(ROUTE_MATRIX)
      .filter((key) => !registered.has(key))
      .sort();
    expect(
      missing,
      `routes without an entry in tests/integration/route-matrix.ts: ${missing.join(', ')}`,
    ).toEqual([]);
    expect(
      stale,
      `entries in tests/integration/route-matrix.ts for routes that do not exist: ${stale.join(', ')}`,
    ).toEqual([]);
  });

  for (const route of routes) {
    const entry = ROUTE_MATRIX[route.key];
    describe(route.key, () => {
      it('has a matrix entry agreeing with the access it declares', () => {
        expect(
          entry,
          `${route.key} has no entry in tests/integration/route-matrix.ts; add one`,
        ).toBeDefined();
        expect(route.access).toBe(entry?.access);
        if (entry && isPermission(entry.access)) {
          expect([...(entry.roles ?? [])].sort(), `the roles holding ${entry.access}`).toEqual(
            [...rolesHolding(entry.access)].sort(),
          );
        }
        const scoping = [entry?.other, entry?.list, entry?.notScoped, entry?.cityWide].filter(
          (x) => x !== undefined,
        );
        expect(scoping, 'an entry says exactly one of other, list, notScoped or cityWide').toHaveLength(1);
      });
      if (!entry) return;
      const access = entry.access;

      if (access === 'public') {
        it('answers an anonymous caller', async () => {
          const request = await entry.own(ctx);
          const anonymous = await anonymousClient(t.current);
          const res = await anonymous.request(route.method, request.url, request.body);
          expect(res.statusCode, res.body).toBe(entry.success);
        });
        return;
      }

      it('refuses an anonymous caller, or a forged session, with 401', async () => {
        const request = await entry.own(ctx);
        const anonymous = await anonymousClient(t.current);
        const res = await expectRefused(
          () => anonymous.request(route.method, request.url, request.body),
          [401],
        );
        expect(res.json().error.code).toBe('auth.unauthenticated');
        const forged = { cookie: `${anonymous.cookie}; trygg_session=forged-session-token` };
        await expectRefused(() => anonymous.request(route.method, request.url, request.body, forged), [401]);
        if (route.method === 'GET') {
          const head = await t.current.app.inject({ method: 'HEAD', url: request.url });
          expect(head.statusCode).toBe(401);
        }
      });

      if (access === 'user') {
        it('serves every signed-in user, whatever their roles', async () => {
          for (const caller of [...ROLES, 'none'] as const) {
            const request = await entry.own(ctx);
            const res = await client(caller).request(route.method, request.url, request.body);
            expect(res.statusCode, `${caller}: ${res.body}`).toBe(entry.success);
          }
        });
        return;
      }

      const denied: Caller[] = [...ROLES.filter((r) => !ROLE_PERMISSIONS[r].includes(access)), 'none'];
      it.each(named(denied))('refuses %s, who lacks the permission, with 403', async (_, caller) => {
        const request = await entry.own(ctx);
        const res = await expectRefused(
          () => client(caller).request(route.method, request.url, request.body),
          [403],
        );
        expect(res.json().error.code).toBe('access.forbidden');
      });

      const allowed = entry.roles ?? [];
      if (entry.cityWide) {
        it.each(named(allowed))('lets %s of the municipality act for the whole city', async (_, caller) => {
          const request = await entry.own(ctx);
          const res = await cityClients.get(caller)!.request(route.method, request.url, request.body);
          expect(res.statusCode, res.body).toBe(entry.success);
        });
        it.each(named(allowed))(
          "refuses %s of committee A: the resource is the whole city's",
          async (_, caller) => {
            const request = await entry.own(ctx);
            await expectRefused(() => client(caller).request(route.method, request.url, request.body), [403]);
          },
        );
        return;
      }
      if (entry.list) {
        const list = entry.list;
        it.each(named(allowed))(
          "shows %s of committee A their organisation's items, not another's",
          async (_, caller) => {
            const seeded = await list.seed(ctx);
            const request = await entry.own(ctx);
            const res = await client(caller).request(route.method, request.url, request.body);
            expect(res.statusCode, res.body).toBe(entry.success);
            const ids = list.ids(res.json());
            expect(ids).toContain(seeded.own);
            expect(ids).not.toContain(seeded.other);
          },
        );
        return;
      }

      it.each(named(allowed))('lets %s of committee A act on their own organisation', async (_, caller) => {
        const request = await entry.own(ctx);
        const res = await client(caller).request(route.method, request.url, request.body);
        expect(res.statusCode, res.body).toBe(entry.success);
      });

      const other = entry.other;
      if (other) {
        it.each(named(allowed))(
          "refuses %s of committee A another organisation's resources",
          async (_, caller) => {
            for (const request of await other(ctx)) {
              await expectRefused(
                () => client(caller).request(route.method, request.url, request.body),
                [403, 404],
              );
            }
          },
        );
      }
    });
  }
});

describe('the audit log, beyond the matrix', () => {
  /** Every event the client can read, following the pages. */
  async function readAll(c: Client, query = ''): Promise<AuditEvent[]> {
    const items: AuditEvent[] = [];
    let before = '';
    do {
      const res = await c.request(
        'GET',
        `/api/audit-events?limit=200${query}${before ? `&before=${before}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: AuditEvent[]; nextBefore: string | null };
      items.push(...page.items);
      before = page.nextBefore ?? '';
    } while (before);
    return items;
  }

  async function subtreeOf(organisationId: string): Promise<Set<string>> {
    const all = await t.current.database.db.selectFrom('organisations').select(['id', 'parent_id']).execute();
    const ids = new Set([organisationId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const o of all) {
        if (o.parent_id && ids.has(o.parent_id) && !ids.has(o.id)) {
          ids.add(o.id);
          grew = true;
        }
      }
    }
    return ids;
  }

  async function seedEvents() {
    const signer = await createUser(t.current, 'employee', ctx.committeeA);
    await signIn(t.current, signer.email); // a sign-in is tied to no organisation
    const [own, other] = [crypto.randomUUID(), crypto.randomUUID()];
    await recordAuditNow(t.current.deps.db, {
      action: 'audit.test',
      organisationId: ctx.committeeA,
      targetId: own,
    });
    await recordAuditNow(t.current.deps.db, {
      action: 'audit.test',
      organisationId: ctx.committeeB,
      targetId: other,
    });
    return { signer, own, other };
  }

  it.each(named(['auditor', 'administrator']))(
    "shows %s of committee A neither committee B's events nor events tied to no organisation",
    async (_, role) => {
      const { signer, own, other } = await seedEvents();
      const items = await readAll(client(role));
      const subtree = await subtreeOf(ctx.committeeA);
      expect(items.map((e) => e.targetId)).toContain(own);
      expect(items.map((e) => e.targetId)).not.toContain(other);
      expect(items.filter((e) => e.organisationId === null || !subtree.has(e.organisationId))).toEqual([]);
      expect(await readAll(client(role), `&action=auth.signed_in&targetId=${signer.id}`)).toEqual([]);
    },
  );

  it('shows events tied to no organisation to an auditor and to an administrator of the municipality', async () => {
    const { signer, own, other } = await seedEvents();
    const rootAuditor = await createUser(t.current, 'auditor', t.current.rootId);
    for (const c of [
      await signIn(t.current, rootAuditor.email),
      await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD),
    ]) {
      const signIns = await readAll(c, `&action=auth.signed_in&targetId=${signer.id}`);
      expect(signIns).toEqual([expect.objectContaining({ actorId: signer.id, organisationId: null })]);
      const ids = (await readAll(c, '&action=audit.test')).map((e) => e.targetId);
      expect(ids).toEqual(expect.arrayContaining([own, other]));
    }
  });
});
