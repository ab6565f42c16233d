import type { PortfolioSummary } from '@ballast/contracts';
import { type Decimal, HUNDRED, ONE, ZERO } from '../../domain/decimal.js';
import type { PositionRecord, SymbolQuoteRecord } from '../records.js';

export interface PositionValuation {
  readonly price: Decimal | null;
  readonly priceAt: number | null;
  readonly value: Decimal | null;
  readonly allocationPct: number | null;
  readonly triggers: TriggerLevels | null;
}

/** Where the next trigger fires: the prices of step 4 of DESIGN §3.2, and how far the last price is from each. */
export interface TriggerLevels {
  readonly sellAt: Decimal;
  readonly buyAt: Decimal;
  /** (level − price) / price · 100, two decimals; null until there is a price. */
  readonly sellDistancePct: number | null;
  readonly buyDistancePct: number | null;
}

function triggerLevels(p: PositionRecord, price: Decimal | null): TriggerLevels | null {
  if (!p.anchor) return null;
  const sellAt = p.anchor.mul(ONE.add(p.params.trigger.upPct.div(HUNDRED)));
  const buyAt = p.anchor.mul(ONE.sub(p.params.trigger.downPct.div(HUNDRED)));
  const distance = (level: Decimal) =>
    price && !price.isZero() ? level.sub(price).div(price).mul(HUNDRED).toDecimalPlaces(2).toNumber() : null;
  return { sellAt, buyAt, sellDistancePct: distance(sellAt), buyDistancePct: distance(buyAt) };
}

/** Values a position at the last price seen for its symbol (none yet: no value, never a guess). */
export function valuePosition(p: PositionRecord, quote: SymbolQuoteRecord | undefined): PositionValuation {
  if (!quote)
    return { price: null, priceAt: null, value: null, allocationPct: null, triggers: triggerLevels(p, null) };
  const stock = p.shares.mul(quote.price);
  const value = stock.add(p.cash);
  const allocationPct = value.isZero() ? null : stock.div(value).mul(HUNDRED).toDecimalPlaces(2).toNumber();
  return {
    price: quote.price,
    priceAt: quote.quotedAt,
    value,
    allocationPct,
    triggers: triggerLevels(p, quote.price),
  };
}

/** Portfolio figures are sums over its positions; there is no separate portfolio cash. */
export function summarise(
  positions: readonly PositionRecord[],
  quotes: ReadonlyMap<string, SymbolQuoteRecord>,
): PortfolioSummary {
  let cash = ZERO;
  let invested = ZERO;
  let stock: Decimal | null = ZERO;
  for (const p of positions) {
    cash = cash.add(p.cash);
    invested = invested.add(p.invested);
    const quote = quotes.get(p.symbol);
    stock = stock && quote ? stock.add(p.shares.mul(quote.price)) : null;
  }
  const value = stock?.add(cash) ?? null;
  return {
    positions: positions.length,
    value: value?.toFixed(2) ?? null,
    cash: cash.toFixed(2),
    stock_value: stock?.toFixed(2) ?? null,
    allocation_pct:
      value && stock && !value.isZero() ? stock.div(value).mul(HUNDRED).toDecimalPlaces(2).toNumber() : null,
    invested: invested.toFixed(2),
    pnl: value ? value.sub(invested).toFixed(2) : null,
  };
}
