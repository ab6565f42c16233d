import { describe, expect, it } from 'vitest';
import type { QuoteResult } from '../../application/ports/market-data.js';
import {
  SIMULATION_EPOCH,
  SimulatedMarketData,
  simulatedPriceAt,
  simulatedSymbolProfile,
} from './simulated-market-data.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A Monday afternoon, years after the simulation epoch. */
const MONDAY = Date.UTC(2025, 5, 2, 14, 30);

/** A clock the test moves by hand. */
function testClock(start = MONDAY) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

function price(quote: QuoteResult | undefined): number {
  if (quote === undefined || !quote.ok) throw new Error(`expected a price, got ${JSON.stringify(quote)}`);
  return quote.price.toNumber();
}

async function priceTextsAt(
  market: SimulatedMarketData,
  clock: { t: number },
  at: number,
  symbols: string[],
) {
  clock.t = at;
  return (await market.getQuotes(symbols)).map((quote) => (quote.ok ? quote.price.toFixed(4) : quote.error));
}

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
}

async function oneMinuteLogReturns(
  market: SimulatedMarketData,
  symbol: string,
  from: number,
  minutes: number,
) {
  const bars = await market.getBars(symbol, from, from + minutes * MINUTE, '1m');
  return bars.slice(1).map((bar, i) => Math.log(bar.close.toNumber() / bars[i]!.close.toNumber()));
}

const TWENTY = Array.from({ length: 20 }, (_, i) => `DEMO${i}`);

