import { incidentsDb } from '../../../src/server/modules/incidents/incidents.tables.ts';
import { queueNotifications } from '../../../src/server/platform/notifications.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

const OWN_ONLY =
  "acts only on the caller's own notices (the user is the scope): another user's are neither shown nor changed (notifications.test.ts)";

/** Another user's notice (a fresh employee of committee A); returns its id. */
async function someonesNotice(ctx: MatrixContext): Promise<string> {
  const user = await ctx.user('employee', ctx.committeeA);
  await queueNotifications(ctx.t.database.db, ctx.t.deps.now(), [
    { userId: user.id, incidentId: null, kind: 'incident.assigned' },
  ]);
  const row = await incidentsDb(ctx.t.database.db)
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', user.id)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Matrix entries for the notifications routes (see route-matrix.ts for the shape). */
export const NOTIFICATIONS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/notifications': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/notifications' }),
    notScoped: OWN_ONLY,
  },
  'POST /api/notifications/read-all': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/notifications/read-all' }),
    notScoped: OWN_ONLY,
  },
  'POST /api/notifications/:id/read': {
    access: 'user',
    success: 200,
    // Every id is answered alike (the caller's unread count), so the answer tells nothing of others' notices.
    own: async (ctx) => ({ url: `/api/notifications/${await someonesNotice(ctx)}/read` }),
    notScoped: OWN_ONLY,
  },
};
