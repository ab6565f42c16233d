import { ChangePasswordBody, ErrorBody, LoginBody, LoginResult, SessionInfo } from '@ballast/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../application/access/principal.js';
import { AppError } from '../../application/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { clearedSessionCookie, sessionCookie } from '../cookies.js';
import { sendError } from '../error-handler.js';
import { LoginRateLimiter } from '../login-rate-limiter.js';
import { requesterOf } from '../requester.js';
import { PUBLIC, READ } from '../roles.js';

const tags = ['auth'];
const errors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody };

export function presentPrincipal(p: Principal) {
  return { name: p.name, role: p.role, kind: p.kind };
}

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { access } = deps;
  const limiter = new LoginRateLimiter(access.loginAttemptsPerMinute, () => deps.clock.now());
  const limited = (req: FastifyRequest, reply: FastifyReply) => {
    const wait = limiter.take(req.ip);
    if (wait === null) return false;
    sendError(reply, 'AUTH_RATE_LIMITED', `too many login attempts from ${req.ip}; try again in ${wait} s`, {
      retry_after_seconds: wait,
    });
    return true;
  };
  const login = (req: FastifyRequest<{ Body: LoginBody }>, kind: 'session' | 'bearer') =>
    access.logins.login({ ...req.body, kind, ip: req.ip });

  return async (app) => {
    app.post(
      '/v1/auth/login',
      {
        config: PUBLIC,
        schema: {
          tags,
          description: 'Log in with a username and password; the token goes in `Authorization: Bearer …`',
          body: LoginBody,
          response: { 200: LoginResult, ...errors },
        },
      },
      async (req, reply) => {
        if (limited(req, reply)) return reply;
        const done = await login(req, 'bearer');
        return {
          token: done.secret,
          expires_at: new Date(done.expiresAt).toISOString(),
          user: presentPrincipal(done.principal),
        };
      },
    );

    app.post(
      '/v1/auth/session',
      {
        config: PUBLIC,
        schema: {
          tags,
          description: 'The console’s login: sets the httpOnly session cookie and returns the CSRF token',
          body: LoginBody,
          response: { 200: SessionInfo, ...errors },
        },
      },
      async (req, reply) => {
        if (limited(req, reply)) return reply;
        const done = await login(req, 'session');
        const maxAgeSeconds = Math.floor((done.expiresAt - deps.clock.now()) / 1000);
        reply.header('set-cookie', sessionCookie(done.secret, { maxAgeSeconds, secure: access.tls }));
        return {
          user: presentPrincipal(done.principal),
          csrf_token: done.csrfToken,
          expires_at: new Date(done.expiresAt).toISOString(),
        };
      },
    );

    app.get(
      '/v1/auth/session',
      { config: READ, schema: { tags, description: 'Who is logged in', response: { 200: SessionInfo } } },
      async (req) => {
        const p = req.principal!;
        return {
          user: presentPrincipal(p),
          csrf_token: p.csrfToken,
          expires_at: p.expiresAt === null ? null : new Date(p.expiresAt).toISOString(),
        };
      },
    );

    app.delete(
      '/v1/auth/session',
      {
        config: READ,
        schema: {
          tags,
          description: 'Log out: ends the session or login token used for this request',
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await access.logins.logout(req.principal!, requesterOf(req));
        reply.header('set-cookie', clearedSessionCookie(access.tls));
        return reply.code(204).send(null);
      },
    );

    app.put(
      '/v1/auth/password',
      {
        config: READ,
        schema: {
          tags,
          description: 'Change your own password; every session of yours ends, including this one',
          body: ChangePasswordBody,
          response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 409: ErrorBody },
        },
      },
      async (req, reply) => {
        const userId = req.principal!.userId;
        if (!userId) throw new AppError('AUTH_NOT_A_USER', 'an API token has no password to change');
        await access.users.changeOwnPassword(
          userId,
          req.body.current_password,
          req.body.new_password,
          requesterOf(req),
        );
        reply.header('set-cookie', clearedSessionCookie(access.tls));
        return reply.code(204).send(null);
      },
    );
  };
}
