import type { PositionId } from '../../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { Timers } from '../ports/timers.js';

/**
 * Who holds a claim: the engine instance, then the cycle (or reconciliation). An engine that finds
 * another dead releases everything that instance held at once, instead of waiting for the leases.
 */
export const claimOwner = (instanceId: string | undefined, work: string): string =>
  `${instanceId ?? 'engine'}/${work}`;

/** How long a claim lasts if its holder dies without releasing it. */
export const LEASE_MS = 60_000;
/** How long a cycle waits for a position another cycle is evaluating before giving up on it. */
const WAIT_MS = 30_000;

/**
 * One position is evaluated by one cycle at a time. A claim is a lease in the database, so it holds
 * across processes too; a second cycle (a manual run while the worker is busy) waits its turn.
 */
export class PositionClaims {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly timers: Timers,
  ) {}

  /** Claims as many of `ids` as it can within WAIT_MS; returns the ones it holds. */
  async claim(ids: readonly PositionId[], owner: string): Promise<PositionId[]> {
    const held: PositionId[] = [];
    let wanted = ids;
    const deadline = this.clock.now() + WAIT_MS;
    for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
      const now = this.clock.now();
      const got = await this.claimNow(wanted, owner);
      held.push(...got);
      if (got.length === wanted.length || now >= deadline) return held;
      const gotSet = new Set(got);
      wanted = wanted.filter((id) => !gotSet.has(id));
      await this.timers.sleep(delay);
    }
  }

  /** One attempt, no waiting: returns the ids it got; the others are held elsewhere right now. */
  async claimNow(ids: readonly PositionId[], owner: string): Promise<PositionId[]> {
    if (ids.length === 0) return [];
    const now = this.clock.now();
    // One transaction per attempt: the claims of a batch commit together (one fsync, all or none).
    return this.store.transaction((tx) => tx.positions.claim(ids, owner, now + LEASE_MS, now));
  }

  async release(ids: readonly PositionId[], owner: string): Promise<void> {
    if (ids.length > 0) await this.store.transaction((tx) => tx.positions.release(ids, owner));
  }
}
