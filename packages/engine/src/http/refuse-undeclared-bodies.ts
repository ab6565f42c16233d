import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { sendError } from './error-handler.js';

/**
 * A `/v1` route that declares no body takes none: a body sent anyway is refused, not ignored.
 * (`POST /v1/trading/cycle` with `{"position_id": …}` in the body instead of the query would
 * otherwise run a cycle for every position; a DELETE with a body would delete all the same.)
 */
export function refuseUndeclaredBodies(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/v1') || route.schema?.body) return;
    route.preValidation = [...[route.preValidation ?? []].flat(), refuseBody];
  });
}

async function refuseBody(request: FastifyRequest, reply: FastifyReply) {
  if (request.body === undefined) return;
  return sendError(
    reply,
    'VALIDATION_FAILED',
    `${request.method} ${request.routeOptions.url} takes no body`,
    [{ field: 'body', in: 'body', message: 'is not accepted: this route takes no body' }],
  );
}
