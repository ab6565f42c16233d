import type { Bar, BarInterval, MarketData, QuoteResult } from '../../application/ports/market-data.js';
import type { QuoteRepository } from '../../application/ports/store.js';
import type { Instant } from '../../domain/ids.js';

/**
 * Current prices as the trading cycles last saw them (stored per symbol), falling back to the market
 * itself for a symbol no cycle has priced yet. For a process that reads and configures but does not
 * trade, so that looking at a price never advances (or restarts) a replay.
 */
export class LastSeenMarketData implements MarketData {
  readonly name: string;

  constructor(
    private readonly market: MarketData,
    private readonly quotes: QuoteRepository,
  ) {
    this.name = market.name;
  }

  getQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    return this.peekQuotes(symbols);
  }

  async peekQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    const seen = await this.quotes.getMany(symbols);
    const missing = symbols.filter((s) => !seen.has(s));
    const fallback = new Map(
      (missing.length > 0 ? await this.market.peekQuotes(missing) : []).map((q) => [q.symbol, q]),
    );
    return symbols.map((symbol) => {
      const q = seen.get(symbol);
      if (q) return { ok: true, symbol, price: q.price, quotedAt: q.quotedAt, provider: q.provider };
      return fallback.get(symbol) ?? { ok: false, symbol, error: 'no price yet', provider: this.name };
    });
  }

  getBars(symbol: string, from: Instant, to: Instant, interval: BarInterval): Promise<Bar[]> {
    return this.market.getBars(symbol, from, to, interval);
  }
}
