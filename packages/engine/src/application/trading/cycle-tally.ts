import type { CycleCounts, RunCycleResult } from '@ballast/contracts';
import type { PositionId } from '../../domain/ids.js';
import { EMPTY_COUNTS } from '../records.js';
import type { FillOutcome } from './execution-recorder.js';
import type { Outcome } from './position-plan.js';

type Result = RunCycleResult['results'][number];

/** Counts a cycle's outcomes, and keeps the per-position results when the caller wants them. */
export class CycleTally {
  private readonly c: { -readonly [K in keyof CycleCounts]: number } = { ...EMPTY_COUNTS };
  private readonly byPosition = new Map<string, Result>();

  constructor(private readonly keepResults: boolean) {}

  add(
    positionId: PositionId,
    symbol: string,
    outcome: Outcome,
    reason: string,
    orderId: string | null,
  ): void {
    this.c.evaluated += 1;
    if (outcome === 'order') this.c.orders += 1;
    else if (outcome === 'skip') this.c.skips += 1;
    else if (outcome === 'anchor_reset') this.c.anchor_resets += 1;
    else if (outcome === 'no_price') this.c.no_price += 1;
    else if (outcome === 'error') this.c.errors += 1;
    else this.c.holds += 1;
    if (this.keepResults)
      this.byPosition.set(positionId, {
        position_id: positionId,
        symbol,
        outcome,
        order_id: orderId,
        fill: null,
        reason,
      });
  }

  addFills(fills: ReadonlyMap<PositionId, FillOutcome>): void {
    for (const [positionId, fill] of fills) {
      if (fill === 'filled') this.c.fills += 1;
      if (fill === 'rejected') this.c.rejections += 1;
      const result = this.byPosition.get(positionId);
      if (result) this.byPosition.set(positionId, { ...result, fill });
    }
  }

  get counts(): CycleCounts {
    return { ...this.c };
  }

  get results(): Result[] {
    return [...this.byPosition.values()];
  }
}
