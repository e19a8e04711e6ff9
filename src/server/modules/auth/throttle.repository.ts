import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Failures before a key is locked, and the first lock; each further failure doubles it up to the cap. */
const RULES = {
  email: { freeFailures: 5, firstLockMs: 60_000, capMs: 60 * 60_000 },
  ip: { freeFailures: 20, firstLockMs: 60_000, capMs: 60 * 60_000 },
} as const;
/** A key untouched this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

export type ThrottleKind = keyof typeof RULES;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}

export function createThrottleRepository({ db }: { db: Db }) {
  return {
    /** The latest lock among the keys, or null when none is locked. */
    async lockedUntil(keys: string[], now: Date): Promise<Date | null> {
      const rows = await db
        .selectFrom('login_throttle')
        .select('locked_until')
        .where('key', 'in', keys)
        .where('locked_until', '>', now)
        .execute();
      const times = rows.map((r) => r.locked_until?.getTime() ?? 0);
      return times.length ? new Date(Math.max(...times)) : null;
    },

    async recordFailure(kind: ThrottleKind, key: string, now: Date): Promise<void> {
      const rule = RULES[kind];
      const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
      await sql`
        INSERT INTO login_throttle AS t (key, failures, locked_until, updated_at)
        VALUES (${key}, 1, NULL, ${now})
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN t.updated_at < ${forgetBefore} THEN 1 ELSE t.failures + 1 END,
          updated_at = ${now}`.execute(db);
      await sql`
        UPDATE login_throttle SET locked_until = ${now}::timestamptz + make_interval(secs =>
          LEAST(${rule.capMs}::float8, ${rule.firstLockMs}::float8 * power(2, failures - ${rule.freeFailures} - 1)) / 1000)
        WHERE key = ${key} AND failures > ${rule.freeFailures}`.execute(db);
    },

    async reset(key: string): Promise<void> {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },
  };
}
