import type { GridParam, OptimizationRow, RankMetric, SimulationMetrics } from '@ballast/contracts';
import {
  combinationCount,
  type GridAxis,
  type GridPoint,
  gridPoints,
} from '../../domain/simulation/parameter-grid.js';
import type { StrategyParams } from '../../domain/strategy-params.js';
import { applyParamsPatch } from '../../domain/strategy-params-validation.js';
import { AppError } from '../app-error.js';
import type { ComputeHooks, PreparedBars, SimulationCompute } from '../ports/simulation-compute.js';
import { rankRows } from './rank-rows.js';
import { type RunStart, runSpecOf } from './run-start.js';

export const MAX_COMBINATIONS = 20_000;

/** One combination of a grid: its values, and its full parameters — or why they are not a valid set. */
export interface Combination {
  readonly point: GridPoint;
  readonly params: StrategyParams | null;
  readonly error: string | null;
}

export interface GridPlan {
  readonly axes: readonly GridAxis[];
  readonly combinations: readonly Combination[];
  /** How many are valid parameter sets, and so are run. */
  readonly runnable: number;
}

/**
 * Every combination of the grid over `base`, each checked by the engine's own parameter rules: an
 * invalid one (min ≥ max, a negative trigger) becomes a row with its error, not a failed optimization.
 */
export function planGrid(grid: Partial<Record<GridParam, number[]>>, base: StrategyParams): GridPlan {
  const axes = Object.entries(grid).map(([name, values]) => ({ name, values: values ?? [] }) as GridAxis);
  if (axes.length === 0)
    throw new AppError('VALIDATION_FAILED', 'the grid names no parameter', [
      { field: 'grid', message: 'must name at least one parameter with values to try' },
    ]);
  const count = combinationCount(axes);
  if (count > MAX_COMBINATIONS)
    throw new AppError(
      'VALIDATION_FAILED',
      `the grid has ${count} combinations; at most ${MAX_COMBINATIONS} are run`,
      [{ field: 'grid', message: `has ${count} combinations, more than ${MAX_COMBINATIONS}` }],
    );
  const combinations = gridPoints(axes).map((point): Combination => {
    // The point's dotted names (`trigger.up_pct`) are parameter names the patch takes as they are.
    const checked = applyParamsPatch(base, point, 'params');
    if (checked.ok) return { point, params: checked.params, error: null };
    return { point, params: null, error: checked.errors.map((e) => `${e.field} ${e.message}`).join('; ') };
  });
  return { axes, combinations, runnable: combinations.filter((c) => c.params !== null).length };
}

/**
 * Runs every valid combination over the bars (in parallel, on the compute's threads), ranks them and
 * measures buy-and-hold from the same start. Progress counts combinations, the ones not run included.
 */
export async function runGrid(
  compute: SimulationCompute,
  bars: PreparedBars,
  plan: GridPlan,
  start: RunStart,
  ranking: { readonly rankBy: RankMetric; readonly descending?: boolean | undefined },
  hooks: ComputeHooks,
): Promise<{ rows: OptimizationRow[]; buyAndHold: SimulationMetrics }> {
  const valid = plan.combinations.filter((c) => c.params !== null);
  const skipped = plan.combinations.length - valid.length;
  const outcome = await compute.evaluate(
    bars,
    valid.map((c) => runSpecOf(start, c.params!)),
    runSpecOf(start),
    { ...hooks, onProgress: (done) => hooks.onProgress(skipped + done, plan.combinations.length) },
  );
  let k = 0;
  const rows = plan.combinations.map((c) =>
    c.params === null
      ? { params: c.point, metrics: notRun(outcome.buyAndHold), error: c.error }
      : { params: c.point, metrics: outcome.metrics[k++]!, error: null },
  );
  return { rows: rankRows(rows, ranking.rankBy, ranking.descending), buyAndHold: outcome.buyAndHold };
}

/**
 * The metrics of a combination that was not run: nothing traded, the start value kept. The row's
 * `error` says why; these figures only keep the row's shape.
 */
function notRun(hold: SimulationMetrics): SimulationMetrics {
  return {
    start_value: hold.start_value,
    end_value: hold.start_value,
    return_pct: 0,
    annualized_return_pct: null,
    annualized_volatility_pct: null,
    sharpe: null,
    max_drawdown_pct: 0,
    fees: '0',
    trades: 0,
  };
}
