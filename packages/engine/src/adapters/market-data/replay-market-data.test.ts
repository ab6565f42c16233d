import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { QuoteResult } from '../../application/ports/market-data.js';
import { parseBarCsv, readBarCsvFile } from './bar-csv.js';
import { ReplayMarketData } from './replay-market-data.js';

const DAX_CSV = fileURLToPath(new URL('../../../../../data-samples/eustock-dax.csv', import.meta.url));
const START = Date.UTC(2025, 0, 6, 9);

/** A clock the test moves by hand. */
function testClock(start = START) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

function priceText(quote: QuoteResult | undefined): string {
  if (quote === undefined || !quote.ok) throw new Error(`expected a price, got ${JSON.stringify(quote)}`);
  return quote.price.toFixed();
}

const TWO_SYMBOLS = [
  'timestamp,symbol,close',
  '2024-01-02T21:00:00Z,SPY,470.10',
  '2024-01-02T21:00:00Z,TLT,98.2',
  '2024-01-03T21:00:00Z,SPY,468.90',
  '2024-01-04T21:00:00Z,SPY,467.00',
].join('\n');

describe('ReplayMarketData', () => {
  it('plays the DAX one bar per cycle, for every symbol asked, quoted now with the bar time', async () => {
    const clock = testClock();
    const market = new ReplayMarketData(await readBarCsvFile(DAX_CSV), clock, 'eustock-dax.csv');

    const [dax, other] = await market.getQuotes(['DAX', 'ANY']);
    expect(priceText(dax)).toBe('1628.75');
    expect(priceText(other)).toBe('1628.75');
    expect(dax).toMatchObject({ quotedAt: START, barTime: Date.UTC(1991, 6, 1, 16), provider: 'replay' });

    clock.t += 60_000;
    const [next] = await market.getQuotes(['DAX']);
    expect(priceText(next)).toBe('1613.63');
    expect(next).toMatchObject({ quotedAt: START + 60_000, barTime: Date.UTC(1991, 6, 2, 16) });
    expect(market.position()).toEqual({ consumed: 2, total: 1860, finished: false });
  });

  it('says the replay is finished once the last bar has been played', async () => {
    const market = new ReplayMarketData(await readBarCsvFile(DAX_CSV), testClock(), 'eustock-dax.csv');

    let last: QuoteResult | undefined;
    for (let cycle = 0; cycle < 1860; cycle++) [last] = await market.getQuotes(['DAX']);
    expect(priceText(last)).toBe('5473.72');
    expect(market.position()).toEqual({ consumed: 1860, total: 1860, finished: true });

    const [after] = await market.getQuotes(['DAX']);
    expect(after).toEqual({
      ok: false,
      symbol: 'DAX',
      error: 'replay finished: no more bars in eustock-dax.csv',
      provider: 'replay',
    });
  });

  it('lets anyone peek at the latest bar without moving the replay on', async () => {
    const market = new ReplayMarketData(await readBarCsvFile(DAX_CSV), testClock());

    expect((await market.peekQuotes(['DAX'])).map(priceText)).toEqual(['1628.75']);
    expect(market.position().consumed).toBe(0);
    await market.getQuotes(['DAX']);
    await market.getQuotes(['DAX']);
    for (let peek = 0; peek < 3; peek++)
      expect((await market.peekQuotes(['DAX', 'X'])).map(priceText)).toEqual(['1613.63', '1613.63']);
    expect(market.position().consumed).toBe(2);
    expect((await market.getQuotes(['DAX'])).map(priceText)).toEqual(['1606.51']);
  });

  it('after the end, a peek still shows the last bar', async () => {
    const market = new ReplayMarketData(parseBarCsv(TWO_SYMBOLS), testClock(), 'two.csv');

    await market.getQuotes(['SPY', 'TLT']);
    await market.getQuotes(['SPY', 'TLT']);
    const [spy, tlt, gld] = await market.peekQuotes(['SPY', 'TLT', 'GLD']);
    expect(priceText(spy)).toBe('468.9');
    expect(tlt).toMatchObject({ ok: true, barTime: Date.UTC(2024, 0, 2, 21) });
    expect(gld).toMatchObject({ ok: false, error: 'unknown symbol GLD: not in two.csv' });
  });

  it('prices exactly from the text of the file, never through a float', async () => {
    const csv = 'timestamp,close\n2024-01-01,0.1\n2024-01-02,0.2\n2024-01-03,123456789.123456789123';
    const market = new ReplayMarketData(parseBarCsv(csv), testClock());

    const [first] = await market.getQuotes(['X']);
    const [second] = await market.getQuotes(['X']);
    const [third] = await market.getQuotes(['X']);
    if (!first?.ok || !second?.ok) throw new Error('expected prices');
    expect(first.price.plus(second.price).toFixed()).toBe('0.3');
    expect(priceText(third)).toBe('123456789.123456789123');
  });

  it('does not move on for a cycle that asks for nothing, and serves a symbol asked twice once', async () => {
    const market = new ReplayMarketData(await readBarCsvFile(DAX_CSV), testClock());

    await market.getQuotes([]);
    const [a, b] = await market.getQuotes(['DAX', 'DAX']);
    expect(priceText(a)).toBe('1628.75');
    expect(b).toBe(a);
    expect(market.position().consumed).toBe(1);
  });

  it('with a symbol column, plays each symbol along its own rows and finishes them one by one', async () => {
    const market = new ReplayMarketData(parseBarCsv(TWO_SYMBOLS), testClock(), 'two.csv');

    const first = await market.getQuotes(['SPY', 'TLT']);
    expect(first.map(priceText)).toEqual(['470.1', '98.2']);
    expect(first[0]).toMatchObject({ barTime: Date.UTC(2024, 0, 2, 21) });

    const [spy, tlt] = await market.getQuotes(['SPY', 'TLT']);
    expect(priceText(spy)).toBe('468.9');
    expect(tlt).toMatchObject({ ok: false, error: 'replay finished: no more bars in two.csv' });
    expect(market.position('SPY')).toEqual({ consumed: 2, total: 3, finished: false });
    expect(market.position('TLT')).toEqual({ consumed: 1, total: 1, finished: true });
  });

  it('answers a symbol the file does not have with an error, and still serves the others', async () => {
    const market = new ReplayMarketData(parseBarCsv(TWO_SYMBOLS), testClock(), 'two.csv');

    const [gld, spy] = await market.getQuotes(['GLD', 'SPY']);
    expect(gld).toEqual({
      ok: false,
      symbol: 'GLD',
      error: 'unknown symbol GLD: not in two.csv',
      provider: 'replay',
    });
    expect(priceText(spy)).toBe('470.1');
  });

  it('returns the bars of the file between two instants, whatever the interval', async () => {
    const market = new ReplayMarketData(parseBarCsv(TWO_SYMBOLS), testClock(), 'two.csv');

    const bars = await market.getBars('SPY', Date.UTC(2024, 0, 3, 21), Date.UTC(2024, 0, 31), '1m');
    expect(bars.map((bar) => [bar.time, bar.close.toFixed()])).toEqual([
      [Date.UTC(2024, 0, 3, 21), '468.9'],
      [Date.UTC(2024, 0, 4, 21), '467'],
    ]);
    expect(await market.getBars('TLT', 0, Date.UTC(2024, 0, 2, 20, 59), '1d')).toEqual([]);
    await expect(market.getBars('GLD', 0, Date.UTC(2030, 0, 1), '1d')).rejects.toThrow('unknown symbol GLD');

    const dax = new ReplayMarketData(await readBarCsvFile(DAX_CSV), testClock());
    const july1991 = await dax.getBars('DAX', Date.UTC(1991, 6, 1), Date.UTC(1991, 6, 31, 23), '1d');
    expect(july1991).toHaveLength(23);
    expect(july1991[0]?.close.toFixed()).toBe('1628.75');
  });
});
