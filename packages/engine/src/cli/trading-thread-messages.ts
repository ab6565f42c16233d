import type { RunCycleResult } from '@ballast/contracts';
import type { WorkerSnapshot } from '../application/ports/worker-handle.js';

/** What the API thread asks of the trading thread. */
export type ToTradingThread =
  | { readonly kind: 'runCycle'; readonly id: number; readonly actor: string; readonly positionId?: string }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'stop'; readonly reason: string };

/** What the trading thread reports. */
export type FromTradingThread =
  | { readonly kind: 'ready'; readonly snapshot: WorkerSnapshot }
  | { readonly kind: 'snapshot'; readonly snapshot: WorkerSnapshot }
  | { readonly kind: 'result'; readonly id: number; readonly result: RunCycleResult }
  | {
      readonly kind: 'failed';
      readonly id: number;
      readonly error: { code?: string; message: string; details?: unknown };
    }
  | { readonly kind: 'stopped' };
