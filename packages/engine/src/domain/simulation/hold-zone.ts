import { approxNumber, type Decimal, HUNDRED, ONE } from '../decimal.js';
import type { PositionState } from '../position-state.js';
import type { StrategyParams } from '../strategy-params.js';

/** An open price interval (lo, hi): bars strictly inside it are skipped. */
export interface Zone {
  readonly lo: number;
  readonly hi: number;
}

/** The empty zone: every bar is evaluated. */
export const EVERY_BAR: Zone = { lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY };

/**
 * Relative margin by which every bound is pulled inward. Bounds are computed in floats from exact
 * per-parameter factors and the state's decimals read as floats: relative error below 1e-14, so the
 * zone stays strictly inside the exact one; the margin is far narrower than a price tick.
 */
export const MARGIN = 1e-9;

/**
 * The rounding of an order quantity to 6 decimals adds at most 5e-7; SLACK over-covers it (and the
 * 20-digit sizing quotient) so that "qty + SLACK < limit" proves the exact rounded order is too small.
 */
const SLACK = 1e-6;
/** A float difference is trusted only when it is at least this fraction of its terms (no cancellation). */
const CONDITIONED = 1e-4;
/** Beyond this many shares the SLACK argument is not made (the sizing quotient's rounding could exceed it). */
const MAX_SHARES = 1e9;

/** The parameters turned into float factors once, each from an exact decimal (relative error ≤ 1e-16). */
interface Factors {
  readonly buy: number; // 1 − down/100
  readonly sell: number; // 1 + up/100
  readonly resetLow: number; // 1 − reset/100
  readonly resetHigh: number; // 1 + reset/100
  readonly min: number; // band bottom as a fraction
  readonly max: number; // band top as a fraction
  readonly oneMinusMin: number;
  readonly oneMinusMax: number;
  readonly minQty: number;
  readonly minNotional: number;
}

const factorsByParams = new WeakMap<StrategyParams, Factors>();

/** Parameter sets are immutable and shared (as in trigger.ts), so the factors are memoised per set. */
function factorsOf(params: StrategyParams): Factors {
  let f = factorsByParams.get(params);
  if (f === undefined) {
    const pct = (d: Decimal) => d.div(HUNDRED);
    const min = pct(params.guardrails.minStockPct);
    const max = pct(params.guardrails.maxStockPct);
    f = {
      buy: ONE.sub(pct(params.trigger.downPct)).toNumber(),
      sell: ONE.add(pct(params.trigger.upPct)).toNumber(),
      resetLow: ONE.sub(pct(params.anchor.resetPct)).toNumber(),
      resetHigh: ONE.add(pct(params.anchor.resetPct)).toNumber(),
      min: min.toNumber(),
      max: max.toNumber(),
      oneMinusMin: ONE.sub(min).toNumber(),
      oneMinusMax: ONE.sub(max).toNumber(),
      minQty: params.order.minQty.toNumber(),
      minNotional: params.order.minNotional.toNumber(),
    };
    factorsByParams.set(params, f);
  }
  return f;
}

/** The price interval with no anchor reset; outside it the anchor moves even when no order may. */
export function resetZone(state: PositionState, params: StrategyParams): Zone {
  if (state.anchor === null) return EVERY_BAR;
  const f = factorsOf(params);
  const a = approxNumber(state.anchor);
  return { lo: a * f.resetLow * (1 + MARGIN), hi: a * f.resetHigh * (1 - MARGIN) };
}

/**
 * The open price interval (lo, hi) in which the rules can only hold or refuse: no trigger, no anchor
 * reset, and the allocation either inside the band or out of it by so little that the band-restore
 * order is certainly below `min_qty` or `min_notional`. Every bound is pulled inward by MARGIN.
 */
