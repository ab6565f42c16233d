import type { SimulationMetrics } from '@ballast/contracts';
import type { MarketHoursMode } from '../../domain/market-hours.js';
import type { WireParams } from '../../domain/strategy-params-codec.js';

/** The bars of a job as the compute side reads or generates them (nothing here is parsed yet). */
export type BarsSpec =
  | { readonly kind: 'csv'; readonly text: string; readonly source: string }
  | {
      readonly kind: 'synthetic';
      readonly seed: number;
      readonly bars: number;
      readonly intervalMinutes: number;
      readonly startPrice: string;
      readonly driftPctPerYear: number;
      readonly volatilityPctPerYear: number;
      readonly start: number;
    }
  | { readonly kind: 'points'; readonly times: readonly number[]; readonly closes: readonly string[] };

/** One run over prepared bars: where the position starts and the rules it trades by. */
export interface RunSpec {
  readonly shares: string;
  readonly cash: string;
  /** null: the first bar only seeds the anchor. */
  readonly anchor: string | null;
  readonly params: WireParams;
  readonly marketHours: MarketHoursMode;
}

/** Bars read (or generated) once and held by the compute side, for every run over them. */
export interface PreparedBars {
  readonly key: string;
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

export type PrepareOutcome =
  | { readonly ok: true; readonly bars: PreparedBars }
  | { readonly ok: false; readonly message: string; readonly details?: unknown };

export interface ComputeHooks {
  /** The work has left the queue and runs now. */
  onStart?(): void;
  /** How far the work is, in its own units (bars or combinations); called often, cheap to receive. */
  onProgress(done: number, total: number): void;
  /** Aborting stops the work promptly; the promise then rejects with `ComputeCancelled`. */
  readonly signal: AbortSignal;
}

/** A finished simulation: the result as its JSON text (the contract's SimulationResult) and its headline. */
export interface SimulationOutcome {
  readonly resultJson: string;
  readonly metrics: SimulationMetrics;
  readonly buyAndHold: SimulationMetrics;
}

export interface EvaluationOutcome {
  /** One per run, in the order given. */
  readonly metrics: readonly SimulationMetrics[];
  readonly buyAndHold: SimulationMetrics;
}

/**
 * Where simulations are computed: off the calling thread (worker threads), so the API keeps answering
 * while a million bars are played. Bars are prepared once and shared by every run over them.
 */
export interface SimulationCompute {
  prepare(spec: BarsSpec): Promise<PrepareOutcome>;
  /** One run with its trades, series and metrics (and buy-and-hold from the same start). */
  simulate(bars: PreparedBars, run: RunSpec, hooks: ComputeHooks): Promise<SimulationOutcome>;
  /** Many runs, metrics only, in parallel; buy-and-hold from `benchmark`'s start. */
  evaluate(
    bars: PreparedBars,
    runs: readonly RunSpec[],
    benchmark: RunSpec,
    hooks: ComputeHooks,
  ): Promise<EvaluationOutcome>;
  /** The bars are no longer needed. */
  release(bars: PreparedBars): void;
  /** Stops everything at once (running work rejects) and frees the threads. */
  close(): Promise<void>;
}

/** The work was cancelled through its signal. */
export class ComputeCancelled extends Error {
  constructor() {
    super('the computation was cancelled');
    this.name = 'ComputeCancelled';
  }
}
