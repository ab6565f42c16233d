import type { Clock } from '../../application/ports/clock.js';
import type { Bar, BarInterval, MarketData, QuoteResult } from '../../application/ports/market-data.js';
import { Decimal } from '../../domain/decimal.js';
import type { Instant } from '../../domain/ids.js';
import { BrownianPath, reflect, uniformAt, walkKey } from './random-walk.js';

/** Time zero of every simulated path: 2020-01-01T00:00:00Z. The walk runs both ways from here. */
export const SIMULATION_EPOCH: Instant = Date.UTC(2020, 0, 1);
export const DEFAULT_SIMULATION_SEED = 'ballast';
/** The log price is reflected at ±ln 4 around the base: prices stay within [base / 4, base · 4]. */
export const PRICE_BAND_FACTOR = 4;
export const MAX_SIMULATED_BARS = 1_000_000;

const PROVIDER = 'simulated';
const SYMBOL_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
const LOG_BAND = Math.log(PRICE_BAND_FACTOR);
const [MIN_BASE, MAX_BASE] = [20, 500];
const [MIN_VOL_PER_SQRT_MINUTE, MAX_VOL_PER_SQRT_MINUTE] = [0.01, 0.02];
const INTERVAL_MS: Readonly<Record<BarInterval, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};
/** The walk draws at points 1..2^36 on streams 0 and 1; point 0 on streams 8 and 9 picks the profile. */
const PROFILE_POINT = 0;
const [BASE_STREAM, VOLATILITY_STREAM] = [8, 9];
const CACHE_LIMIT = 10_000;

/** What a simulated symbol is: where its price is centred and how fast it moves. */
export interface SimulatedSymbolProfile {
  readonly symbol: string;
  /** The price at the simulation epoch and the centre of its band, 20–500 (log-uniform, in cents). */
  readonly basePrice: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  /** Standard deviation of the log price over one minute: 0.01–0.02. */
  readonly volatilityPerSqrtMinute: number;
  readonly volatilityPerSqrtSecond: number;
}

interface SymbolPath extends SimulatedSymbolProfile {
  readonly walk: BrownianPath;
}

export function isSimulatedSymbol(symbol: string): boolean {
  return SYMBOL_PATTERN.test(symbol);
}

/** The base price and volatility of a symbol under a seed; the same everywhere, forever. */
export function simulatedSymbolProfile(
  symbol: string,
  seed = DEFAULT_SIMULATION_SEED,
): SimulatedSymbolProfile {
  const { walk, ...profile } = symbolPath(symbol, seed);
  return profile;
}

/** The simulated price, unrounded, of a symbol at an instant: a pure function of seed, symbol and time. */
export function simulatedPriceAt(symbol: string, at: Instant, seed = DEFAULT_SIMULATION_SEED): number {
  return priceOf(symbolPath(symbol, seed), at);
}

/**
 * A deterministic, seeded random walk per symbol that moves in real time, so a fresh install trades
 * visibly within minutes. Each symbol's log price is a Brownian motion at one-second resolution
 * (1–2 % per √minute), reflected to stay within a factor 4 of its base. Two processes, or one
 * restarted, see the same price at the same instant: no state but a cache.
 */
export class SimulatedMarketData implements MarketData {
  readonly name = PROVIDER;
  readonly seed: string;
  private readonly paths = new Map<string, SymbolPath>();

  constructor(
    private readonly clock: Clock,
    options: { readonly seed?: string } = {},
  ) {
    this.seed = options.seed ?? DEFAULT_SIMULATION_SEED;
  }

  async getQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    const now = this.clock.now();
    return symbols.map((symbol): QuoteResult => {
      if (!isSimulatedSymbol(symbol))
        return { ok: false, symbol, error: unknownSymbol(symbol), provider: PROVIDER };
      const price = roundedPrice(priceOf(this.path(symbol), now));
      return { ok: true, symbol, price, quotedAt: now, provider: PROVIDER };
    });
  }

  /** The same as `getQuotes`: a simulated market has nothing to move on, its price is a function of time. */
  async peekQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    return this.getQuotes(symbols);
  }

  /** The same path sampled every `interval` from `from` up to and including `to`. */
  async getBars(symbol: string, from: Instant, to: Instant, interval: BarInterval): Promise<Bar[]> {
    if (!isSimulatedSymbol(symbol)) throw new Error(unknownSymbol(symbol));
    if (!Number.isFinite(from) || !Number.isFinite(to))
      throw new Error(`bar range must be finite: ${from}..${to}`);
    const step = INTERVAL_MS[interval];
    const count = to < from ? 0 : Math.floor((to - from) / step) + 1;
    if (count > MAX_SIMULATED_BARS) {
      throw new Error(
        `${count} ${interval} bars requested for ${symbol}; at most ${MAX_SIMULATED_BARS} per call`,
      );
    }
    const path = this.path(symbol);
    return Array.from({ length: count }, (_, i) => {
      const time = from + i * step;
      return { time, close: roundedPrice(priceOf(path, time)) };
    });
  }

  private path(symbol: string): SymbolPath {
    let path = this.paths.get(symbol);
    if (path === undefined) {
      if (this.paths.size >= CACHE_LIMIT) this.paths.clear();
      path = symbolPath(symbol, this.seed);
      this.paths.set(symbol, path);
    }
    return path;
  }
}

function symbolPath(symbol: string, seed: string): SymbolPath {
  const key = walkKey(seed, symbol);
  const uBase = uniformAt(key, PROFILE_POINT, BASE_STREAM);
  const uVolatility = uniformAt(key, PROFILE_POINT, VOLATILITY_STREAM);
  const basePrice = Math.round(MIN_BASE * (MAX_BASE / MIN_BASE) ** uBase * 100) / 100;
  const perMinute =
    MIN_VOL_PER_SQRT_MINUTE + (MAX_VOL_PER_SQRT_MINUTE - MIN_VOL_PER_SQRT_MINUTE) * uVolatility;
  return {
    symbol,
    walk: new BrownianPath(key),
    basePrice,
    minPrice: basePrice / PRICE_BAND_FACTOR,
    maxPrice: basePrice * PRICE_BAND_FACTOR,
    volatilityPerSqrtMinute: perMinute,
    volatilityPerSqrtSecond: perMinute / Math.sqrt(60),
  };
}

function priceOf(path: SymbolPath, at: Instant): number {
  const logOffset = path.volatilityPerSqrtSecond * path.walk.at((at - SIMULATION_EPOCH) / 1000);
  return path.basePrice * Math.exp(reflect(logOffset, LOG_BAND));
}

function roundedPrice(price: number): Decimal {
  return new Decimal(price.toFixed(4));
}

function unknownSymbol(symbol: string): string {
  return `unknown symbol ${JSON.stringify(symbol)}: a simulated symbol is 1–32 characters of A–Z a–z 0–9 . _ -`;
}
