import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { ERROR_RESPONSES, ErrorResponseSchema } from '../../../domain/api/common.ts';
import { TestClockRequestSchema, TestClockResponseSchema } from '../../../domain/api/incidents.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { createError } from '../../platform/errors.ts';
import { createMailer } from '../../platform/mail.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { sweepAuthorityDeadlines } from '../incidents/authority.usecases.ts';
import { deliverPendingNotifications } from '../notifications/notifications.usecases.ts';
import { movableClockOf } from './test-clock.ts';

const clockNotMovable = createError({
  code: 'test_clock.unavailable',
  status: 409,
  message: "This server's clock cannot be moved",
});

/** Tests only (TRYGG_TEST_CLOCK=on): move the server's clock and run the due jobs. */
export function testClockRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/test/clock',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['testing'],
          summary:
            "Tests only: move the server's clock forward (sessions move with it), then run the deadline sweep and send the due e-mails",
          body: TestClockRequestSchema,
          response: { 200: TestClockResponseSchema, 409: ErrorResponseSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const clock = movableClockOf(deps.now);
        if (!clock) throw clockNotMovable();
        const ms = request.body.advanceMinutes * 60_000;
        clock.advance(ms);
        const now = deps.now();
        await deps.db.transaction().execute(async (trx) => {
          // Sessions move with the clock, so moving it signs nobody out.
          await trx
            .updateTable('sessions')
            .set({
              created_at: sql`created_at + ${ms} * interval '1 millisecond'`,
              last_seen_at: sql`last_seen_at + ${ms} * interval '1 millisecond'`,
              expires_at: sql`expires_at + ${ms} * interval '1 millisecond'`,
            })
            .execute();
          await recordAudit(
            trx,
            {
              action: 'test_clock.advanced',
              actorId: request.user!.id,
              targetType: 'clock',
              fields: ['now'],
              ...requestMeta(request),
            },
            now,
          );
        });
        await sweepAuthorityDeadlines({ deps });
        const mailer = createMailer(deps.config);
        try {
          await deliverPendingNotifications({
            deps,
            mailer,
            baseUrl: deps.config.baseUrl ?? `${request.protocol}://${request.host}`,
          });
        } finally {
          mailer?.close();
        }
        return { now: now.toISOString() };
      },
    );
  };
}