export function holdZone(state: PositionState, params: StrategyParams): Zone {
  if (state.anchor === null) return EVERY_BAR;
  const f = factorsOf(params);
  const a = approxNumber(state.anchor);
  const q = approxNumber(state.shares);
  const c = approxNumber(state.cash);
  const floor = Math.max(a * f.buy, a * f.resetLow);
  const ceiling = Math.min(a * f.sell, a * f.resetHigh);
  const lo = Math.max(floor, Math.min(bandLow(q, c, f), restoreBuyRefusedAbove(q, c, f, floor)));
  const hi = Math.min(ceiling, Math.max(bandHigh(q, c, f), restoreSellRefusedBelow(q, c, f)));
  return { lo: lo * (1 + MARGIN), hi: hi * (1 - MARGIN) };
}

/** alloc < min  ⇔  P < min·C / (Q·(1 − min)); −∞ when no price is below the band, +∞ when every price is. */
function bandLow(q: number, c: number, f: Factors): number {
  if (f.min <= 0) return Number.NEGATIVE_INFINITY;
  if (q === 0 || f.oneMinusMin <= 0) {
    return c > 0 || q === 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return (f.min * c) / (q * f.oneMinusMin);
}

/** alloc > max  ⇔  P > max·C / (Q·(1 − max)); +∞ when no price is above the band, −∞ when every price is. */
function bandHigh(q: number, c: number, f: Factors): number {
  if (q === 0 || f.oneMinusMax <= 0) return Number.POSITIVE_INFINITY;
  if (c === 0) return Number.NEGATIVE_INFINITY;
  return (f.max * c) / (q * f.oneMinusMax);
}

/**
 * Below the band a restore buys min·C/P − (1−min)·Q shares (value min·C − (1−min)·Q·P), both growing
 * as P falls. Above the returned price (and above `floor`, the triggers) the rounded order is certainly
 * below `min_qty` or `min_notional`, as U(P) = min·C/P − (1−min)·Q + SLACK bounds its quantity.
 * +∞ when nothing is proven.
 */
function restoreBuyRefusedAbove(q: number, c: number, f: Factors, floor: number): number {
  const none = Number.POSITIVE_INFINITY;
  if (!(q < MAX_SHARES) || f.min <= 0 || f.oneMinusMin <= 0) return none;
  const minC = f.min * c;
  let above = none;
  // U(P) < min_qty  ⇔  P > min·C / (min_qty − SLACK + (1−min)·Q): every term of the divisor is ≥ 0.
  if (f.minQty >= 2 * SLACK) above = minC / (f.minQty - SLACK + f.oneMinusMin * q);
  // U(P)·P < min_notional  ⇔  P·((1−min)·Q − SLACK) > min·C − min_notional.
  const held = f.oneMinusMin * q;
  const gap = minC - f.minNotional;
  if (held - SLACK >= held / 2 && Math.abs(gap) >= CONDITIONED * (minC + f.minNotional)) {
    above = Math.min(above, gap < 0 ? 0 : gap / (held - SLACK));
  }
  // The SLACK argument needs the restore quotient min·V/P (P above both bounds) to stay modest.
  if (!(above < none) || !(minC / Math.max(above, floor) < MAX_SHARES)) return none;
  return above * (1 + MARGIN);
}

/**
 * Above the band a restore sells (1−max)·Q − max·C/P shares (value (1−max)·Q·P − max·C), both growing
 * as P rises. Below the returned price the rounded order is certainly below `min_qty` or `min_notional`;
 * +∞ when at every price (the triggers bound it then), −∞ when nothing is proven.
 */
function restoreSellRefusedBelow(q: number, c: number, f: Factors): number {
  const none = Number.NEGATIVE_INFINITY;
  if (!(q < MAX_SHARES) || f.oneMinusMax <= 0) return none;
  const maxC = f.max * c;
  const held = f.oneMinusMax * q;
  // U(P)·P < min_notional  ⇔  P < (min_notional + max·C) / ((1−max)·Q + SLACK): no cancellation.
  let below = (f.minNotional + maxC) / (held + SLACK);
  // U(P) < min_qty  ⇔  max·C/P > (1−max)·Q − (min_qty − SLACK) =: d.
  const d = held - (f.minQty - SLACK);
  if (f.minQty >= 2 * SLACK && Math.abs(d) >= CONDITIONED * (held + f.minQty)) {
    below = Math.max(below, d < 0 ? Number.POSITIVE_INFINITY : maxC / d);
  }
  return below * (1 - MARGIN);
}
