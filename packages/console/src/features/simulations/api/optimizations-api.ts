import { listOf, Optimization, type OptimizationRequest, OptimizationSummary } from '@ballast/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { get, type Loose, send, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';
import { pollListWhileActive, pollWhileActive } from './job-status';

/** An optimization request as the form gives it: decimals as typed, grid values as numbers. */
export type OptimizationBody = Loose<OptimizationRequest>;

export function optimizationsQuery() {
  return infiniteQueryOptions({
    queryKey: [ROOT.optimizations, 'pages'],
    queryFn: ({ pageParam, signal }) =>
      get(
        listOf(OptimizationSummary),
        withQuery('/v1/optimizations', { limit: 50, cursor: pageParam }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: pollListWhileActive,
  });
}

/** One optimization, read again every half second while it runs, then kept. */
export function optimizationQuery(id: string) {
  return queryOptions({
    queryKey: [ROOT.optimizations, 'one', id],
    queryFn: ({ signal }) => get(Optimization, `/v1/optimizations/${encodeURIComponent(id)}`, signal),
    refetchInterval: pollWhileActive,
  });
}

export function startOptimization(body: OptimizationBody) {
  return send(OptimizationSummary, 'POST', '/v1/optimizations', body);
}

export function cancelOptimization(id: string) {
  return send(OptimizationSummary, 'POST', `/v1/optimizations/${encodeURIComponent(id)}/cancel`);
}
