import { stateAfterFill } from '../apply-fill.js';
import { Decimal } from '../decimal.js';
import { type Evaluation, evaluatePosition } from '../evaluate-position.js';
import type { Instant } from '../ids.js';
import {
  isMarketOpen,
  type MarketHoursMode,
  nextMarketOpen,
  nextTradingDayStart,
  tradingDayOf,
} from '../market-hours.js';
import type { PositionState, Side } from '../position-state.js';
import type { StrategyParams } from '../strategy-params.js';
import { EVERY_BAR, holdZone, resetZone, type Zone } from './hold-zone.js';
import { widenPastSmallOrder } from './small-order-zone.js';

export { holdZone } from './hold-zone.js';

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

const NOT_BLOCKED = Number.NEGATIVE_INFINITY;

/** The moving parts of one simulation; one object per run, nothing allocated per skipped bar. */
interface Run {
  readonly input: SimulationInput;
  readonly everyBar: boolean;
  state: PositionState;
  zone: Zone;
  /** While the only obstacles are the day's order limit or a closed market: when time lifts them. */
  blockedUntil: Instant;
  day: string;
  ordersToday: number;
  evaluations: number;
  skips: number;
  anchorResets: number;
  readonly trades: SimulatedTrade[];
}

/**
 * Plays bars through the live rules (`evaluatePosition`, the fill of `checkFill`), one position, fills at
 * the bar's close. The scan skips a bar only when the price lies strictly inside the zone where the rules
 * cannot act — between both triggers and inside the band (or outside it by less than an order may be) —
 * which is recomputed after every change of state. Every other bar is evaluated exactly, so the outcome
 * is the same as evaluating every bar.
 */
export function simulateBars(
  input: SimulationInput,
  options: { evaluateEveryBar?: boolean } = {},
): SimulationResult {
  const { bars } = input;
  const everyBar = options.evaluateEveryBar === true;
  let state: PositionState = { shares: input.shares, cash: input.cash, anchor: input.anchor };
  let i = 0;
  if (state.anchor === null && bars.length > 0) {
    state = { ...state, anchor: new Decimal(bars.closeText[0]!) };
    i = 1;
  }
  const run: Run = {
    input,
    everyBar,
    state,
    zone: everyBar ? EVERY_BAR : holdZone(state, input.params),
    blockedUntil: NOT_BLOCKED,
    day: '',
    ordersToday: 0,
    evaluations: 0,
    skips: 0,
    anchorResets: 0,
    trades: [],
  };
  const { closes, times, length } = bars;
  for (; i < length; i++) {
    i =
      run.blockedUntil === NOT_BLOCKED
        ? nextOutside(closes, i, length, run.zone.lo, run.zone.hi)
        : nextOutsideOrLifted(closes, times, i, length, run.zone, run.blockedUntil);
    if (i >= length) break;
    if (times[i]! >= run.blockedUntil && run.blockedUntil !== NOT_BLOCKED) {
      run.blockedUntil = NOT_BLOCKED;
      run.zone = holdZone(run.state, input.params);
      if (closes[i]! > run.zone.lo && closes[i]! < run.zone.hi) continue;
    }
    evaluateBar(run, i);
  }
  const { trades, evaluations, skips, anchorResets } = run;
  return { trades, final: run.state, evaluations, skips, anchorResets };
}

/** The first bar from `from` whose close is not strictly inside (lo, hi): the scan's tight loop. */
function nextOutside(closes: Float64Array, from: number, to: number, lo: number, hi: number): number {
  let i = from;
  while (i < to) {
    const p = closes[i]!;
    if (!(p > lo && p < hi)) return i;
    i++;
  }
  return to;
}

/** As `nextOutside`, but also stops at the first bar at or after `until`. */
function nextOutsideOrLifted(
  closes: Float64Array,
  times: Float64Array,
  from: number,
  to: number,
  zone: Zone,
  until: Instant,
): number {
  const { lo, hi } = zone;
  let i = from;
  while (i < to) {
    const p = closes[i]!;
    if (!(p > lo && p < hi) || times[i]! >= until) return i;
    i++;
  }
  return to;
}

/** Evaluates bar `i` exactly and acts on the outcome as live trading would. */
function evaluateBar(run: Run, i: number): void {
  const { bars, params, marketHours } = run.input;
  const time = bars.times[i]!;
  run.evaluations++;
  const today = tradingDayOf(marketHours, time);
  if (today !== run.day) {
    run.day = today;
    run.ordersToday = 0;
  }
  const e = evaluatePosition({
    state: run.state,
    params,
    price: { ok: true, price: new Decimal(bars.closeText[i]!), ageMs: 0, maxAgeMs: Number.POSITIVE_INFINITY },
    context: {
      marketOpen: isMarketOpen(marketHours, time),
      hasOpenOrder: false,
      ordersToday: run.ordersToday,
      blocked: null,
    },
  });
  if (e.kind === 'anchor_reset') {
    run.state = { ...run.state, anchor: e.newAnchor };
    run.anchorResets++;
    stateChanged(run);
  } else if (e.kind === 'skip') {
    run.skips++;
    if (!run.everyBar) narrowToWhatCanAct(run, e, time);
  } else if (e.kind === 'order') {
    fill(run, e, i, time);
    stateChanged(run);
  }
}

/**
 * An allowed order fills at the bar's close. `checkGuardrails` allows an order only after `checkFill`
 * has accepted exactly this fill (guardrails.ts), so the simulator applies the fill's ledger arithmetic
 * instead of checking it a second time.
 */
function fill(run: Run, e: Extract<Evaluation, { kind: 'order' }>, index: number, time: Instant): void {
  const o = e.guardrail.order;
  run.state = stateAfterFill(run.state, o);
  run.ordersToday++;
  run.trades.push({
    index,
    time,
    side: o.side,
    qty: o.qty,
    price: o.price,
    fee: o.fee,
    cashAfter: run.state.cash,
    sharesAfter: run.state.shares,
    reason: e.guardrail.proposal.origin,
  });
}

function stateChanged(run: Run): void {
  if (run.blockedUntil !== NOT_BLOCKED) run.zone = resetZone(run.state, run.input.params);
  else if (!run.everyBar) run.zone = holdZone(run.state, run.input.params);
}

/**
 * After a refused order: if only time blocks it, only an anchor reset can happen until time lifts the
 * block; if it was only too small, it stays too small over a range of prices next to this one.
 */
function narrowToWhatCanAct(run: Run, e: Extract<Evaluation, { kind: 'skip' }>, time: Instant): void {
  const { params, marketHours } = run.input;
  const until = liftedAt(e.guardrail.reasons, marketHours, time);
  if (until > time) {
    run.blockedUntil = until;
    run.zone = resetZone(run.state, params);
  } else {
    run.zone = widenPastSmallOrder(e, run.zone, run.state, params);
  }
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
