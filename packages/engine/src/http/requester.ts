import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Requester } from '../application/audit-draft.js';

/**
 * The seqs of the audit events a request produced, comma-separated, on its response: a client that
 * changes something can show the exact event its change wrote (`GET /v1/events/{seq}`).
 */
export const AUDIT_EVENTS_HEADER = 'ballast-audit-events';

declare module 'fastify' {
  interface FastifyRequest {
    recordedSeqs: number[] | null;
  }
}

/**
 * Who is asking. Until logins exist every API caller is recorded as `anonymous`; the security work
 * replaces the actor with the authenticated user or token name.
 */
export function requesterOf(request: FastifyRequest): Requester {
  return {
    source: 'api/manual',
    actor: 'anonymous',
    onRecorded: (events) => {
      request.recordedSeqs ??= [];
      for (const e of events) request.recordedSeqs.push(e.seq);
    },
  };
}

/** Puts the seqs of the events each request recorded on its response. */
export function reportRecordedEvents(app: FastifyInstance): void {
  app.decorateRequest('recordedSeqs', null);
  app.addHook('onSend', async (request, reply) => {
    if (request.recordedSeqs?.length) reply.header(AUDIT_EVENTS_HEADER, request.recordedSeqs.join(','));
  });
}
