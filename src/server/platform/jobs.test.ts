import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../tests/support/smtp.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createOrganisation,
  createUser,
  testConfig,
  useTestApp,
} from '../../../tests/support/test-app.ts';
import { type RunningServer, startServer } from '../main.ts';
import { incidentsDb } from '../modules/incidents/incidents.tables.ts';
import { installJobSchema, JOB_SCHEMA, QUEUES } from './job-schema.ts';
import { createJobs, type Jobs } from './jobs.ts';
import { createMailer } from './mail.ts';
import { queueNotifications } from './notifications.ts';

const silent = pino({ level: 'silent' });
let smtp: TestSmtpServer;
const t = useTestApp();

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

async function emailStatus(id: string) {
  const row = await incidentsDb(t.current.database.db)
    .selectFrom('notifications')
    .select(['email_status', 'email_attempts'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

/** Queues `count` notices for the user (as a use case does) and returns their ids. */
async function notify(userId: string, count = 1): Promise<string[]> {
  await queueNotifications(
    t.current.database.db,
    t.current.deps.now(),
    Array.from({ length: count }, () => ({ userId, incidentId: null, kind: 'incident.assigned' })),
  );
  const rows = await incidentsDb(t.current.database.db)
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.id);
}

describe('the job schema (pg-boss), installed by the schema owner at migration time', () => {
  it('is in every database cloned from the migrated template, with every queue the app uses', async () => {
    const su = await t.current.database.superuser();
    try {
      const owner = await su.query<{ owner: string }>(
        `SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1`,
        [JOB_SCHEMA],
      );
      expect(owner.rows[0]?.owner).toBe(new URL(t.current.database.ownerUrl).username);
      const queues = await su.query<{ name: string; policy: string; partition_name: string }>(
        `SELECT name, policy, partition_name FROM ${JOB_SCHEMA}.queue ORDER BY name`,
      );
      expect(queues.rows.map((q) => q.name)).toEqual([...Object.values(QUEUES), '__pgboss__send-it'].sort());
      for (const q of queues.rows.filter((r) => !r.name.startsWith('__'))) expect(q.policy).toBe('stately');
      // In pg-boss 10 each queue is a partition of the job table: created now, not at run time.
      const partitions = await su.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = '${JOB_SCHEMA}.job'::regclass`,
      );
      expect(partitions.rows[0]?.n).toBe(queues.rows.length);
    } finally {
      await su.end();
    }
  });

  it('gives the app role row access only: it can neither create tables nor new queues (partitions)', async () => {
    const app = new pg.Client({ connectionString: t.current.database.url });
    await app.connect();
    try {
      await app.query(`SELECT count(*) FROM ${JOB_SCHEMA}.job`);
      await expect(app.query(`CREATE TABLE ${JOB_SCHEMA}.sneaky (id int)`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query(`SELECT ${JOB_SCHEMA}.create_queue('sneaky', '{}'::json)`)).rejects.toThrow(
        /permission denied|must be owner/,
      );
      await expect(app.query(`TRUNCATE ${JOB_SCHEMA}.job`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });

  it('installs again without changing anything, and puts changed queue settings back', async () => {
    const owner = new pg.Pool({ connectionString: t.current.database.ownerUrl, max: 1 });
    try {
      await owner.query(`UPDATE ${JOB_SCHEMA}.queue SET policy = 'standard' WHERE name = $1`, [
        QUEUES.retention,
      ]);
      await installJobSchema(owner, new URL(t.current.database.url).username);
      await installJobSchema(owner, new URL(t.current.database.url).username);
      const { rows } = await owner.query(`SELECT policy FROM ${JOB_SCHEMA}.queue WHERE name = $1`, [
        QUEUES.retention,
      ]);
      expect(rows[0].policy).toBe('stately');
    } finally {
      await owner.end();
    }
  });
});

describe('the job runner under the app role', () => {
  let jobs: Jobs;
  afterAll(async () => {
    await jobs?.stop();
  });

  it('starts without migrating; a kick (even one before the start) sends a job that delivers the pending e-mail', async () => {
    jobs = createJobs({
      deps: t.current.deps,
      pool: t.current.database.pool,
      log: silent,
      mode: 'run',
      mailer: createMailer({ smtpUrl: smtp.url, mailFrom: 'Trygg <no-reply@trygg.test>' }),
      pollingIntervalSeconds: 30,
    });
    t.current.deps.jobs = jobs;
    // A notice committed (and kicked) before the runner started, as between listen and start.
    const user = await createUser(t.current, 'manager', t.current.rootId);
    const [id] = await notify(user.id);
    jobs.kickNotifications();
    const started = performance.now();
    await jobs.start({ baseUrl: 'https://trygg.example.se' });
    expect(performance.now() - started).toBeLessThan(2_000);
    // Sent at once: without the kick the schedule's safety net would take longer (workers poll every 30 s here).
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(user.email), 5_000);
    expect(mail.parsed.text).toContain('https://trygg.example.se/notifications');
    expect(mail.parsed.subject).toContain('Trygg');
    await expect.poll(() => emailStatus(id!)).toEqual({ email_status: 'sent', email_attempts: 1 });
    // The job ran through pg-boss's tables, as the app role.
    await expect
      .poll(async () => {
        const { rows } = await t.current.database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state = 'completed'`,
          [QUEUES.notifications],
        );
        return rows[0]?.n;
      })
      .toBeGreaterThan(0);
  });

  it('folds kicks that come while one is being queued into one more', async () => {
    const user = await createUser(t.current, 'manager', t.current.rootId);
    const ids = await notify(user.id, 3);
    for (let i = 0; i < 20; i++) t.current.deps.jobs?.kickNotifications();
    await Promise.all(ids.map((id) => smtp.waitFor((m) => m.parsed.messageId?.includes(id) === true)));
    for (const id of ids)
      await expect.poll(() => emailStatus(id)).toEqual({ email_status: 'sent', email_attempts: 1 });
    // Each once, though kicked twenty times.
    expect(smtp.messages.filter((m) => m.envelope.to.includes(user.email))).toHaveLength(3);
    const { rows } = await t.current.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1`,
      [QUEUES.notifications],
    );
    expect(rows[0]?.n).toBeLessThan(10);
  });

  it('stops cleanly: running jobs finished, and kicks after stopping queue nothing', async () => {
    const jobCount = async (states: string[]) => {
      const { rows } = await t.current.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE state = ANY($1::${JOB_SCHEMA}.job_state[])`,
        [states],
      );
      return rows[0]?.n;
    };
    const started = performance.now();
    await jobs.stop();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await jobCount(['active'])).toBe(0);
    const queued = await jobCount(['created', 'retry', 'active', 'completed', 'failed', 'cancelled']);
    const user = await createUser(t.current, 'manager', t.current.rootId);
    const [id] = await notify(user.id);
    jobs.kickNotifications();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await jobCount(['created', 'retry', 'active', 'completed', 'failed', 'cancelled'])).toBe(queued);
    expect(await emailStatus(id!)).toEqual({ email_status: 'pending', email_attempts: 0 });
  });

  it('in send mode (TRYGG_JOBS=off) only queues: another instance does the work', async () => {
    const sender = createJobs({
      deps: t.current.deps,
      pool: t.current.database.pool,
      log: silent,
      mode: 'send',
    });
    await sender.start();
    try {
      await t.current.database.pool.query(`DELETE FROM ${JOB_SCHEMA}.job WHERE name = $1`, [
        QUEUES.notifications,
      ]);
      sender.kickNotifications();
      await expect
        .poll(async () => {
          const { rows } = await t.current.database.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state = 'created'`,
            [QUEUES.notifications],
          );
          return rows[0]?.n;
        })
        .toBe(1);
      // Nobody here works the queue, and no schedules were written by this instance.
      const { rows } = await t.current.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state = 'active'`,
        [QUEUES.notifications],
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await sender.stop();
    }
  });
});

