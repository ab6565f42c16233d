import { Health } from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { PUBLIC } from '../roles.js';

/** Liveness answers while the process runs; readiness also needs the database (and says how the worker is). */
export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/healthz',
      { config: PUBLIC, schema: { tags: ['health'], response: { 200: Health } } },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/v1/readyz',
      { config: PUBLIC, schema: { tags: ['health'], response: { 200: Health, 503: Health } } },
      async (_req, reply) => {
        const checks: Record<string, unknown> = {};
        try {
          await deps.store.ping();
          checks.database = 'ok';
        } catch (error) {
          checks.database = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
          return reply.code(503).send({ status: 'unavailable' as const, checks });
        }
        Object.assign(checks, await deps.readiness?.());
        return { status: 'ok' as const, checks };
      },
    );
  };
}
