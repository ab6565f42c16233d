import type { PositionId } from '../../domain/ids.js';
import type { Store } from '../ports/store.js';

type Due = { id: PositionId; symbol: string };

/** Where a cycle's positions come from: a list cut in batches, or a slot's due positions taken batch by batch. */
export interface CycleWork {
  readonly symbols: string[];
  /** The positions the cycle expects to evaluate (for a scheduled cycle: all that could be due). */
  readonly expected: number;
  /** The next batch; empty when there is no more. */
  next(): Promise<Due[]>;
}

const symbolsOf = (positions: readonly Due[]) => [...new Set(positions.map((p) => p.symbol))];

export function inBatches(positions: Due[], size: number): CycleWork {
  let at = 0;
  return {
    symbols: symbolsOf(positions),
    expected: positions.length,
    next: async () => {
      const batch = positions.slice(at, at + size);
      at += size;
      return batch;
    },
  };
}

/**
 * The positions due in `slot`, taken from the database a batch at a time, so every engine sharing the
 * database gets its share and none gets a position twice. A take is one atomic statement of its own,
 * outside the writers' lock (it reads no audit chain): two engines take their batches side by side
 * while a third writes (decision 0014). Quotes are fetched for every candidate's symbol: which ones
 * this engine will get is not known yet.
 */
export async function slotWork(
  store: Store,
  slot: number,
  candidates: Due[],
  size: number,
): Promise<CycleWork> {
  // One INSERT … ON CONFLICT DO NOTHING, atomic on its own: it needs no place in the writers' queue.
  await store.schedule.addMissing();
  return {
    symbols: symbolsOf(candidates),
    expected: candidates.length,
    next: () => store.schedule.takeDue(slot, size),
  };
}
