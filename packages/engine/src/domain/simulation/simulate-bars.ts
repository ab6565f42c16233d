import { checkFill } from '../apply-fill.js';
import { Decimal, HUNDRED, ONE } from '../decimal.js';
import { evaluatePosition } from '../evaluate-position.js';
import type { Instant } from '../ids.js';
import { isMarketOpen, type MarketHoursMode, tradingDayOf } from '../market-hours.js';
import { bandOf, type PositionState, type Side } from '../position-state.js';
import type { StrategyParams } from '../strategy-params.js';

/** Bars laid out for speed: times and float closes for the scan, the exact text for decisions. */
export interface SimulationBars {
  readonly length: number;
  readonly times: Float64Array;
  readonly closes: Float64Array;
  readonly closeText: readonly string[];
}

export interface SimulationInput {
  readonly bars: SimulationBars;
  readonly shares: Decimal;
  readonly cash: Decimal;
  /** Without an anchor the first bar only seeds it. */
  readonly anchor: Decimal | null;
  readonly params: StrategyParams;
  readonly marketHours: MarketHoursMode;
}

export interface SimulatedTrade {
  readonly index: number;
  readonly time: Instant;
  readonly side: Side;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
  readonly cashAfter: Decimal;
  readonly sharesAfter: Decimal;
  readonly reason: string;
}

export interface SimulationResult {
  readonly trades: SimulatedTrade[];
  readonly final: PositionState;
  readonly evaluations: number;
  readonly skips: number;
  readonly anchorResets: number;
}

/** Relative margin around the float thresholds: far wider than float rounding, far narrower than a tick. */
const MARGIN = 1e-9;

/**
 * Plays bars through the live rules (`evaluatePosition`, `checkFill`), one position, fills at the bar's
 * close. The scan skips a bar only when the price lies strictly inside the zone where the rules cannot
 * act — between both triggers and inside the band — which is recomputed exactly after every change of
 * state. Every other bar is evaluated exactly, so the outcome is the same as evaluating every bar.
 */
export function simulateBars(
  input: SimulationInput,
  options: { evaluateEveryBar?: boolean } = {},
): SimulationResult {
  const { bars, params, marketHours } = input;
  const band = bandOf(params.guardrails.minStockPct, params.guardrails.maxStockPct);
  let state: PositionState = { shares: input.shares, cash: input.cash, anchor: input.anchor };
  let start = 0;
  if (state.anchor === null && bars.length > 0) {
    state = { ...state, anchor: new Decimal(bars.closeText[0]!) };
    start = 1;
  }
  const trades: SimulatedTrade[] = [];
  let evaluations = 0;
  let skips = 0;
  let anchorResets = 0;
  let day = '';
  let ordersToday = 0;
  let zone = options.evaluateEveryBar
    ? { lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY }
    : holdZone(state, params);
  const { closes, times, closeText } = bars;
  for (let i = start; i < bars.length; i++) {
    const p = closes[i]!;
    if (p > zone.lo && p < zone.hi) continue;
    evaluations++;
    const time = times[i]!;
    const today = tradingDayOf(marketHours, time);
    if (today !== day) {
      day = today;
      ordersToday = 0;
    }
    const e = evaluatePosition({
      state,
      params,
      price: { ok: true, price: new Decimal(closeText[i]!), ageMs: 0, maxAgeMs: Number.POSITIVE_INFINITY },
      context: {
        marketOpen: isMarketOpen(marketHours, time),
        hasOpenOrder: false,
        ordersToday,
        blocked: null,
      },
    });
    if (e.kind === 'anchor_reset') {
      state = { ...state, anchor: e.newAnchor };
      anchorResets++;
    } else if (e.kind === 'skip') {
      skips++;
      continue;
    } else if (e.kind === 'order') {
      const o = e.guardrail.order;
      const fill = checkFill(state, { side: o.side, qty: o.qty, price: o.price, fee: o.fee }, band);
      if (!fill.ok) continue;
      state = fill.state;
      ordersToday++;
      trades.push({
        index: i,
        time,
        side: o.side,
        qty: o.qty,
        price: o.price,
        fee: o.fee,
        cashAfter: state.cash,
        sharesAfter: state.shares,
        reason: e.guardrail.proposal.origin,
      });
    } else {
      continue;
    }
    if (!options.evaluateEveryBar) zone = holdZone(state, params);
  }
  return { trades, final: state, evaluations, skips, anchorResets };
}

/**
 * The open price interval (lo, hi) in which the rules can only hold: no trigger, no anchor reset,
 * allocation inside the band. Derived exactly, then widened by MARGIN so float rounding never hides a bar.
 */
export function holdZone(state: PositionState, params: StrategyParams): { lo: number; hi: number } {
  const a = state.anchor;
  if (a === null) return { lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY };
  const buyAt = a.mul(ONE.sub(params.trigger.downPct.div(HUNDRED)));
  const sellAt = a.mul(ONE.add(params.trigger.upPct.div(HUNDRED)));
  const min = params.guardrails.minStockPct.div(HUNDRED);
  const max = params.guardrails.maxStockPct.div(HUNDRED);
  const { shares: q, cash: c } = state;
  // alloc < min  ⇔  P < min·C / (Q·(1 − min));  alloc > max  ⇔  P > max·C / (Q·(1 − max))
  let bandLow = Number.NEGATIVE_INFINITY;
  let bandHigh = Number.POSITIVE_INFINITY;
  if (q.isZero()) {
    if (min.isPositive() && !min.isZero()) bandLow = Number.POSITIVE_INFINITY;
  } else {
    if (min.lessThan(1) && !min.isZero())
      bandLow = min
        .mul(c)
        .div(q.mul(ONE.sub(min)))
        .toNumber();
    if (max.lessThan(1))
      bandHigh = c.isZero()
        ? Number.NEGATIVE_INFINITY
        : max
            .mul(c)
            .div(q.mul(ONE.sub(max)))
            .toNumber();
  }
  const lo = Math.max(buyAt.toNumber(), bandLow);
  const hi = Math.min(sellAt.toNumber(), bandHigh);
  return { lo: lo * (1 + MARGIN), hi: hi * (1 - MARGIN) };
}
