import { Decimal } from '../decimal.js';
import { evaluateTrigger } from '../trigger.js';
import type { BuyAndHold } from './buy-and-hold.js';
import { sampleIndices } from './downsample.js';
import { type PathFigures, PathStats } from './metrics.js';
import type { SimulationInput, SimulationResult } from './simulate-bars.js';

/** One kept point of a run: the bar's close, the anchor after it, both values and the allocation. */
export interface TracePoint {
  readonly index: number;
  readonly close: number;
  readonly anchor: number | null;
  readonly equity: number;
  readonly buyAndHold: number;
  /** Stock share of the strategy's value, a fraction. */
  readonly allocation: number;
}

/** The state a trade was decided in: the anchor it was measured from and the allocation before it. */
export interface TradeContext {
  readonly anchorBefore: Decimal | null;
  readonly allocationBefore: number;
}

export interface RunTrace {
  readonly strategy: PathFigures;
  readonly buyAndHold: PathFigures;
  /** Empty unless asked for: at most `MAX_SERIES_POINTS`, first and last bar included. */
  readonly points: readonly TracePoint[];
  /** One per trade, in order; empty unless points were asked for. */
  readonly trades: readonly TradeContext[];
}

/**
 * Replays a finished run bar by bar to measure it. Between fills the position does not change, so its
 * value at bar i is shares · close + cash of the last fill at or before i. The value path starts at the
 * start value (the position at the first close, before anything is traded), then takes the value at
 * each later close after that bar's fill; buy-and-hold's path is built the same way.
 *
 * With `points`, the anchor is followed too (fills set it to their price; the anchor resets of DESIGN
 * §3.2 step 3 are found with the rules' own `evaluateTrigger`) and checked against the run's final
 * anchor and reset count: a difference is a bug and throws.
 */
export function traceRun(
  input: SimulationInput,
  result: SimulationResult,
  hold: BuyAndHold,
  options: { readonly points: boolean },
): RunTrace {
  const { bars } = input;
  const n = bars.length;
  const keep = options.points ? sampleIndices(bars.closes, n) : [];
  const anchors = options.points ? new AnchorTracker(input) : null;
  const strategy = new PathStats();
  const benchmark = new PathStats();
  const points: TracePoint[] = [];
  const contexts: TradeContext[] = [];
  const startShares = input.shares.toNumber();
  let [shares, cash] = [startShares, input.cash.toNumber()];
  const [holdShares, holdCash] = [hold.shares.toNumber(), hold.cash.toNumber()];
  const startValue = input.shares.mul(bars.closeText[0]!).add(input.cash).toNumber();
  let nextTrade = 0;
  let nextKeep = 0;
  for (let i = 0; i < n; i++) {
    const close = bars.closes[i]!;
    const trade = result.trades[nextTrade];
    if (trade !== undefined && trade.index === i) {
      if (anchors)
        contexts.push({
          anchorBefore: anchors.anchor,
          allocationBefore: (shares * close) / (shares * close + cash),
        });
      anchors?.filled(trade.price);
      [shares, cash] = [trade.sharesAfter.toNumber(), trade.cashAfter.toNumber()];
      nextTrade++;
    } else anchors?.observe(i);
    const equity = i === 0 ? startValue : shares * close + cash;
    const held = i === 0 ? startValue : holdShares * close + holdCash;
    strategy.add(equity);
    benchmark.add(held);
    if (keep[nextKeep] === i) {
      const stock = (i === 0 ? startShares : shares) * close;
      points.push({
        index: i,
        close,
        anchor: anchors!.anchorNumber,
        equity,
        buyAndHold: held,
        allocation: stock / equity,
      });
      nextKeep++;
    }
  }
  anchors?.check(result);
  const span = n > 0 ? bars.times[n - 1]! - bars.times[0]! : 0;
  return { strategy: strategy.figures(span), buyAndHold: benchmark.figures(span), points, trades: contexts };
}

/** The anchor bar by bar: seeded, moved by fills, reset where the rules reset it. */
class AnchorTracker {
  anchor: Decimal | null;
  anchorNumber: number | null;
  private resets = 0;
  private readonly resetPct: number;

  constructor(private readonly input: SimulationInput) {
    this.anchor = input.anchor;
    this.anchorNumber = input.anchor?.toNumber() ?? null;
    this.resetPct = input.params.anchor.resetPct.toNumber();
  }

  filled(price: Decimal): void {
    this.anchor = price;
    this.anchorNumber = price.toNumber();
  }

  /** A bar without a fill: it seeds a missing anchor, or resets one it deviates from by more than reset_pct. */
  observe(i: number): void {
    const { closes, closeText } = this.input.bars;
    if (this.anchor === null) {
      this.filled(new Decimal(closeText[i]!));
      return;
    }
    const a = this.anchorNumber!;
    // Far inside the reset threshold floats decide alone; near it the rules decide exactly.
    if ((Math.abs(closes[i]! - a) / a) * 100 <= this.resetPct - 1e-7) return;
    const price = new Decimal(closeText[i]!);
    const quote = { ok: true as const, price, ageMs: 0, maxAgeMs: Number.POSITIVE_INFINITY };
    if (evaluateTrigger(this.anchor, quote, this.input.params).outcome !== 'anchor_reset') return;
    this.filled(price);
    this.resets++;
  }

  check(result: SimulationResult): void {
    const same =
      this.anchor === null ? result.final.anchor === null : result.final.anchor?.equals(this.anchor);
    if (!same || this.resets !== result.anchorResets)
      throw new Error(
        `replaying the run found anchor ${this.anchor?.toFixed()} after ${this.resets} resets; the run ended at ${result.final.anchor?.toFixed()} after ${result.anchorResets}`,
      );
  }
}
