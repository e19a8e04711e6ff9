import type { Db } from '../../db/database.ts';

export function createSessionsRepository({ db }: { db: Db }) {
  return {
    async createSession(s: {
      idHash: string;
      userId: string;
      csrfToken: string;
      now: Date;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    }) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.now,
          last_seen_at: s.now,
          expires_at: s.expiresAt,
          ip: s.ip,
          user_agent: s.userAgent?.slice(0, 300) ?? null,
        })
        .execute();
    },

    async touchSession(idHash: string, now: Date) {
      await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    },

    async deleteSession(idHash: string) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async deleteExpiredSessions(now: Date, idleMs: number) {
      await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMs))]),
        )
        .execute();
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