describe('SimulatedMarketData', () => {
  it('quotes an exact 4-decimal price, fresh at the clock, and starts every symbol at its base price', async () => {
    const clock = testClock(SIMULATION_EPOCH);
    const market = new SimulatedMarketData(clock);

    const [quote] = await market.getQuotes(['AAPL']);
    if (!quote?.ok) throw new Error('expected a price');
    expect(quote).toMatchObject({ symbol: 'AAPL', quotedAt: SIMULATION_EPOCH, provider: 'simulated' });
    expect(quote.price.decimalPlaces()).toBeLessThanOrEqual(4);
    expect(quote.price.toFixed(4)).toBe(simulatedSymbolProfile('AAPL').basePrice.toFixed(4));

    clock.t = MONDAY;
    const [later] = await market.getQuotes(['AAPL']);
    expect(later).toMatchObject({ quotedAt: MONDAY });
    expect(price(later)).not.toBe(price(quote));
  });

  it('peeks at the same price it quotes: a simulated market has nothing to move on', async () => {
    const market = new SimulatedMarketData(testClock());

    expect(await market.peekQuotes(['SPY', 'bad symbol'])).toEqual(
      await market.getQuotes(['SPY', 'bad symbol']),
    );
  });

  it('is the same market in two processes: same seed, symbol and instant give the same price', async () => {
    const [clockA, clockB] = [testClock(), testClock()];
    const a = new SimulatedMarketData(clockA, { seed: 'demo' });
    const b = new SimulatedMarketData(clockB, { seed: 'demo' });
    const other = new SimulatedMarketData(testClock(), { seed: 'another seed' });

    for (const at of [MONDAY, MONDAY + 1234, MONDAY + 90 * DAY]) {
      const fromA = await priceTextsAt(a, clockA, at, ['SPY', 'TLT']);
      expect(await priceTextsAt(b, clockB, at, ['SPY', 'TLT'])).toEqual(fromA);
      expect(fromA[0]).toBe(simulatedPriceAt('SPY', at, 'demo').toFixed(4));
    }
    clockA.t = MONDAY;
    expect(await other.getQuotes(['SPY'])).not.toEqual(await a.getQuotes(['SPY']));
  });

  it('gives each symbol its own path', async () => {
    const market = new SimulatedMarketData(testClock());

    const prices = (await market.getQuotes(TWENTY)).map(price);
    expect(new Set(prices).size).toBe(20);
    const [spy, qqq] = await Promise.all(
      ['SPY', 'QQQ'].map((s) => market.getBars(s, MONDAY, MONDAY + HOUR, '1m')),
    );
    const moves = (bars: typeof spy) =>
      bars!.slice(1).map((bar, i) => Math.sign(bar.close.cmp(bars![i]!.close)));
    expect(moves(spy)).not.toEqual(moves(qqq));
  });

  it('does not depend on the order it is asked in: t2 then t1 gives what t1 then t2 gives', async () => {
    const instants = [
      MONDAY,
      MONDAY + 1000,
      MONDAY + 61_500,
      MONDAY - 400 * DAY,
      SIMULATION_EPOCH - HOUR,
      MONDAY + 9e11,
    ];
    const [clockA, clockB] = [testClock(), testClock()];
    const forward = new SimulatedMarketData(clockA);
    const backward = new SimulatedMarketData(clockB);

    const ahead: string[][] = [];
    for (const at of instants) ahead.push(await priceTextsAt(forward, clockA, at, ['SPY', 'GLD']));
    const behind: string[][] = [];
    for (const at of [...instants].reverse())
      behind.unshift(await priceTextsAt(backward, clockB, at, ['SPY', 'GLD']));
    expect(behind).toEqual(ahead);
  });

  it('moves 1–2 % per √minute: the spread of one-minute log returns matches each symbol', async () => {
    const market = new SimulatedMarketData(testClock(), { seed: 'statistics' });

    for (const symbol of TWENTY.slice(0, 8)) {
      const { volatilityPerSqrtMinute } = simulatedSymbolProfile(symbol, 'statistics');
      const spread = standardDeviation(await oneMinuteLogReturns(market, symbol, MONDAY, 3 * 24 * 60));
      expect(spread).toBeGreaterThan(0.01 * 0.9);
      expect(spread).toBeLessThan(0.02 * 1.1);
      expect(spread / volatilityPerSqrtMinute).toBeCloseTo(1, 1);
    }
  });

  it('is a random walk: returns do not repeat each other, and variance grows with time', async () => {
    const market = new SimulatedMarketData(testClock(), { seed: 'statistics' });

    const returns = await oneMinuteLogReturns(market, 'WALK', MONDAY, 4 * 24 * 60);
    const lagged = returns.slice(1).reduce((sum, r, i) => sum + r * returns[i]!, 0);
    const autocorrelation = lagged / returns.reduce((sum, r) => sum + r * r, 0);
    expect(Math.abs(autocorrelation)).toBeLessThan(0.05);

    const sixteenMinutes = Array.from({ length: returns.length / 16 }, (_, k) =>
      returns.slice(16 * k, 16 * k + 16).reduce((sum, r) => sum + r, 0),
    );
    const ratio = (standardDeviation(sixteenMinutes) / standardDeviation(returns)) ** 2;
    expect(ratio).toBeGreaterThan(16 * 0.8);
    expect(ratio).toBeLessThan(16 * 1.2);
  });

  it('keeps every price within a factor 4 of the base, hourly over five years, while roaming that band', async () => {
    const market = new SimulatedMarketData(testClock());

    for (const symbol of ['SPY', 'BTC-USD']) {
      const { basePrice, minPrice, maxPrice } = simulatedSymbolProfile(symbol);
      const closes = (await market.getBars(symbol, MONDAY, MONDAY + 5 * 365 * DAY, '1h')).map((b) =>
        b.close.toNumber(),
      );
      expect(closes).toHaveLength(5 * 365 * 24 + 1);
      expect(Math.min(...closes)).toBeGreaterThanOrEqual(minPrice);
      expect(Math.max(...closes)).toBeLessThanOrEqual(maxPrice);
      expect(Math.min(...closes)).toBeLessThan(basePrice / 3);
      expect(Math.max(...closes)).toBeGreaterThan(basePrice * 3);
    }
  });

  it('trades visibly within minutes: most of 20 symbols move ±3 % within 10 minutes', async () => {
    const clock = testClock();
    const market = new SimulatedMarketData(clock);
    const start = (await market.getQuotes(TWENTY)).map(price);
    const moved = new Set<string>();

    for (clock.t = MONDAY; clock.t <= MONDAY + 10 * MINUTE; clock.t += 5_000) {
      const quotes = await market.getQuotes(TWENTY);
      quotes.forEach((quote, i) => {
        if (Math.abs(price(quote) / start[i]! - 1) >= 0.03) moved.add(quote.symbol);
      });
    }
    expect(moved.size).toBeGreaterThanOrEqual(15);
  });

  it('answers a bad symbol with an error result and still prices the others', async () => {
    const market = new SimulatedMarketData(testClock());

    const quotes = await market.getQuotes(['SPY', 'BAD SYMBOL', '', 'X'.repeat(33), 'BRK.B', 'ÄPFEL']);
    expect(quotes.map((quote) => quote.ok)).toEqual([true, false, false, false, true, false]);
    expect(quotes[1]).toMatchObject({ symbol: 'BAD SYMBOL', provider: 'simulated' });
    expect(quotes[1]?.ok === false && quotes[1].error).toMatch(/^unknown symbol "BAD SYMBOL"/);
    expect(quotes[0]).toEqual((await market.getQuotes(['SPY']))[0]);
  });

  it('samples bars every interval from `from` up to and including `to`, on the same path as the quotes', async () => {
    const clock = testClock();
    const market = new SimulatedMarketData(clock);

    const hourly = await market.getBars('SPY', MONDAY, MONDAY + DAY, '1h');
    expect(hourly).toHaveLength(25);
    expect(hourly.map((bar) => bar.time - MONDAY)).toEqual(Array.from({ length: 25 }, (_, i) => i * HOUR));
    expect(await market.getBars('SPY', MONDAY, MONDAY + 62 * MINUTE, '5m')).toHaveLength(13);
    expect(await market.getBars('SPY', MONDAY, MONDAY - 1, '1d')).toEqual([]);

    for (const bar of hourly.slice(0, 3)) {
      clock.t = bar.time;
      const [quote] = await market.getQuotes(['SPY']);
      expect(quote?.ok && quote.price.toFixed()).toBe(bar.close.toFixed());
    }
  });

  it('refuses a bar request that is too large or names a bad symbol', async () => {
    const market = new SimulatedMarketData(testClock());

    await expect(market.getBars('SPY', MONDAY, MONDAY + 2 * 365 * DAY, '1m')).rejects.toThrow(
      /at most 1000000/,
    );
    await expect(market.getBars('no such symbol', MONDAY, MONDAY + DAY, '1h')).rejects.toThrow(
      /unknown symbol/,
    );
  });

  it('gives every symbol a base price of 20–500 and a volatility of 1–2 % per √minute', () => {
    const profiles = Array.from({ length: 500 }, (_, i) => simulatedSymbolProfile(`S${i}`));

    for (const { basePrice, volatilityPerSqrtMinute, volatilityPerSqrtSecond } of profiles) {
      expect(basePrice).toBeGreaterThanOrEqual(20);
      expect(basePrice).toBeLessThanOrEqual(500);
      expect(volatilityPerSqrtMinute).toBeGreaterThanOrEqual(0.01);
      expect(volatilityPerSqrtMinute).toBeLessThanOrEqual(0.02);
      expect(volatilityPerSqrtSecond * Math.sqrt(60)).toBeCloseTo(volatilityPerSqrtMinute, 12);
    }
    expect(Math.min(...profiles.map((p) => p.basePrice))).toBeLessThan(25);
    expect(Math.max(...profiles.map((p) => p.basePrice))).toBeGreaterThan(450);
  });
});
