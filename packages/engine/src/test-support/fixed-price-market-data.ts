import type { Clock } from '../application/ports/clock.js';
import type { Bar, MarketData, QuoteResult } from '../application/ports/market-data.js';
import { Decimal } from '../domain/decimal.js';

/** A market whose prices the test sets by hand; symbols without a price (or marked failing) fail. */
export class FixedPriceMarketData implements MarketData {
  readonly name = 'fixed';
  readonly calls: string[][] = [];
  private readonly prices = new Map<string, Decimal>();
  private readonly failing = new Map<string, string>();

  constructor(private readonly clock: Clock) {}

  set(symbol: string, price: string | number): this {
    this.prices.set(symbol, new Decimal(price));
    this.failing.delete(symbol);
    return this;
  }

  fail(symbol: string, error: string): this {
    this.failing.set(symbol, error);
    return this;
  }

  async getQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    this.calls.push([...symbols]);
    return this.peekQuotes(symbols);
  }

  async peekQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    return symbols.map((symbol) => {
      const error = this.failing.get(symbol);
      const price = this.prices.get(symbol);
      if (error !== undefined || !price)
        return { ok: false, symbol, error: error ?? 'no price set', provider: this.name };
      return { ok: true, symbol, price, quotedAt: this.clock.now(), provider: this.name };
    });
  }

  async getBars(): Promise<Bar[]> {
    return [];
  }
}
