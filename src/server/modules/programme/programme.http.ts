import type { FastifyRequest } from 'fastify';
import { ERROR_RESPONSES, ErrorResponseSchema } from '../../../domain/api/common.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import type { ChangeContext } from './programme.usecases.ts';

/** Shared by the programme's route files. */
export const tags = ['programme'];

export const errors = { ...ERROR_RESPONSES, 409: ErrorResponseSchema };

export function changeContext(deps: AppDeps, request: FastifyRequest): ChangeContext {
  return { deps, caller: request.actor!, meta: requestMeta(request) };
}
