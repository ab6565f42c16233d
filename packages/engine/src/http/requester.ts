import type { FastifyRequest } from 'fastify';
import type { Requester } from '../application/audit-draft.js';

/**
 * Who is asking. Until logins exist every API caller is recorded as `anonymous`; the security work
 * replaces this one function with the authenticated user or token name.
 */
export function requesterOf(_request: FastifyRequest): Requester {
  return { source: 'api/manual', actor: 'anonymous' };
}
