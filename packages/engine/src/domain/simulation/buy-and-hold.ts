import { Decimal, ONE, roundFee, roundQtyDown, ZERO } from '../decimal.js';

/** What buy-and-hold holds after its one buy. */
export interface BuyAndHold {
  readonly shares: Decimal;
  /** What the buy leaves: less than one share's worth and a commission's rounding. */
  readonly cash: Decimal;
  /** The shares bought with the cash (0 when there was none). */
  readonly bought: Decimal;
  readonly fee: Decimal;
}

/**
 * The benchmark of every simulation (DESIGN §9): the same starting value — shares and cash together —
 * all in stock at the first bar's close, then held. The shares are kept; the cash buys as many shares
 * as it can pay for at the same commission rate the strategy pays on every fill (quantity rounded down
 * to 6 decimals, fee rounded to 6 decimals half up, as any fill is). No other rule applies: no minimum
 * order, no band, no cap.
 */
export function buyAndHold(
  shares: Decimal,
  cash: Decimal,
  firstClose: Decimal,
  commissionRate: Decimal,
): BuyAndHold {
  if (!firstClose.isPositive() || firstClose.isZero())
    throw new RangeError('the first close must be positive');
  const perShare = firstClose.mul(ONE.add(commissionRate));
  let bought = cash.isZero() ? ZERO : roundQtyDown(cash.div(perShare));
  let fee = roundFee(bought.mul(firstClose).mul(commissionRate));
  // Rounding the fee half up can take the cost up to half a millionth past the cash: buy that much less.
  for (let over = bought.mul(firstClose).add(fee).sub(cash); over.isPositive() && !over.isZero(); ) {
    bought = Decimal.max(
      ZERO,
      bought.sub(over.div(perShare).toDecimalPlaces(6, Decimal.ROUND_UP).add('0.000001')),
    );
    fee = roundFee(bought.mul(firstClose).mul(commissionRate));
    over = bought.mul(firstClose).add(fee).sub(cash);
  }
  return { shares: shares.add(bought), cash: cash.sub(bought.mul(firstClose)).sub(fee), bought, fee };
}
