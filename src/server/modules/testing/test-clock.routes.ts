import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** Tests only (TRYGG_TEST_CLOCK=on): move the server's clock and run the due jobs. */
export function testClockRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
