import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from '../application/access/authenticator.js';
import type { Principal } from '../application/access/principal.js';
import { roleAllows } from '../domain/roles.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE } from './cookies.js';
import { sendError } from './error-handler.js';
import type { Role } from './roles.js';

/** The header a console session repeats on every state-changing request (the cookie alone is not enough). */
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function presented(request: FastifyRequest): { secret: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? { secret: match[1]!, via: 'bearer' } : { secret: '', via: 'bearer' };
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  return cookie ? { secret: cookie, via: 'cookie' } : null;
}

function refuse(reply: FastifyReply, code: string, message: string, details?: unknown) {
  return sendError(reply, code, message, details);
}

/**
 * Every `/v1` route needs the role it declares (`config.role`), checked before anything else runs:
 * no body is parsed for a caller who may not call the route. Public routes (health, login) pass.
 */
export function requireAuthentication(
  app: FastifyInstance,
  authenticator: Authenticator,
  options: { secureCookies: boolean },
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const role = (request.routeOptions.config as { role?: Role } | undefined)?.role;
    if (role === undefined || role === 'public') return;
    const credential = presented(request);
    if (!credential)
      return refuse(
        reply,
        'AUTH_REQUIRED',
        'log in first: send a session cookie or Authorization: Bearer <token>',
      );
    let principal: Principal | null;
    try {
      principal = credential.secret
        ? await authenticator.authenticate(credential.secret, credential.via)
        : null;
    } catch (error) {
      request.log.warn({ err: error }, 'credentials could not be checked: the database is unreachable');
      return refuse(
        reply,
        'DATABASE_UNAVAILABLE',
        'the engine cannot reach its database right now; try again shortly',
      );
    }
    if (!principal) {
      if (credential.via === 'cookie')
        reply.header('set-cookie', clearedSessionCookie(options.secureCookies));
      return refuse(
        reply,
        'AUTH_INVALID',
        'the session or token is unknown, expired or revoked; log in again',
      );
    }
    if (!roleAllows(principal.role, role))
      return refuse(
        reply,
        'AUTH_FORBIDDEN',
        `this needs the ${role} role; ${principal.name} is ${principal.role}`,
        {
          needed: role,
          held: principal.role,
        },
      );
    if (principal.degraded && !SAFE_METHODS.has(request.method))
      return refuse(
        reply,
        'DATABASE_UNAVAILABLE',
        'the engine cannot reach its database: nothing can be changed now',
      );
    if (principal.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const csrf = request.headers[CSRF_HEADER];
      if (typeof csrf !== 'string' || csrf !== principal.csrfToken)
        return refuse(
          reply,
          'AUTH_CSRF_INVALID',
          `a change made with the session cookie must repeat its CSRF token in the ${CSRF_HEADER} header`,
        );
    }
    request.principal = principal;
  });
}
