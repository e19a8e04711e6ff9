import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiRoutes } from '../../../../tests/integration/route-matrix.ts';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../../tests/support/smtp.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createOrganisation,
  createTestApp,
  createUser,
  signIn,
  type TestApp,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import { createOffsetClock, movableClockOf, registerMovableClock } from './test-clock.ts';

const HOUR = 3_600_000;

describe('the test clock, by default (TRYGG_TEST_CLOCK=off)', () => {
  const t = useTestApp();

  it('is not there: no route, so nothing to call and nothing in the route matrix', async () => {
    const admin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
    const res = await admin.request('POST', '/api/test/clock', { advanceMinutes: 60 });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await listApiRoutes()).map((r) => r.key)).not.toContain('POST /api/test/clock');
  });
});

describe('the test clock, on', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ config: { testClock: true, smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await t.app.close();
    await t.database.drop();
    await smtp.close();
  });

  it("answers 409 when the app's clock is not a movable one", async () => {
    const admin = await signIn(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    const res = await admin.request('POST', '/api/test/clock', { advanceMinutes: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('test_clock.unavailable');
  });

  it('moves the clock for an administrator, then runs the deadline sweep and sends the due e-mail', async () => {
    registerMovableClock(t.clock);
    const committee = await createOrganisation(t, 'Utbildningsnämnden', 'committee');
    const manager = await createUser(t, 'manager', committee);
    const start = t.deps.now();
    const incident = await seedIncident(t.database.db, {
      organisationId: committee,
      typeCode: 'violence_elected',
      serious: true,
      occurredAt: start,
      authorityDeadlineAt: new Date(start.getTime() + 24 * HOUR),
      description: 'Ledamoten knuffades ner för trappan',
      participants: [{ userId: manager.id, role: 'manager' }],
    });
    const admin = await signIn(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    const mark = await auditMark(t.database.db);

    let res = await admin.request('POST', '/api/test/clock', { advanceMinutes: 60 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ now: new Date(start.getTime() + HOUR).toISOString() });
    expect(t.deps.now().getTime()).toBe(start.getTime() + HOUR);
    expect(smtp.messages).toHaveLength(0);

    // 21 hours on, the 24-hour deadline is within the reminder window (4 hours by default).
    res = await admin.request('POST', '/api/test/clock', { advanceMinutes: 20 * 60 });
    expect(res.statusCode, res.body).toBe(200);
    // The reminder was sent while the request ran: it is there already.
    const mail = smtp.messages.find((m) => m.envelope.to.includes(manager.email));
    expect(mail?.parsed.subject).toBe(
      `Trygg: Påminnelse: anmäl ${incident.reference} till Arbetsmiljöverket`,
    );
    expect(mail?.parsed.text).toContain(`/incidents/${incident.id}`);
    expect(mail?.raw).not.toContain('trappan');

    const audit = await auditSince(t.database.db, mark);
    expect(audit.filter((e) => e.action === 'test_clock.advanced')).toHaveLength(2);
    // 21 hours later the administrator is still signed in: sessions moved with the clock.
    expect((await admin.request('GET', '/api/session')).json().user?.email).toBe(ADMIN_EMAIL);
  });

  it('refuses a user without users.manage, and a clock moved backwards', async () => {
    const committee = await createOrganisation(t, 'Kulturnämnden', 'committee');
    const employee = await createUser(t, 'employee', committee);
    const client = await signIn(t, employee.email);
    const before = t.deps.now().getTime();
    const res = await client.request('POST', '/api/test/clock', { advanceMinutes: 60 });
    expect(res.statusCode).toBe(403);
    const admin = await signIn(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await admin.request('POST', '/api/test/clock', { advanceMinutes: -5 })).statusCode).toBe(400);
    expect(t.deps.now().getTime()).toBe(before);
  });
});

describe('the offset clock serve uses', () => {
  it('is real time plus an offset that only grows, and is movable through the API', () => {
    const clock = createOffsetClock();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    clock.advance(48 * HOUR);
    clock.advance(-HOUR);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(48 * HOUR - 1000);
    expect(clock.now().getTime() - Date.now()).toBeLessThanOrEqual(48 * HOUR);
    expect(movableClockOf(clock.now)).toBe(clock);
    expect(movableClockOf(() => new Date())).toBeUndefined();
  });
});
