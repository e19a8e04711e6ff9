import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, ErrorResponseSchema, IdParamsSchema } from '../../../domain/api/common.ts';
import {
  NotificationListResponseSchema,
  NotificationUnreadResponseSchema,
} from '../../../domain/api/incidents.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.usecases.ts';

const tags = ['notifications'];

/** The signed-in user's notices (in the app; e-mail goes from a job). */
export function notificationsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'Your latest 50 notices, newest first, and how many are unread',
          response: { 200: NotificationListResponseSchema, 401: ErrorResponseSchema },
        },
      },
      async (request) => listNotifications({ deps, userId: request.user!.id }),
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'Mark all your notices read',
          response: { 200: NotificationUnreadResponseSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) =>
        markAllNotificationsRead({ deps, userId: request.user!.id, meta: requestMeta(request) }),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary:
            "Mark one of your notices read (another user's notice is left as it is); answers how many are still unread",
          params: IdParamsSchema,
          response: { 200: NotificationUnreadResponseSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) =>
        markNotificationRead({
          deps,
          userId: request.user!.id,
          id: request.params.id,
          meta: requestMeta(request),
        }),
    );
  };
}
