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

/** Who is asking: the user or token that authenticated the request (routes that change things need one). */
export function requesterOf(request: FastifyRequest): Requester {
  if (!request.principal) throw new Error(`${request.method} ${request.url} has no authenticated caller`);
  return {
    source: 'api/manual',
    actor: request.principal.name,
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
