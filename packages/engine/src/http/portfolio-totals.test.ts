import { describe, expect, it } from 'vitest';
import { harnessAppPerTest } from '../test-support/api-call.js';

const t = harnessAppPerTest();

const call = t.call;

interface Holding {
  readonly symbol: string;
  readonly shares: string;
  readonly cash: string;
  readonly anchor: string;
}

async function portfolioWith(name: string, currency: string, holdings: Holding[]): Promise<string> {
  const pf = await call('POST', '/v1/portfolios', { name, base_currency: currency, market_hours: 'always' });
  expect(pf.status).toBe(201);
  for (const holding of holdings)
    expect((await call('POST', `/v1/portfolios/${pf.body.id}/positions`, holding)).status).toBe(201);
  return pf.body.id;
}

/**
 * Two USD portfolios and one EUR portfolio:
 *   Growth (USD)  ACME 50 + 5000 cash, anchor 100 → invested 10000;  BETA 10 + 1000 cash, anchor 20 → 1200
 *   Income (USD)  ACME 5 + 100.5 cash, anchor 100 → invested 600.5
 *   Europe (EUR)  GAMMA 100 + 250 cash, anchor 8 → invested 1050
 */
async function threePortfolios() {
  const growth = await portfolioWith('Growth', 'USD', [
    { symbol: 'ACME', shares: '50', cash: '5000', anchor: '100' },
    { symbol: 'BETA', shares: '10', cash: '1000', anchor: '20' },
  ]);
  const income = await portfolioWith('Income', 'USD', [
    { symbol: 'ACME', shares: '5', cash: '100.5', anchor: '100' },
  ]);
  const europe = await portfolioWith('Europe', 'EUR', [
    { symbol: 'GAMMA', shares: '100', cash: '250', anchor: '8' },
  ]);
  return { growth, income, europe };
}

/** A worker cycle that stores these quotes (all within the thresholds, so nothing trades). */
async function quotesAre(prices: Record<string, number | 'failing'>) {
  for (const [symbol, price] of Object.entries(prices))
    if (price === 'failing') t.h.market.fail(symbol, 'provider down');
    else t.h.market.set(symbol, price);
  t.h.clock.advance(60_000);
  const cycle = await t.h.orchestrator.runCycle({ source: 'worker', actor: 'test' });
  expect(cycle.counts).toMatchObject({ orders: 0 });
}

async function totals() {
  const res = await call('GET', '/v1/portfolios/totals');
  expect(res.status).toBe(200);
  return [...res.body.currencies].sort((a, b) => a.currency.localeCompare(b.currency));
}

describe('every portfolio added up, per base currency', () => {
  it('sums value, cash, stock and P&L of each currency at the last prices', async () => {
    await threePortfolios();
    await quotesAre({ ACME: 101, BETA: 20.5, GAMMA: 7.9 });
    expect(await totals()).toEqual([
      {
        currency: 'EUR',
        portfolios: 1,
        positions: 1,
        value: '1040.00',
        cash: '250.00',
        stock_value: '790.00',
        allocation_pct: 75.96,
        invested: '1050.00',
        pnl: '-10.00',
      },
      {
        currency: 'USD',
        portfolios: 2,
        positions: 3,
        value: '11860.50',
        cash: '6100.50',
        stock_value: '5760.00',
        allocation_pct: 48.56,
        invested: '11800.50',
        pnl: '60.00',
      },
    ]);
  });

  it('has no value for a currency until every one of its symbols has a quote', async () => {
    await threePortfolios();
    const unvalued = { value: null, stock_value: null, allocation_pct: null, pnl: null };
    expect(await totals()).toEqual([
      { currency: 'EUR', portfolios: 1, positions: 1, cash: '250.00', invested: '1050.00', ...unvalued },
      { currency: 'USD', portfolios: 2, positions: 3, cash: '6100.50', invested: '11800.50', ...unvalued },
    ]);

    await quotesAre({ ACME: 101, BETA: 'failing', GAMMA: 7.9 });
    const [eur, usd] = await totals();
    expect(eur).toMatchObject({ value: '1040.00', pnl: '-10.00' });
    expect(usd).toMatchObject({ cash: '6100.50', ...unvalued });
  });

  it('leaves deleted portfolios out', async () => {
    const { income, europe } = await threePortfolios();
    await quotesAre({ ACME: 101, BETA: 20.5, GAMMA: 7.9 });
    expect((await call('DELETE', `/v1/portfolios/${income}`)).status).toBe(204);
    expect((await call('DELETE', `/v1/portfolios/${europe}`)).status).toBe(204);
    expect(await totals()).toEqual([
      {
        currency: 'USD',
        portfolios: 1,
        positions: 2,
        value: '11255.00',
        cash: '6000.00',
        stock_value: '5255.00',
        allocation_pct: 46.69,
        invested: '11200.00',
        pnl: '55.00',
      },
    ]);
  });

  it('is empty when there are no portfolios', async () => {
    expect(await totals()).toEqual([]);
  });

  it('is its own address, not a portfolio called "totals"', async () => {
    const { growth } = await threePortfolios();
    expect((await call('GET', `/v1/portfolios/${growth}`)).body.name).toBe('Growth');
    expect((await totals()).map((line) => line.currency)).toEqual(['EUR', 'USD']);
    expect(await call('PATCH', '/v1/portfolios/totals', { name: 'x' })).toMatchObject({
      status: 404,
      body: { error: { code: 'PORTFOLIO_NOT_FOUND' } },
    });
  });
});
