import type { SimulationMetrics } from '@ballast/contracts';
import { isDecimalText } from '../../domain/decimal.js';
import type { SimulationBars, SimulationResult } from '../../domain/simulation/simulate-bars.js';
import { simulateInSlices } from '../../domain/simulation/simulate-in-slices.js';
import { syntheticBars } from '../../domain/simulation/synthetic-bars.js';
import type { BarsSpec, RunSpec, SimulationOutcome } from '../ports/simulation-compute.js';
import { measureBuyAndHold, measureRun, reportRun, simulationInput } from './simulation-report.js';

/**
 * What a compute thread does, free of threads and messages: read or generate bars, play runs over them
 * in slices (progress and cancel between slices), and measure them. The thread adapter supplies the CSV
 * reader and the seeded randomness.
 */

/** Bars per slice: about 30 ms on the core, so progress moves and a cancel lands promptly. */
export const SLICE_BARS = 1 << 16;

export type BarsResult =
  | { readonly ok: true; readonly bars: SimulationBars }
  | { readonly ok: false; readonly message: string; readonly details?: unknown };

export interface BarsReaders {
  /** Parses CSV bars; `symbols` lists each row's symbol when the file has a symbol column. */
  parseCsv(
    text: string,
    source: string,
  ):
    | { readonly ok: true; readonly bars: SimulationBars; readonly symbols: readonly string[] | null }
    | { readonly ok: false; readonly message: string; readonly details?: unknown };
  /** A seeded source of uniform numbers in [0, 1): the same seed, the same numbers. */
  uniformFor(seed: number): () => number;
}

export interface TaskHooks {
  progress(done: number, total: number): void;
  cancelled(): boolean;
}

/** CSV bars of one symbol (a file with several is refused, naming them). */
export function readCsvBars(text: string, source: string, readers: BarsReaders): BarsResult {
  const parsed = readers.parseCsv(text, source);
  return parsed.ok ? oneSymbol(parsed.bars, parsed.symbols, source) : parsed;
}

/** A job's bars, read or generated; a job needs at least two. */
export function prepareBars(spec: BarsSpec, readers: BarsReaders): BarsResult {
  let result: BarsResult;
  if (spec.kind === 'csv') {
    result = readCsvBars(spec.text, spec.source, readers);
  } else if (spec.kind === 'synthetic') {
    result = syntheticBars(spec, readers.uniformFor(spec.seed));
  } else {
    result = { ok: true, bars: barsOfPoints(spec.times, spec.closes) };
  }
  if (result.ok && result.bars.length < 2)
    return { ok: false, message: `a simulation needs at least 2 bars; there are ${result.bars.length}` };
  return result;
}

function oneSymbol(bars: SimulationBars, symbols: readonly string[] | null, source: string): BarsResult {
  const names = new Set(symbols ?? []);
  if (names.size <= 1) return { ok: true, bars };
  const some = [...names].slice(0, 5).join(', ');
  return { ok: false, message: `${source} holds several symbols (${some}); a simulation plays one` };
}

/** Prices as recorded (oldest first): a price recorded twice for the same instant counts once. */
function barsOfPoints(times: readonly number[], closes: readonly string[]): SimulationBars {
  const [t, c, text] = [new Float64Array(times.length), new Float64Array(times.length), [] as string[]];
  for (let i = 0; i < times.length; i++) {
    if (text.length > 0 && times[i]! <= t[text.length - 1]!) continue;
    if (!isDecimalText(closes[i]!) || !(Number(closes[i]) > 0)) throw new Error(`not a price: ${closes[i]}`);
    t[text.length] = times[i]!;
    c[text.length] = Number(closes[i]);
    text.push(closes[i]!);
  }
  return {
    length: text.length,
    times: t.slice(0, text.length),
    closes: c.slice(0, text.length),
    closeText: text,
  };
}

/** One run with its trades and series; null when it was cancelled. */
export function runSimulationTask(
  bars: SimulationBars,
  run: RunSpec,
  hooks: TaskHooks,
): SimulationOutcome | null {
  const input = simulationInput(bars, run);
  const result = playCancellably(input, hooks, (done) => hooks.progress(done, bars.length));
  if (result === null) return null;
  const report = reportRun(input, result);
  return { resultJson: JSON.stringify(report), metrics: report.metrics, buyAndHold: report.buy_and_hold };
}

/** Many runs, metrics only; progress counts runs. Null when cancelled. */
export function runEvaluationTask(
  bars: SimulationBars,
  runs: readonly RunSpec[],
  benchmark: RunSpec | null,
  hooks: TaskHooks,
): { metrics: SimulationMetrics[]; buyAndHold: SimulationMetrics | null } | null {
  const metrics: SimulationMetrics[] = [];
  for (const run of runs) {
    const input = simulationInput(bars, run);
    const result = playCancellably(input, hooks, () => undefined);
    if (result === null) return null;
    metrics.push(measureRun(input, result).metrics);
    hooks.progress(metrics.length, runs.length);
  }
  const buyAndHold = benchmark === null ? null : measureBuyAndHold(simulationInput(bars, benchmark));
  return { metrics, buyAndHold };
}

function playCancellably(
  input: ReturnType<typeof simulationInput>,
  hooks: TaskHooks,
  onSlice: (done: number) => void,
): SimulationResult | null {
  if (hooks.cancelled()) return null;
  return simulateInSlices(input, {
    sliceBars: SLICE_BARS,
    onSlice: (done) => {
      onSlice(done);
      return !hooks.cancelled();
    },
  });
}
