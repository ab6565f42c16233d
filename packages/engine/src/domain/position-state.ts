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

export function bandOf(minStockPct: Decimal, maxStockPct: Decimal): Band {
  return { min: minStockPct.div(HUNDRED), max: maxStockPct.div(HUNDRED) };
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
