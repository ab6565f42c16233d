import type { EventSource, RunCycleResult } from '@ballast/contracts';
import type { PositionId } from '../../domain/ids.js';

export interface RunOptions {
  readonly source: EventSource;
  readonly actor: string;
  /** Checked between batches: a stopping worker finishes the batch in hand, records it, and ends the cycle. */
  readonly signal?: AbortSignal;
}

/** Runs trading cycles: the orchestrator itself, or a proxy to the thread that owns it. */
export interface CycleRunner {
  runCycle(options: RunOptions): Promise<RunCycleResult>;
  /** One position whatever its auto-trading switch (an explicit request); POSITION_NOT_FOUND if it does not exist. */
  runCycleForPosition(id: PositionId, options: RunOptions): Promise<RunCycleResult>;
}
