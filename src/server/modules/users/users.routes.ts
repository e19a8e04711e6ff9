import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ERROR_RESPONSES,
  ErrorResponseSchema,
  IdParamsSchema,
  OkSchema,
} from '../../../domain/api/common.ts';
import {
  CreateUserRequestSchema,
  GrantRoleRequestSchema,
  UserListResponseSchema,
  UserSchema,
} from '../../../domain/api/users.ts';
import { RoleSchema } from '../../../domain/roles.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { createUser, disableUser, getUser, grantRole, listUsers, revokeRole } from './users.usecases.ts';

const tags = ['users'];
const errors = ERROR_RESPONSES;

export function usersRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: 'users.read' },
        schema: {
          tags,
          summary: 'Users with roles in your organisations',
          response: { 200: UserListResponseSchema, ...errors },
        },
      },
      async (request) => ({ items: await listUsers({ deps, caller: request.actor! }) }),
    );

    app.get(
      '/api/users/:id',
      {
        config: { access: 'users.read' },
        schema: {
          tags,
          summary: 'One user',
          params: IdParamsSchema,
          response: { 200: UserSchema, ...errors },
        },
      },
      async (request) => getUser({ deps, caller: request.actor!, id: request.params.id }),
    );

    app.post(
      '/api/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags,
          summary: 'Create a local account with a first role',
          body: CreateUserRequestSchema,
          response: { 201: UserSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const id = await createUser({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return getUser({ deps, caller: request.actor!, id });
      },
    );

    app.post(
      '/api/users/:id/disable',
      {
        config: { access: 'users.manage' },
        schema: {
          tags,
          summary: 'Disable an account and end its sessions',
          params: IdParamsSchema,
          response: { 200: OkSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request) => {
        await disableUser({
          deps,
          caller: request.actor!,
          id: request.params.id,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );

    app.post(
      '/api/users/:id/roles',
      {
        config: { access: 'users.manage' },
        schema: {
          tags,
          summary: 'Grant a role in an organisation',
          params: IdParamsSchema,
          body: GrantRoleRequestSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await grantRole({
          deps,
          caller: request.actor!,
          id: request.params.id,
          ...request.body,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );

    app.delete(
      '/api/users/:id/roles/:organisationId/:role',
      {
        config: { access: 'users.manage' },
        schema: {
          tags,
          summary: 'Revoke a role',
          params: z.object({ id: z.uuid(), organisationId: z.uuid(), role: RoleSchema }),
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        const { id, organisationId, role } = request.params;
        await revokeRole({
          deps,
          caller: request.actor!,
          id,
          organisationId,
          role,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );
  };
}
