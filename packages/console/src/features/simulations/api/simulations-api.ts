import {
  listOf,
  SampleBars,
  Simulation,
  type SimulationRequest,
  SimulationSummary,
} from '@ballast/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { get, type Loose, send, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';
import { pollListWhileActive, pollWhileActive } from './job-status';

/** A simulation request as the form gives it: decimals as typed, checked by the engine. */
export type SimulationBody = Loose<SimulationRequest>;

export function simulationsQuery() {
  return infiniteQueryOptions({
    queryKey: [ROOT.simulations, 'pages'],
    queryFn: ({ pageParam, signal }) =>
      get(listOf(SimulationSummary), withQuery('/v1/simulations', { limit: 50, cursor: pageParam }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: pollListWhileActive,
  });
}

/** One simulation, read again every half second while it runs (its progress), then kept. */
export function simulationQuery(id: string) {
  return queryOptions({
    queryKey: [ROOT.simulations, 'one', id],
    queryFn: ({ signal }) => get(Simulation, `/v1/simulations/${encodeURIComponent(id)}`, signal),
    refetchInterval: pollWhileActive,
  });
}

/** The samples the engine ships: one page, all of them. */
export const samplesQuery = queryOptions({
  queryKey: [ROOT.simulations, 'samples'],
  queryFn: async ({ signal }) => (await get(listOf(SampleBars), '/v1/simulations/samples', signal)).items,
  staleTime: Number.POSITIVE_INFINITY,
});

export function startSimulation(body: SimulationBody) {
  return send(SimulationSummary, 'POST', '/v1/simulations', body);
}

/** The engine answers a cancel with the job as it now stands. */
export function cancelSimulation(id: string) {
  return send(SimulationSummary, 'POST', `/v1/simulations/${encodeURIComponent(id)}/cancel`);
}
