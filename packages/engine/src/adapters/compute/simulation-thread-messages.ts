import type { SimulationMetrics } from '@ballast/contracts';
import type { BarsSpec, RunSpec, SimulationOutcome } from '../../application/ports/simulation-compute.js';
import type { SharedBars } from './shared-bars.js';

/**
 * What the simulation threads are asked. Bars are sent to a thread once (`bars` on the first run that
 * needs them there) and kept under `key` until `forget`. `cancel` is a flag in shared memory: set to 1,
 * the thread stops at the next slice.
 */
export type ToSimulationThread =
  | { readonly kind: 'prepare'; readonly id: number; readonly key: string; readonly spec: BarsSpec }
  | {
      readonly kind: 'simulate';
      readonly id: number;
      readonly key: string;
      readonly bars?: SharedBars;
      readonly run: RunSpec;
      readonly cancel: Int32Array;
    }
  | {
      readonly kind: 'evaluate';
      readonly id: number;
      readonly key: string;
      readonly bars?: SharedBars;
      readonly runs: readonly RunSpec[];
      readonly benchmark: RunSpec | null;
      readonly cancel: Int32Array;
    }
  | { readonly kind: 'forget'; readonly key: string };

/** What they answer; every request ends with exactly one message that is not `progress`. */
export type FromSimulationThread =
  | { readonly kind: 'prepared'; readonly id: number; readonly bars: SharedBars }
  | { readonly kind: 'progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly kind: 'simulated'; readonly id: number; readonly outcome: SimulationOutcome }
  | {
      readonly kind: 'evaluated';
      readonly id: number;
      readonly metrics: SimulationMetrics[];
      readonly buyAndHold: SimulationMetrics | null;
    }
  | { readonly kind: 'cancelled'; readonly id: number }
  /** The bars cannot be read (a bad CSV line, a synthetic path out of range): the caller's mistake. */
  | { readonly kind: 'refused'; readonly id: number; readonly message: string; readonly details?: unknown }
  /** Anything else: a bug, reported with its message. */
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };
