import {
  ApiToken,
  CreatedToken,
  CreateTokenBody,
  CreateUserBody,
  ErrorBody,
  listOf,
  UpdateUserBody,
  User,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiTokenRecord, UserRecord } from '../../application/records.js';
import type { AppDeps } from '../app-deps.js';
import { requesterOf } from '../requester.js';
import { ADMIN } from '../roles.js';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function presentUser(u: UserRecord): User {
  return {
    username: u.username,
    role: u.role,
    disabled: u.disabled,
    locked_until: iso(u.lockedUntil),
    last_login_at: iso(u.lastLoginAt),
    created_at: iso(u.createdAt)!,
    updated_at: iso(u.updatedAt)!,
  };
}

/** Never the token itself, nor its digest: only what it is and who made it. */
export function presentToken(t: ApiTokenRecord): ApiToken {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    created_by: t.createdBy,
    created_at: iso(t.createdAt)!,
    expires_at: iso(t.expiresAt),
    revoked_at: iso(t.revokedAt),
    last_used_at: iso(t.lastUsedAt),
  };
}

/** Users and API tokens: admins only. */
export function accessRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { users, tokens } = deps.access;
  return async (app) => {
    app.get(
      '/v1/users',
      { config: ADMIN, schema: { tags: ['access'], response: { 200: listOf(User) } } },
      async () => ({ items: (await users.list()).map(presentUser), next_cursor: null }),
    );

    app.post(
      '/v1/users',
      {
        config: ADMIN,
        schema: { tags: ['access'], body: CreateUserBody, response: { 201: User, ...errors } },
      },
      async (req, reply) => reply.code(201).send(presentUser(await users.create(req.body, requesterOf(req)))),
    );

    app.patch(
      '/v1/users/:username',
      {
        config: ADMIN,
        schema: {
          tags: ['access'],
          params: z.object({ username: z.string().max(64) }),
          body: UpdateUserBody,
          response: { 200: User, ...errors },
        },
      },
      async (req) => presentUser(await users.update(req.params.username, req.body, requesterOf(req))),
    );

    app.get(
      '/v1/tokens',
      { config: ADMIN, schema: { tags: ['access'], response: { 200: listOf(ApiToken) } } },
      async () => ({ items: (await tokens.list()).map(presentToken), next_cursor: null }),
    );

    app.post(
      '/v1/tokens',
      {
        config: ADMIN,
        schema: {
          tags: ['access'],
          description: 'Creates a named token; the response is the only time its secret is shown',
          body: CreateTokenBody,
          response: { 201: CreatedToken, ...errors },
        },
      },
      async (req, reply) => {
        const { token, secret } = await tokens.create(req.body, requesterOf(req));
        return reply.code(201).send({ ...presentToken(token), token: secret });
      },
    );

    app.delete(
      '/v1/tokens/:id',
      {
        config: ADMIN,
        schema: {
          tags: ['access'],
          description: 'Revokes a token (by id or name); it stops working at once',
          params: z.object({ id: z.string().max(64) }),
          response: { 200: ApiToken, ...errors },
        },
      },
      async (req) => presentToken(await tokens.revoke(req.params.id, requesterOf(req))),
    );
  };
}
