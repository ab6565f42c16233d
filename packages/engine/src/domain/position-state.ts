import { type Decimal, HUNDRED, ZERO } from './decimal.js';

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

/** Stock share of the position value, 0 when the position is worth nothing. */
export function allocationAt(shares: Decimal, cash: Decimal, price: Decimal): Decimal {
  const stock = shares.mul(price);
  const value = stock.add(cash);
  return value.lessThanOrEqualTo(0) ? ZERO : stock.div(value);
}

/** How far an allocation lies outside the band (0 inside it). */
export function distanceOutsideBand(alloc: Decimal, band: Band): Decimal {
  if (alloc.lessThan(band.min)) return band.min.sub(alloc);
  if (alloc.greaterThan(band.max)) return alloc.sub(band.max);
  return ZERO;
}
