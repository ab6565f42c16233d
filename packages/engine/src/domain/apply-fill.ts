import { Decimal, HUNDRED } from './decimal.js';
import {
  allocationApprox,
  type Band,
  isClearlyInsideBand,
  outsideBand,
  type PositionState,
  type Side,
} from './position-state.js';

/** A broker's fill: a positive quantity at a price, with its commission. */
export interface Fill {
  readonly side: Side;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
}

export type FillCheck =
  | {
      readonly ok: true;
      readonly state: PositionState;
      readonly allocBefore: number;
      readonly allocAfter: number;
    }
  | { readonly ok: false; readonly reason: string };

/** Commission can nudge a trimmed order just past the band edge; this is how far (0.5 percentage points). */
export const BAND_TOLERANCE = new Decimal('0.005');

/**
 * Step 10: the state after a fill, or why the fill must be rejected (then nothing changes).
 * The anchor moves to the fill price. Band distances are compared exactly, as fractions.
 */
export function checkFill(state: PositionState, fill: Fill, band: Band): FillCheck {
  if (!fill.qty.isPositive() || fill.qty.isZero() || !fill.price.isPositive() || fill.fee.isNegative()) {
    throw new Error(
      `invalid fill: ${fill.side} ${fill.qty.toFixed()} @ ${fill.price.toFixed()} fee ${fill.fee.toFixed()}`,
    );
  }
  const next = stateAfterFill(state, fill);
  const { shares, cash } = next;
  if (cash.isNegative())
    return { ok: false, reason: `the fill would leave cash negative (${cash.toFixed(2)})` };
  if (shares.isNegative())
    return { ok: false, reason: `the fill would leave shares negative (${shares.toFixed()})` };
  const worse = movesFurtherOut(state, next, fill.price, band);
  const allocBefore = allocationApprox(state.shares, state.cash, fill.price);
  const allocAfter = allocationApprox(shares, cash, fill.price);
  if (worse) {
    const pct = (x: number): string => (x * 100).toFixed(2);
    const edges = `${band.min.mul(HUNDRED).toFixed(2)}–${band.max.mul(HUNDRED).toFixed(2)}%`;
    return {
      ok: false,
      reason: `the fill would move the allocation from ${pct(allocBefore)}% to ${pct(allocAfter)}%, outside the band ${edges}`,
    };
  }
  return { ok: true, state: next, allocBefore, allocAfter };
}

/**
 * Starting inside the band: true when more than BAND_TOLERANCE outside after. Starting outside: true when
 * further out than before. Distances are exact fractions; floats only skip the arithmetic when both
 * allocations are certainly inside (decision 0002).
 */
function movesFurtherOut(before: PositionState, after: PositionState, price: Decimal, band: Band): boolean {
  const clearlyInside = (s: PositionState) => isClearlyInsideBand(s.shares, s.cash, price, band);
  if (clearlyInside(before) && clearlyInside(after)) return false;
  const from = outsideBand(before.shares, before.cash, price, band);
  const to = outsideBand(after.shares, after.cash, price, band);
  return from.num.isZero()
    ? to.num.greaterThan(BAND_TOLERANCE.mul(to.den))
    : to.num.mul(from.den).greaterThan(from.num.mul(to.den));
}

/** The ledger arithmetic of a fill, unchecked: shares and cash move exactly, the anchor moves to the price. */
export function stateAfterFill(state: PositionState, fill: Fill): PositionState {
  const signed = fill.side === 'buy' ? fill.qty : fill.qty.neg();
  return {
    shares: state.shares.add(signed),
    cash: state.cash.sub(signed.mul(fill.price)).sub(fill.fee),
    anchor: fill.price,
  };
}
