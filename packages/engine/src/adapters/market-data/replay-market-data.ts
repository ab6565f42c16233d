import type { Clock } from '../../application/ports/clock.js';
import type { Bar, BarInterval, MarketData, QuoteResult } from '../../application/ports/market-data.js';
import { Decimal } from '../../domain/decimal.js';
import type { Instant } from '../../domain/ids.js';
import type { BarSeries } from './bar-csv.js';

/** How far a replay has got: bars served so far out of the bars in the file. */
export interface ReplayPosition {
  readonly consumed: number;
  readonly total: number;
  readonly finished: boolean;
}

/** The rows of one symbol (or of the whole file without a symbol column) and how many were served. */
interface ReplayPath {
  readonly rows: Int32Array;
  consumed: number;
}

const PROVIDER = 'replay';

/**
 * `replay:<csv>`: a real price path played through the live engine, one bar per cycle. Every
 * `getQuotes` call is a cycle: it serves the next bar of every requested symbol, priced exactly from
 * the file's text, quoted at the clock's now (fresh for the engine) with the bar's own time as
 * `barTime`. Without a symbol column the file is one path, served for whatever symbols are asked;
 * with one, each symbol plays its own rows. A file that has run out answers "replay finished".
 */
export class ReplayMarketData implements MarketData {
  readonly name = PROVIDER;
  private readonly single: ReplayPath | null;
  private readonly bySymbol: ReadonlyMap<string, ReplayPath>;

  constructor(
    private readonly series: BarSeries,
    private readonly clock: Clock,
    /** Names the data in messages, e.g. the file name. */
    readonly source = 'the replay file',
  ) {
    this.single =
      series.symbols === null
        ? { rows: Int32Array.from({ length: series.length }, (_, i) => i), consumed: 0 }
        : null;
    this.bySymbol = series.symbols === null ? new Map() : pathsBySymbol(series.symbols);
  }

  async getQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    const now = this.clock.now();
    const served = new Map<string, QuoteResult>();
    const singleRow = this.single !== null && symbols.length > 0 ? nextRow(this.single) : -1;
    return symbols.map((symbol) => {
      const known = served.get(symbol);
      if (known !== undefined) return known;
      const quote = this.quote(symbol, this.single === null ? this.nextRowOf(symbol) : singleRow, now);
      served.set(symbol, quote);
      return quote;
    });
  }

  /**
   * The latest bar of each symbol without moving on: the bar the last cycle served, or the first bar
   * before any cycle (the price the replay opens at); after the end, the file's last bar.
   */
  async peekQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    const now = this.clock.now();
    return symbols.map((symbol) => {
      const path = this.pathOf(symbol);
      const row = path === undefined ? undefined : (path.rows[Math.max(path.consumed - 1, 0)] ?? -1);
      return this.quote(symbol, row, now);
    });
  }

  /**
   * The bars of `symbol` with `from <= time <= to`, as they are in the file: `interval` is not
   * applied, a replay has exactly the file's bars. Throws for a symbol the file does not have.
   */
  async getBars(symbol: string, from: Instant, to: Instant, _interval: BarInterval): Promise<Bar[]> {
    const path = this.pathOf(symbol);
    if (path === undefined) throw new Error(this.unknown(symbol));
    const bars: Bar[] = [];
    for (let i = firstAtOrAfter(this.series.times, path.rows, from); i < path.rows.length; i++) {
      const row = path.rows[i]!;
      if (this.series.times[row]! > to) break;
      bars.push({ time: this.series.times[row]!, close: new Decimal(this.series.closeText[row]!) });
    }
    return bars;
  }

  /** Bars served so far: of one symbol, or of the whole file when no symbol is given. */
  position(symbol?: string): ReplayPosition {
    const paths =
      symbol === undefined ? this.allPaths() : [this.pathOf(symbol)].filter((p) => p !== undefined);
    const consumed = paths.reduce((sum, path) => sum + path.consumed, 0);
    const total = paths.reduce((sum, path) => sum + path.rows.length, 0);
    return { consumed, total, finished: consumed === total };
  }

  private quote(symbol: string, row: number | undefined, now: Instant): QuoteResult {
    if (row === undefined) return { ok: false, symbol, error: this.unknown(symbol), provider: PROVIDER };
    if (row < 0)
      return {
        ok: false,
        symbol,
        error: `replay finished: no more bars in ${this.source}`,
        provider: PROVIDER,
      };
    const price = new Decimal(this.series.closeText[row]!);
    return { ok: true, symbol, price, quotedAt: now, provider: PROVIDER, barTime: this.series.times[row]! };
  }

  /** The next row of the symbol's own path, -1 when it is exhausted, undefined for an unknown symbol. */
  private nextRowOf(symbol: string): number | undefined {
    const path = this.bySymbol.get(symbol);
    return path === undefined ? undefined : nextRow(path);
  }

  private pathOf(symbol: string): ReplayPath | undefined {
    return this.single ?? this.bySymbol.get(symbol);
  }

  private allPaths(): ReplayPath[] {
    return this.single === null ? [...this.bySymbol.values()] : [this.single];
  }

  private unknown(symbol: string): string {
    return `unknown symbol ${symbol}: not in ${this.source}`;
  }
}

function nextRow(path: ReplayPath): number {
  if (path.consumed >= path.rows.length) return -1;
  return path.rows[path.consumed++]!;
}

function pathsBySymbol(symbols: readonly string[]): Map<string, ReplayPath> {
  const rows = new Map<string, number[]>();
  symbols.forEach((symbol, row) => {
    const list = rows.get(symbol);
    if (list === undefined) rows.set(symbol, [row]);
    else list.push(row);
  });
  return new Map([...rows].map(([symbol, list]) => [symbol, { rows: Int32Array.from(list), consumed: 0 }]));
}

/** Index into `rows` of the first row whose time is at or after `from` (rows are in time order). */
function firstAtOrAfter(times: Float64Array, rows: Int32Array, from: Instant): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[rows[mid]!]! < from) low = mid + 1;
    else high = mid;
  }
  return low;
}
