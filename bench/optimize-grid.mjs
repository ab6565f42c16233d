// An optimization as the lab runs it: 1 000 parameter sets over one year of 30-minute bars, on worker
// threads (one per core), through the same grid code as `POST /v1/optimizations` and `ballast optimize`.
import { availableParallelism } from 'node:os';

const dist = new URL('../packages/engine/dist/', import.meta.url);
const { WorkerThreadSimulationCompute } = await import(
  new URL('adapters/compute/worker-thread-simulation-compute.js', dist).href
);
const { planGrid, runGrid } = await import(new URL('application/simulations/grid-plan.js', dist).href);
const { DEFAULT_PARAMS } = await import(new URL('domain/strategy-params.js', dist).href);
const { Decimal } = await import(new URL('domain/decimal.js', dist).href);

/** A year of 30-minute bars around the clock (365.25 · 48): the larger reading of "one year". */
const BARS = 17_532;
/** 10 × 10 × 10 = 1 000 combinations, every one a valid parameter set. */
const GRID = {
  'trigger.up_pct': [1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8],
  'trigger.down_pct': [1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8],
  'sizing.rebalance_ratio': [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
};
const ROUNDS = 5;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchOptimize() {
  const plan = planGrid(GRID, DEFAULT_PARAMS);
  if (plan.runnable !== 1000)
    throw new Error(`the bench grid should run 1000 combinations, not ${plan.runnable}`);
  const start = {
    params: DEFAULT_PARAMS,
    shares: new Decimal(50),
    cash: new Decimal(5000),
    anchor: null,
    marketHours: 'always',
    position: null,
  };
  const hooks = { signal: new AbortController().signal, onProgress: () => {} };
  const compute = new WorkerThreadSimulationCompute();
  try {
    // Cold: the threads start and the bars are generated, as for the first job after the engine starts.
    const coldStarted = performance.now();
    const prepared = await compute.prepare({
      kind: 'synthetic',
      seed: 42,
      bars: BARS,
      intervalMinutes: 30,
      startPrice: '100',
      driftPctPerYear: 5,
      volatilityPctPerYear: 30,
      start: Date.UTC(2025, 0, 1),
    });
    if (!prepared.ok) throw new Error(prepared.message);
    let outcome = await runGrid(compute, prepared.bars, plan, start, { rankBy: 'sharpe' }, hooks);
    const coldMs = performance.now() - coldStarted;
    const warmMs = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      outcome = await runGrid(compute, prepared.bars, plan, start, { rankBy: 'sharpe' }, hooks);
      warmMs.push(performance.now() - started);
    }
    compute.release(prepared.bars);
    const trades = outcome.rows.reduce((sum, row) => sum + row.metrics.trades, 0);
    return {
      optimize_1000_combos_s: Number((median(warmMs) / 1000).toFixed(3)),
      optimize_1000_combos_ms_range: `${Math.round(Math.min(...warmMs))}–${Math.round(Math.max(...warmMs))}`,
      optimize_1000_combos_cold_s: Number((coldMs / 1000).toFixed(3)),
      optimize_bars: BARS,
      optimize_threads: compute.threads,
      optimize_cores: availableParallelism(),
      optimize_trades_per_combo: Math.round(trades / outcome.rows.length),
      optimize_best_sharpe: outcome.rows[0].metrics.sharpe,
    };
  } finally {
    await compute.close();
  }
}
