import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database.ts';
import { incidentsDb } from '../server/modules/incidents/incidents.tables.ts';
import { queueNotifications } from '../server/platform/notifications.ts';

// Each test starts a `trygg` process (tsx compiles the sources).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let database: TestDatabase;

function trygg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/trygg.mjs', ...args],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          LOG_LEVEL: 'silent',
          DATABASE_URL: database.url,
          DATABASE_MIGRATION_URL: database.ownerUrl,
        },
        timeout: 60_000,
      },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('trygg jobs', () => {
  it('runs a job once (e-mail with no SMTP server: the notices stay in the app), then shows the outbox', async () => {
    const user = await database.db
      .insertInto('users')
      .values({ email: 'jobs@test.local', name: 'Jobb Testsson' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queueNotifications(database.db, new Date(), [
      { userId: user.id, incidentId: null, kind: 'incident.assigned' },
      { userId: user.id, incidentId: null, kind: 'incident.comment' },
    ]);
    const run = await trygg('jobs', 'run', 'notifications');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('notifications: sent 0, retrying 0, failed 0, skipped 2');
    const rows = await incidentsDb(database.db).selectFrom('notifications').select('email_status').execute();
    expect(rows.map((r) => r.email_status)).toEqual(['skipped', 'skipped']);

    const status = await trygg('jobs', 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('notifications-deliver');
    expect(status.stdout).toContain('incidents-retention');
    expect(status.stdout).toContain('E-mail notices: skipped 2');
  });

  it('refuses an unknown job with the usage', async () => {
    const res = await trygg('jobs', 'run', 'everything');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('trygg jobs run needs one of: notifications, authority-sweep, retention');
  });
});
