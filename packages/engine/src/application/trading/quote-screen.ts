import { Decimal } from '../../domain/decimal.js';
import type { QuoteResult } from '../ports/market-data.js';
import type { SymbolQuoteRecord } from '../records.js';

/**
 * A price this far from the symbol's last one (up or down) is taken for a provider's mistake, not a
 * move: trading on it (or resetting the anchor to it) would be worse than skipping a cycle.
 */
export const ABSURD_FACTOR = 10;

/**
 * Turns a quote no engine should trade on into a failed quote with the reason: not a positive
 * finite number, or more than ABSURD_FACTOR times away from the last price the engine accepted.
 * The failure is then recorded in that position's PriceEvent, like any other.
 */
export function screenQuote(q: QuoteResult, last: SymbolQuoteRecord | undefined): QuoteResult {
  if (!q.ok) return q;
  const fail = (error: string): QuoteResult => ({ ok: false, symbol: q.symbol, error, provider: q.provider });
  if (!q.price.isFinite() || !q.price.isPositive() || q.price.isZero())
    return fail(`absurd price ${q.price.toFixed()}: not a positive number`);
  if (!last || last.price.isZero()) return q;
  const ratio = q.price.div(last.price);
  if (ratio.greaterThan(ABSURD_FACTOR) || ratio.lessThan(new Decimal(1).div(ABSURD_FACTOR)))
    return fail(
      `absurd price ${q.price.toFixed()}: ${ratio.greaterThan(1) ? `more than ${ABSURD_FACTOR}×` : `less than 1/${ABSURD_FACTOR} of`} the last price ${last.price.toFixed()}`,
    );
  return q;
}
