import { checkFill } from '../apply-fill.js';
import { Decimal, HUNDRED, ONE } from '../decimal.js';
import { type Evaluation, evaluatePosition } from '../evaluate-position.js';
import type { Instant } from '../ids.js';
import {
  isMarketOpen,
  type MarketHoursMode,
  nextMarketOpen,
  nextTradingDayStart,
  tradingDayOf,
} from '../market-hours.js';
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
  let zone = options.evaluateEveryBar ? EVERY_BAR : holdZone(state, params);
  // While the only obstacles are the day's order limit or a closed market, nothing but an anchor reset
  // can change the state until time lifts them: only bars beyond the reset thresholds need a look.
  let blockedUntil = Number.NEGATIVE_INFINITY;
  const { closes, times, closeText } = bars;
  for (let i = start; i < bars.length; i++) {
    const p = closes[i]!;
    const time = times[i]!;
    if (time >= blockedUntil) {
      if (blockedUntil !== Number.NEGATIVE_INFINITY) {
        blockedUntil = Number.NEGATIVE_INFINITY;
        zone = options.evaluateEveryBar ? EVERY_BAR : holdZone(state, params);
      }
    }
    if (p > zone.lo && p < zone.hi) continue;
    evaluations++;
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
      const until = options.evaluateEveryBar
        ? Number.NEGATIVE_INFINITY
        : liftedAt(e.guardrail.reasons, marketHours, time);
      if (until > time) {
        blockedUntil = until;
        zone = resetZone(state, params);
      } else if (!options.evaluateEveryBar) {
        zone = widenPastSmallOrder(e, zone, state, params);
      }
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
    if (blockedUntil !== Number.NEGATIVE_INFINITY) zone = resetZone(state, params);
    else if (!options.evaluateEveryBar) zone = holdZone(state, params);
  }
  return { trades, final: state, evaluations, skips, anchorResets };
}

const EVERY_BAR = { lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY };

type Zone = { lo: number; hi: number };

/**
 * An order refused only for being too small stays too small over a range of prices next to this one,
 * so the bars in that range are skipped too:
 * - a band-restore order's value and quantity shrink as the price moves back toward the band edge
 *   (buy: min·C − (1−min)·Q·P grows as P falls; sell: (1−max)·Q·P − max·C grows as P rises);
 * - a sell trigger's value grows with the price (raw size, cap and band trim all do), so it stays too
 *   small down to the trigger, provided the allocation stays inside the band from there to here (the
 *   hold zone ends at the trigger, not at the band top, and the bottom is out of reach);
 * - a buy trigger's value grows as the price falls when its binding term is the raw size or the trim to
 *   the band top, so it stays too small up to the trigger, on the same band conditions mirrored.
 * Margins absorb the rounding of quantities to 6 decimals.
 */
function widenPastSmallOrder(
  e: Extract<Evaluation, { kind: 'skip' }>,
  zone: Zone,
  state: PositionState,
  params: StrategyParams,
): Zone {
  const g = e.guardrail;
  const p = g.proposal;
  const codes = g.reasons.map((r) => r.code);
  const price = g.order.price;
  const pf = price.toNumber();
  const buying = g.order.side === 'buy';
  if (
    p.origin === 'band_restore' &&
    codes.every((c) => c === 'GUARDRAIL_MIN_NOTIONAL' || c === 'GUARDRAIL_MIN_QTY')
  ) {
    return buying
      ? { lo: Math.min(zone.lo, pf * (1 + MARGIN)), hi: zone.hi }
      : { lo: zone.lo, hi: Math.max(zone.hi, pf * (1 - MARGIN)) };
  }
  if (p.origin !== 'trigger' || codes.length !== 1 || codes[0] !== 'GUARDRAIL_MIN_NOTIONAL') return zone;
  const slack = price.mul('0.000001');
  const tooSmall = (qty: Decimal | null): boolean => {
    if (qty === null) return false;
    return qty.abs().mul(price).add(slack).mul('1.000000001').lessThan(params.order.minNotional);
  };
  const q = state.shares.toNumber();
  const c = state.cash.toNumber();
  if (!buying) {
    const min = params.guardrails.minStockPct.toNumber() / 100;
    const bandLow = q > 0 && min < 1 ? (min * c) / (q * (1 - min)) : Number.POSITIVE_INFINITY;
    const sellAt = state.anchor!.toNumber() * (1 + params.trigger.upPct.toNumber() / 100);
    // The zone must end at the trigger itself (not at the band top), so the widened zone stays one interval.
    const endsAtTrigger = zone.hi >= sellAt * (1 - 2 * MARGIN);
    if (!endsAtTrigger || !(bandLow * (1 + MARGIN) < sellAt * (1 - MARGIN)) || !tooSmall(p.qty)) return zone;
    return { lo: zone.lo, hi: Math.max(zone.hi, pf * (1 - MARGIN)) };
  }
  const max = params.guardrails.maxStockPct.toNumber() / 100;
  const bandHigh = q > 0 && max < 1 ? (max * c) / (q * (1 - max)) : Number.POSITIVE_INFINITY;
  const buyAt = state.anchor!.toNumber() * (1 - params.trigger.downPct.toNumber() / 100);
  const trimmed = p.cappedQty !== null && !p.qty.equals(p.cappedQty);
  const startsAtTrigger = zone.lo <= buyAt * (1 + 2 * MARGIN);
  if (!startsAtTrigger || !(bandHigh * (1 - MARGIN) > buyAt * (1 + MARGIN))) return zone;
  if (!(tooSmall(p.rawQty) || (trimmed && tooSmall(p.qty)))) return zone;
  return { lo: Math.min(zone.lo, pf * (1 + MARGIN)), hi: zone.hi };
}

const TIME_ONLY = new Set(['GUARDRAIL_DAILY_LIMIT', 'GUARDRAIL_MARKET_CLOSED']);

/**
 * When an order blocked only by the day's limit and/or a closed market can first be allowed: the next
 * trading day, the next open, or the later of the two. −∞ when any other reason (price, cash, …) blocks.
 */
function liftedAt(reasons: readonly { code: string }[], mode: MarketHoursMode, at: Instant): Instant {
  if (reasons.length === 0 || !reasons.every((r) => TIME_ONLY.has(r.code))) return Number.NEGATIVE_INFINITY;
  let until = at;
  for (const r of reasons) {
    const lifted =
      r.code === 'GUARDRAIL_DAILY_LIMIT' ? nextTradingDayStart(mode, at) : nextMarketOpen(mode, at);
    until = Math.max(until, lifted);
  }
  return until;
}

/** The price interval with no anchor reset; outside it the anchor moves even when no order may. */
function resetZone(state: PositionState, params: StrategyParams): { lo: number; hi: number } {
  if (state.anchor === null) return EVERY_BAR;
  const reset = params.anchor.resetPct.div(HUNDRED);
  const lo = state.anchor.mul(ONE.sub(reset)).toNumber();
  const hi = state.anchor.mul(ONE.add(reset)).toNumber();
  return { lo: lo * (1 + MARGIN), hi: hi * (1 - MARGIN) };
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
