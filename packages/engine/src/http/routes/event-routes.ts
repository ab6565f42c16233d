import {
  AuditEvent,
  AuditVerifyResult,
  ErrorBody,
  EventListQuery,
  ListQuery,
  listOf,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../application/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { presentEvent } from '../presenters.js';
import { READ } from '../roles.js';
import { streamEventExport } from './event-export.js';
import { streamEvents } from './event-stream.js';

const tags = ['audit'];
const StreamQuery = EventListQuery.omit({ order: true, since: true, until: true }).extend({
  after_seq: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('start after this seq (default: only new events); Last-Event-ID also works'),
});
const ExportQuery = EventListQuery.omit({ order: true }).extend({
  format: z.enum(['csv', 'ndjson']).default('ndjson'),
});

export function eventRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const streams = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of [...streams]) end();
    });

    app.get(
      '/v1/events',
      {
        config: READ,
        schema: {
          tags,
          querystring: ListQuery.extend(EventListQuery.shape),
          response: { 200: listOf(AuditEvent), 400: ErrorBody },
        },
      },
      async (req) => {
        const { limit, cursor, ...filter } = req.query;
        const page = await deps.store.audit.list(filter, { limit, cursor });
        return { items: page.items.map(presentEvent), next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/events/stream',
      {
        config: READ,
        schema: {
          tags,
          querystring: StreamQuery,
          description: 'Server-Sent Events: one `audit` event per audit event, id = seq',
        },
      },
      async (req, reply) => {
        const { after_seq, ...filter } = req.query;
        const lastEventId = Number(req.headers['last-event-id']);
        const start =
          Number.isInteger(lastEventId) && lastEventId >= 0
            ? lastEventId
            : (after_seq ?? (await deps.store.audit.lastSeq()));
        streamEvents(deps.store, req, reply, filter, start, streams);
      },
    );

    app.get(
      '/v1/events/export',
      {
        config: READ,
        schema: {
          tags,
          querystring: ExportQuery,
          description: 'The matching events, oldest first, as CSV or NDJSON',
        },
      },
      async (req, reply) => {
        const { format, ...filter } = req.query;
        await streamEventExport(deps.store, reply, filter, format);
      },
    );

    app.get(
      '/v1/events/:seq',
      {
        config: READ,
        schema: {
          tags,
          params: z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          description:
            'One event by its seq (mutating requests name theirs in the Ballast-Audit-Events header)',
          response: { 200: AuditEvent, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const event = await deps.store.audit.get(req.params.seq);
        if (!event) throw notFound('event', String(req.params.seq));
        return presentEvent(event);
      },
    );

    app.get(
      '/v1/audit/verify',
      { config: READ, schema: { tags, response: { 200: AuditVerifyResult } } },
      () => deps.store.audit.verify(),
    );
  };
}
