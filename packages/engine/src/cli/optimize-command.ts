import { readFile } from 'node:fs/promises';
import { GridParam, type OptimizationRow, RankMetric, type SimulationMetrics } from '@ballast/contracts';
import { WorkerThreadSimulationCompute } from '../adapters/compute/worker-thread-simulation-compute.js';
import { AppError } from '../application/app-error.js';
import { ComputeCancelled } from '../application/ports/simulation-compute.js';
import { type GridPlan, planGrid, runGrid } from '../application/simulations/grid-plan.js';
import { formatTable } from './format-table.js';
import { metricsLine, type StartOptions, startFromOptions } from './simulation-options.js';
import { UsageError } from './usage-error.js';

export interface OptimizeOptions extends StartOptions {
  readonly bars: string;
  readonly grid: readonly string[];
  readonly rank?: string | undefined;
  readonly top?: string | undefined;
  readonly json: boolean;
}

/** Where progress goes: stderr, drawn over itself when it is a terminal. */
export interface ProgressOut {
  readonly isTTY?: boolean | undefined;
  write(text: string): unknown;
}

/**
 * `ballast optimize`: the lab's optimization from the terminal — the same grid, the same rules, the
 * same worker threads (one per core) — over a CSV of bars, printed as a ranked table (or JSON).
 */
export async function optimize(
  options: OptimizeOptions,
  out: (text: string) => void,
  progress: ProgressOut,
  signal: AbortSignal,
): Promise<number> {
  const start = { ...startFromOptions(options), position: null };
  const rankBy = rankOption(options.rank);
  const top = topOption(options.top);
  const plan = planOrUsage(gridFromOptions(options.grid), start.params);
  const text = await readFile(options.bars, 'utf8').catch((error: unknown) => {
    throw new UsageError(`--bars: ${error instanceof Error ? error.message : String(error)}`);
  });
  const compute = new WorkerThreadSimulationCompute();
  try {
    const prepared = await compute.prepare({ kind: 'csv', text, source: options.bars });
    if (!prepared.ok) throw new UsageError(prepared.message);
    const meter = progressMeter(progress, plan.combinations.length, compute.threads);
    const { rows, buyAndHold } = await runGrid(
      compute,
      prepared.bars,
      plan,
      start,
      { rankBy },
      {
        signal,
        onProgress: meter.update,
      },
    ).finally(meter.end);
    const shown = rows.slice(0, top);
    if (options.json) {
      const bars = {
        source: options.bars,
        count: prepared.bars.count,
        first_at: iso(prepared.bars.firstAt),
        last_at: iso(prepared.bars.lastAt),
      };
      out(
        `${JSON.stringify({ bars, rank_by: rankBy, combinations: rows.length, rows: shown, buy_and_hold: buyAndHold })}\n`,
      );
    } else out(tableOf(shown, plan, rows.length, buyAndHold, rankBy));
    return 0;
  } catch (error) {
    if (!(error instanceof ComputeCancelled)) throw error;
    progress.write('ballast: optimization cancelled\n');
    return 130;
  } finally {
    await compute.close();
  }
}

/** `--grid trigger.up_pct=1,2,3` (repeated, one parameter each) → the grid of the API. */
export function gridFromOptions(items: readonly string[]): Partial<Record<GridParam, number[]>> {
  if (items.length === 0) throw new UsageError('optimize needs at least one --grid name=v1,v2,…');
  const grid: Partial<Record<GridParam, number[]>> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--grid takes name=v1,v2,…, got ${JSON.stringify(item)}`);
    const name = GridParam.safeParse(item.slice(0, eq).trim());
    if (!name.success)
      throw new UsageError(
        `--grid ${JSON.stringify(item.slice(0, eq).trim())} is not a parameter a grid can vary (one of ${GridParam.options.join(', ')})`,
      );
    if (grid[name.data]) throw new UsageError(`--grid ${name.data} is given twice`);
    grid[name.data] = item
      .slice(eq + 1)
      .split(',')
      .map((v) => {
        const value = v.trim();
        if (!/^-?\d+(\.\d+)?$/.test(value))
          throw new UsageError(`--grid ${name.data}: ${JSON.stringify(value)} is not a number`);
        return Number(value);
      });
  }
  return grid;
}

function planOrUsage(
  grid: Partial<Record<GridParam, number[]>>,
  params: Parameters<typeof planGrid>[1],
): GridPlan {
  try {
    return planGrid(grid, params);
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(`--grid: ${error.message}`);
    throw error;
  }
}

function rankOption(value: string | undefined): RankMetric {
  const parsed = RankMetric.safeParse(value ?? 'sharpe');
  if (parsed.success) return parsed.data;
  throw new UsageError(
    `--rank must be one of ${RankMetric.options.join(', ')}, not ${JSON.stringify(value)}`,
  );
}

function topOption(value: string | undefined): number {
  const top = value === undefined ? 20 : Number(value);
  if (!Number.isInteger(top) || top < 1)
    throw new UsageError(`--top must be a whole number of at least 1, got ${JSON.stringify(value)}`);
  return top;
}

/** `optimizing: 340 of 1000 combinations (34 %) on 2 threads`, redrawn at most every 100 ms, on a terminal only. */
function progressMeter(to: ProgressOut, total: number, threads: number) {
  let last = 0;
  const draw = (done: number) =>
    to.write(
      `\roptimizing: ${done} of ${total} combinations (${Math.floor((done / total) * 100)} %) on ${threads} threads`,
    );
  return {
    update: (done: number) => {
      if (!to.isTTY || (done < total && Date.now() - last < 100)) return;
      last = Date.now();
      draw(done);
    },
    end: () => {
      if (to.isTTY) to.write('\r\x1b[2K');
    },
  };
}

function tableOf(
  rows: readonly OptimizationRow[],
  plan: GridPlan,
  total: number,
  hold: SimulationMetrics,
  rankBy: RankMetric,
): string {
  const names = plan.axes.map((a) => a.name);
  const pct = (x: number | null) => (x === null ? '-' : x.toFixed(2));
  const header = [
    'rank',
    ...names,
    'return %',
    'annual %',
    'volatility %',
    'sharpe',
    'drawdown %',
    'fees',
    'trades',
    '',
  ];
  const lines = rows.map((r) => {
    const values = names.map((n) => String(r.params[n]));
    if (r.error !== null) return [String(r.rank), ...values, ...Array(7).fill('-'), `not run: ${r.error}`];
    const m = r.metrics;
    const sharpe = m.sharpe === null ? '-' : m.sharpe.toFixed(3);
    const figures = [
      pct(m.return_pct),
      pct(m.annualized_return_pct),
      pct(m.annualized_volatility_pct),
      sharpe,
    ];
    return [
      String(r.rank),
      ...values,
      ...figures,
      pct(m.max_drawdown_pct),
      Number(m.fees).toFixed(2),
      String(m.trades),
      '',
    ];
  });
  const shown =
    rows.length < total ? `the best ${rows.length} of ${total} combinations` : `${total} combinations`;
  return `${formatTable(header, lines)}\n${shown}, ranked by ${rankBy}\n${metricsLine('buy-and-hold', hold)}\n`;
}

const iso = (at: number) => new Date(at).toISOString();
