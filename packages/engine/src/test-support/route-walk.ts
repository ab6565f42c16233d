import { OptimizationRequest, SimulationRequest } from '@ballast/contracts';
import type { LabJobKind } from '../application/records.js';
import type { DeclaredRoute } from '../http/roles.js';
import type { Harness, HarnessFastifyApp } from './engine-harness.js';
import { OPERATOR } from './engine-harness.js';

/** A real row for each collection a `/v1` path can address, by the path segment naming it. */
export type AddressableRows = Readonly<Record<string, string>>;

export const WALKER_PASSWORD = 'walker password, long enough';

/**
 * One of everything a route-table walk can address: a portfolio with a position, a cycle (and so
 * events), a spare API token, a user, and a finished simulation and optimization. Made through the
 * services, as an operator would; the lab's jobs are waited for, so nothing changes afterwards.
 */
export async function createOneOfEach(h: Harness, app: HarnessFastifyApp): Promise<AddressableRows> {
  h.market.set('ACME', 100);
  const { portfolio, position } = await h.addPosition({ symbol: 'ACME' });
  const cycle = await h.orchestrator.runCycle(OPERATOR);
  const { token } = await app.access.tokens.create({ name: 'spare', role: 'viewer' }, OPERATOR);
  const user = await app.access.users.create(
    { username: 'walker', password: WALKER_PASSWORD, role: 'viewer' },
    OPERATOR,
  );
  const sample = { kind: 'sample', name: 'eustock-dax' } as const;
  const simulation = await h.simulations.startSimulation(
    SimulationRequest.parse({ bars: sample, cash: '10000' }),
    OPERATOR,
  );
  const optimization = await h.simulations.startOptimization(
    OptimizationRequest.parse({ bars: sample, cash: '10000', grid: { 'trigger.up_pct': [2, 3] } }),
    OPERATOR,
  );
  await finished(h, 'simulation', simulation.id);
  await finished(h, 'optimization', optimization.id);
  return {
    simulations: simulation.id,
    optimizations: optimization.id,
    portfolios: portfolio.id,
    positions: position.id,
    cycles: cycle.id,
    tokens: token.id,
    users: user.username,
    events: String(await h.store.audit.lastSeq()),
  };
}

async function finished(h: Harness, kind: LabJobKind, id: string): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    const job = await h.store.labJobs.get(kind, id);
    if (job?.status === 'completed') return;
    if (job?.status !== 'queued' && job?.status !== 'running')
      throw new Error(`the ${kind} ended ${job?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the ${kind} ${id} did not finish`);
}

/**
 * The route's URL with each `:param` filled in: by `segment(param)` when it gives one (already
 * URL-encoded), otherwise by the real row of the collection the parameter follows
 * (`/v1/positions/:id` → that position's id). A collection without a row gets a made-up id.
 */
export function addressOf(
  route: DeclaredRoute,
  rows: AddressableRows,
  segment: (param: string) => string | undefined = () => undefined,
): string {
  const parts = route.url.split('/');
  return parts
    .map((part, i) => {
      if (!part.startsWith(':')) return part;
      return segment(part.slice(1)) ?? encodeURIComponent(rows[parts[i - 1]!] ?? 'no-such-row');
    })
    .join('/');
}

/** `GET /v1/healthz`: how a route is named in assertions and failure messages. */
export const routeLabel = (route: DeclaredRoute) => `${route.method} ${route.url}`;
