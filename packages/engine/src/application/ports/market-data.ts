import type { Decimal } from '../../domain/decimal.js';
import type { Instant } from '../../domain/ids.js';

/** A price for one symbol, or the reason there is none. */
export type QuoteResult =
  | {
      readonly ok: true;
      readonly symbol: string;
      readonly price: Decimal;
      readonly quotedAt: Instant;
      readonly provider: string;
      readonly barTime?: Instant;
    }
  | { readonly ok: false; readonly symbol: string; readonly error: string; readonly provider: string };

export interface Bar {
  readonly time: Instant;
  readonly close: Decimal;
}

export type BarInterval = '1m' | '5m' | '30m' | '1h' | '1d';

/** Where prices come from. One `getQuotes` call per cycle covers every distinct symbol. */
export interface MarketData {
  readonly name: string;
  getQuotes(symbols: readonly string[]): Promise<QuoteResult[]>;
  /** The latest prices without moving anything forward (a replay does not advance a bar). */
  peekQuotes(symbols: readonly string[]): Promise<QuoteResult[]>;
  getBars(symbol: string, from: Instant, to: Instant, interval: BarInterval): Promise<Bar[]>;
}
