import {
  listOf,
  SampleBars,
  Simulation,
  type SimulationRequest,
  SimulationSummary,
} from '@ballast/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { get, send, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';
import { pollListWhileActive, pollWhileActive } from './job-status';

/** A simulation request as the form gives it: decimals as typed, checked by the engine. */
export type SimulationBody = { [K in keyof SimulationRequest]?: unknown };

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

/** The samples, as `{ items }` (a page) or a plain list: either is accepted. */
const Samples = z
  .union([z.array(SampleBars), z.object({ items: z.array(SampleBars) })])
  .transform((answer) => (Array.isArray(answer) ? answer : answer.items));

export const samplesQuery = queryOptions({
  queryKey: [ROOT.simulations, 'samples'],
  queryFn: ({ signal }) => get(Samples, '/v1/simulations/samples', signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export function startSimulation(body: SimulationBody) {
  return send(SimulationSummary, 'POST', '/v1/simulations', body);
}

/** The engine may answer a cancel with the job or with nothing; either is fine. */
export function cancelSimulation(id: string) {
  return send(SimulationSummary.nullable(), 'POST', `/v1/simulations/${encodeURIComponent(id)}/cancel`);
}
