import {
  ApiToken,
  CreatedToken,
  type CreateTokenBody,
  type CreateUserBody,
  listOf,
  type UpdateUserBody,
  User,
} from '@ballast/contracts';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { get, type Loose, send } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';

export const usersQuery = queryOptions({
  queryKey: [ROOT.access, 'users'],
  queryFn: ({ signal }) => get(listOf(User), '/v1/users', signal),
});

export const tokensQuery = queryOptions({
  queryKey: [ROOT.access, 'tokens'],
  queryFn: ({ signal }) => get(listOf(ApiToken), '/v1/tokens', signal),
});

export function createUser(body: Loose<CreateUserBody>) {
  return send(User, 'POST', '/v1/users', body);
}

export function updateUser(username: string, body: Loose<UpdateUserBody>) {
  return send(User, 'PATCH', `/v1/users/${encodeURIComponent(username)}`, body);
}

export function createToken(body: Loose<CreateTokenBody>) {
  return send(CreatedToken, 'POST', '/v1/tokens', body);
}

export function revokeToken(id: string) {
  return send(ApiToken, 'DELETE', `/v1/tokens/${encodeURIComponent(id)}`);
}

export function changeOwnPassword(current: string, next: string) {
  return send(z.null(), 'PUT', '/v1/auth/password', { current_password: current, new_password: next });
}
