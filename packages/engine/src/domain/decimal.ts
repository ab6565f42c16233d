import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal type of the ledger. A private clone of decimal.js so no other library can change
 * its precision or rounding. 40 significant digits hold any realistic cash balance with every
 * fractional digit a fill can produce (6-decimal quantities times 4-decimal prices).
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

/**
 * For quotients that only size an order (later rounded to 6 decimals): 20 significant digits are far
 * more than a quantity needs, and keep the digit strings — and every multiplication after — short.
 */
export const SizingDecimal = Decimal.clone({ precision: 20 });

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

/** Shares are held to 6 decimals; an order quantity is rounded to the nearest, half up. */
export const QTY_DECIMALS = 6;
/** Commissions are charged to 6 decimals, half up. */
export const FEE_DECIMALS = 6;

const DECIMAL_TEXT = /^-?(?:\d+)(?:\.\d+)?$/;

/** Parses a decimal string from the wire or the database; throws on anything else. */
export function parseDecimal(text: string): Decimal {
  if (!DECIMAL_TEXT.test(text)) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  return new Decimal(text);
}

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

export function roundQty(qty: Decimal): Decimal {
  return qty.toDecimalPlaces(QTY_DECIMALS, Decimal.ROUND_HALF_UP);
}

export function roundQtyDown(qty: Decimal): Decimal {
  return qty.toDecimalPlaces(QTY_DECIMALS, Decimal.ROUND_DOWN);
}

export function roundFee(fee: Decimal): Decimal {
  return fee.toDecimalPlaces(FEE_DECIMALS, Decimal.ROUND_HALF_UP);
}

type DecimalInternals = { d: number[] | null; e: number; s: number };

/** Correctly rounded powers of ten (parsing "1e23" rounds correctly; `10 ** 23` may not). */
const POWERS_OF_TEN = new Map<number, number>();
function powerOfTen(k: number): number {
  let p = POWERS_OF_TEN.get(k);
  if (p === undefined) {
    p = Number(`1e${k}`);
    POWERS_OF_TEN.set(k, p);
  }
  return p;
}

/**
 * A decimal as a float, within a few parts in 10^15: read straight from decimal.js's base-10⁷ digit words
 * instead of through a string (`toNumber`), ten times faster. For the float fast paths only, which
 * decide nothing within 1e-9 of a threshold (docs/decisions/0002-float-fast-paths-with-exact-fallback.md).
 */
export function approxNumber(value: Decimal): number {
  const { d, e, s } = value as unknown as DecimalInternals;
  if (d === null) return value.toNumber();
  const first = d[0]!;
  if (first === 0) return 0;
  const firstDigits =
    first >= 1e6
      ? 7
      : first >= 1e5
        ? 6
        : first >= 1e4
          ? 5
          : first >= 1e3
            ? 4
            : first >= 100
              ? 3
              : first >= 10
                ? 2
                : 1;
  // Four words hold at least 22 significant digits, beyond what a double keeps.
  const mantissa = first + (d[1] ?? 0) / 1e7 + (d[2] ?? 0) / 1e14 + (d[3] ?? 0) / 1e21;
  return s * mantissa * powerOfTen(e - firstDigits + 1);
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}
