import { describe, expect, it } from 'vitest';
import {
  anonymousClient,
  createUser,
  USER_PASSWORD,
  useTestApp,
} from '../../../../tests/support/test-app.ts';

const t = useTestApp();

describe('sign-in throttling per client address', () => {
  it('locks a client address out after twenty failures spread over many accounts', async () => {
    const client = await anonymousClient(t.current);
    for (let i = 0; i < 20; i++) {
      const res = await client.request('POST', '/api/auth/login', {
        email: `spray${i}@test.local`,
        password: 'wrong-password-1',
      });
      expect(res.statusCode).toBe(401);
    }
    await client.request('POST', '/api/auth/login', {
      email: 'spray-last@test.local',
      password: 'wrong-password-1',
    });
    const user = await createUser(t.current, 'employee', t.current.boardId);
    const res = await client.request('POST', '/api/auth/login', {
      email: user.email,
      password: USER_PASSWORD,
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('auth.too_many_attempts');
  });

  it('doubles the lock with each further failure: 1, 2, 4 minutes after the fifth', async () => {
    const email = 'backoff@test.local';
    const client = await anonymousClient(t.current);
    const locks: number[] = [];
    for (let i = 0; i < 8; i++) {
      await t.current.deps.db.deleteFrom('login_throttle').where('key', 'like', 'ip:%').execute();
      const at = t.current.clock.now();
      expect(
        (await client.request('POST', '/api/auth/login', { email, password: 'wrong-password-1' })).statusCode,
      ).toBe(401);
      const row = await t.current.deps.db
        .selectFrom('login_throttle')
        .select('locked_until')
        .where('key', '=', `email:${email}`)
        .executeTakeFirstOrThrow();
      if (row.locked_until) {
        locks.push(row.locked_until.getTime() - at.getTime());
        t.current.clock.current = new Date(row.locked_until.getTime() + 1);
      }
    }
    expect(locks).toEqual([60_000, 120_000, 240_000]);
  });
});
