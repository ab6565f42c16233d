import { approxNumber, type Decimal } from '../decimal.js';
import type { Evaluation } from '../evaluate-position.js';
import type { PositionState } from '../position-state.js';
import type { StrategyParams } from '../strategy-params.js';
import { MARGIN, type Zone } from './hold-zone.js';

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
export function widenPastSmallOrder(
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
  // (|q|·P + P·1e-6)·(1 + 1e-9) < min_notional, in floats with twice the factor: float error is ~1e-14.
  const minNotional = approxNumber(params.order.minNotional);
  const tooSmall = (qty: Decimal | null): boolean => {
    if (qty === null) return false;
    return (Math.abs(approxNumber(qty)) * pf + pf * 1e-6) * (1 + 2e-9) < minNotional;
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
