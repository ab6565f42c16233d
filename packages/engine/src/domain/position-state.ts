import { approxNumber, type Decimal, HUNDRED, ONE, ZERO } from './decimal.js';

/** What one position holds: shares of its symbol, its own cash, and the anchor (the last fill price). */
export interface PositionState {
  readonly shares: Decimal;
  readonly cash: Decimal;
  readonly anchor: Decimal | null;
}

export type Side = 'buy' | 'sell';

/** The allocation band as fractions (0.25–0.75), derived from the percent parameters. */
export interface Band {
  readonly min: Decimal;
  readonly max: Decimal;
}

const bands = new WeakMap<Decimal, WeakMap<Decimal, Band>>();

/** The band of a parameter set; parameter values are shared immutable objects, so the result is memoised. */
export function bandOf(minStockPct: Decimal, maxStockPct: Decimal): Band {
  let byMax = bands.get(minStockPct);
  if (!byMax) {
    byMax = new WeakMap();
    bands.set(minStockPct, byMax);
  }
  let band = byMax.get(maxStockPct);
  if (!band) {
    band = { min: minStockPct.div(HUNDRED), max: maxStockPct.div(HUNDRED) };
    byMax.set(maxStockPct, band);
  }
  return band;
}

export function valueAt(shares: Decimal, cash: Decimal, price: Decimal): Decimal {
  return shares.mul(price).add(cash);
}

/** Stock share of the position value, 0 when the position is worth nothing (exact, for tests and reports). */
export function allocationAt(shares: Decimal, cash: Decimal, price: Decimal): Decimal {
  const stock = shares.mul(price);
  const value = stock.add(cash);
  return value.lessThanOrEqualTo(0) ? ZERO : stock.div(value);
}

/** The stock share as a float, for reports and the audit trail; decisions never use it. */
export function allocationApprox(shares: Decimal, cash: Decimal, price: Decimal): number {
  const stock = approxNumber(shares) * approxNumber(price);
  const value = stock + approxNumber(cash);
  return value > 0 ? stock / value : 0;
}

/** A band edge closer than this (as a fraction) is left to the exact comparison. */
const CERTAIN_MARGIN_ALLOC = 1e-9;

/**
 * True when floats prove the allocation lies inside the band, more than 1e-9 from both edges (shares and
 * cash non-negative, so no cancellation: float error stays below 1e-14). False means "decide exactly".
 */
export function isClearlyInsideBand(shares: Decimal, cash: Decimal, price: Decimal, band: Band): boolean {
  const q = approxNumber(shares);
  const c = approxNumber(cash);
  if (!(q >= 0 && c >= 0)) return false;
  const stock = q * approxNumber(price);
  const value = stock + c;
  if (!(value > 0)) return false;
  const alloc = stock / value;
  return (
    alloc > approxNumber(band.min) + CERTAIN_MARGIN_ALLOC &&
    alloc < approxNumber(band.max) - CERTAIN_MARGIN_ALLOC
  );
}

/** Where an allocation lies against the band, decided exactly by multiplication (no division). */
export function bandSide(
  shares: Decimal,
  cash: Decimal,
  price: Decimal,
  band: Band,
): 'below' | 'inside' | 'above' {
  const stock = shares.mul(price);
  const value = stock.add(cash);
  if (
    stock.lessThan(band.min.mul(value)) ||
    (value.lessThanOrEqualTo(0) && band.min.isPositive() && !band.min.isZero())
  )
    return 'below';
  if (stock.greaterThan(band.max.mul(value))) return 'above';
  return 'inside';
}

/** How far outside the band, as an exact fraction num/den (num 0 inside the band; den > 0). */
export function outsideBand(
  shares: Decimal,
  cash: Decimal,
  price: Decimal,
  band: Band,
): { num: Decimal; den: Decimal } {
  const stock = shares.mul(price);
  const value = stock.add(cash);
  if (value.lessThanOrEqualTo(0)) return { num: band.min, den: ONE };
  const below = band.min.mul(value).sub(stock);
  if (below.isPositive() && !below.isZero()) return { num: below, den: value };
  const above = stock.sub(band.max.mul(value));
  return above.isPositive() && !above.isZero() ? { num: above, den: value } : { num: ZERO, den: ONE };
}
