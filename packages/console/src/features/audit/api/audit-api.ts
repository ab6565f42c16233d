import { AuditEvent, AuditVerifyResult, type EventSource, type EventType, listOf } from '@ballast/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { get, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';

/** The audit filters of DESIGN §6, as the address bar and the API both spell them. */
export interface EventFilter {
  readonly source?: EventSource | undefined;
  readonly type?: EventType | undefined;
  readonly portfolio_id?: string | undefined;
  readonly position_id?: string | undefined;
  readonly cycle_id?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
}

export const PAGE_SIZE = 100;

/** Newest first, one keyset page at a time: as quick on page 1 000 as on page 1. */
export function eventsQuery(filter: EventFilter, pageSize = PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: [ROOT.events, 'list', filter, pageSize],
    queryFn: ({ pageParam, signal }) =>
      get(
        listOf(AuditEvent),
        withQuery('/v1/events', { ...filter, limit: pageSize, cursor: pageParam }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** The whole chain is re-hashed: asked for on opening the page, and again on request. */
export const verifyQuery = queryOptions({
  queryKey: [ROOT.verify],
  queryFn: ({ signal }) => get(AuditVerifyResult, '/v1/audit/verify', signal),
  staleTime: 60_000,
});

/** The export link: the same filters, every matching event oldest first, streamed by the engine. */
export function exportUrl(filter: EventFilter, format: 'csv' | 'ndjson'): string {
  return withQuery('/v1/events/export', { ...filter, format });
}

/** The live stream with the same filters (time ranges do not apply to what is still to come). */
export function streamUrl(filter: EventFilter, afterSeq: number): string {
  const { since: _since, until: _until, ...live } = filter;
  return withQuery('/v1/events/stream', { ...live, after_seq: afterSeq });
}