describe('serve with jobs on (main.ts)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const config = testConfig({
      databaseUrl: t.current.database.url,
      databaseMigrationUrl: t.current.database.ownerUrl,
      port: 0,
      host: '127.0.0.1',
      jobs: true,
      testClock: true,
      smtpUrl: smtp.url,
      demo: false,
    });
    server = await startServer(config, silent);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs the jobs: a notice queued by the app reaches the SMTP server, with a link to this server', async () => {
    const committee = await createOrganisation(t.current, 'Nämnd Jobb', 'committee');
    const user = await createUser(t.current, 'manager', committee);
    await queueNotifications(server.database.db, new Date(), [
      { userId: user.id, incidentId: null, kind: 'incident.assigned' },
    ]);
    // The schedule would send it within a minute; a kick (as use cases do after commit) sends it now.
    server.jobs.kickNotifications();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(user.email));
    expect(mail.parsed.text).toContain(`${server.url}/notifications`);
  });

  it('lets an administrator move its clock (TRYGG_TEST_CLOCK=on)', async () => {
    const client = await signInOver(server.url);
    const before = Date.now();
    const res = await client('POST', '/api/test/clock', { advanceMinutes: 120 });
    expect(res.status).toBe(200);
    const { now } = (await res.json()) as { now: string };
    expect(new Date(now).getTime() - before).toBeGreaterThanOrEqual(120 * 60_000);
    expect(new Date(now).getTime() - Date.now()).toBeLessThan(121 * 60_000);
  });
});

/** Signs in as the first administrator over HTTP; returns a fetch that keeps the session. */
async function signInOver(baseUrl: string) {
  const first = await fetch(`${baseUrl}/api/session`);
  let cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = (await first.json()) as { csrfToken: string };
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  cookie = [
    ...new Map(
      [...cookie.split('; '), ...login.headers.getSetCookie().map((c) => c.split(';')[0]!)].map((c) => [
        c.split('=')[0],
        c,
      ]),
    ).values(),
  ].join('; ');
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}
