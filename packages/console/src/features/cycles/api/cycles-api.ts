import { AuditEvent, CycleDetail, CycleSummary, type EventSource, listOf } from '@ballast/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { get, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';

export function recentCyclesQuery(options: { source?: EventSource | undefined; limit?: number } = {}) {
  const { source, limit = 10 } = options;
  return queryOptions({
    queryKey: [ROOT.cycles, 'recent', source ?? 'all', limit],
    queryFn: ({ signal }) =>
      get(listOf(CycleSummary), withQuery('/v1/trading/cycles', { source, limit }), signal),
    refetchInterval: 15_000,
  });
}

export function cyclesPageQuery(source: EventSource | undefined) {
  return infiniteQueryOptions({
    queryKey: [ROOT.cycles, 'pages', source ?? 'all'],
    queryFn: ({ pageParam, signal }) =>
      get(
        listOf(CycleSummary),
        withQuery('/v1/trading/cycles', { source, limit: 50, cursor: pageParam }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function cycleQuery(id: string) {
  return queryOptions({
    queryKey: [ROOT.cycles, 'one', id],
    queryFn: ({ signal }) =>
      get(
        CycleDetail,
        withQuery(`/v1/trading/cycles/${encodeURIComponent(id)}`, { with_events: 'false' }),
        signal,
      ),
  });
}

/** A cycle's events in order, page by page: a cycle over thousands of positions stays quick to open. */
export function cycleEventsQuery(id: string, positionId?: string) {
  return infiniteQueryOptions({
    queryKey: [ROOT.events, 'cycle', id, positionId ?? 'all'],
    queryFn: ({ pageParam, signal }) =>
      get(
        listOf(AuditEvent),
        withQuery('/v1/events', {
          cycle_id: id,
          position_id: positionId,
          order: 'asc',
          limit: 500,
          cursor: pageParam,
        }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
