import { Simulation } from '@ballast/contracts';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import { simulateBars } from '../domain/simulation/simulate-bars.js';
import { harnessAppPerTest } from '../test-support/api-call.js';
import { OPERATOR } from '../test-support/engine-harness.js';
import { untilFinished } from '../test-support/lab-calls.js';

const api = harnessAppPerTest();
const PRICES = ['100', '98', '96.5', '99', '101', '103.2', '100', '97', '95.1', '99.9'];

/** A live position that traded through these prices, a cycle a minute: its evaluated prices. */
async function tradedPosition() {
  const { h } = api;
  const { position } = await h.addPosition({
    symbol: 'ACME',
    shares: '40',
    cash: '6000',
    params: { trigger: { up_pct: 2, down_pct: 2 }, guardrails: { max_trade_pct: 30 } },
  });
  for (const price of PRICES) {
    h.clock.advance(60_000);
    h.market.set('ACME', price);
    await h.orchestrator.runCycleForPosition(position.id, OPERATOR);
  }
  return (await h.positions.get(position.id)).position;
}

describe('one click runs a position’s current parameters over its recent prices', () => {
  it('takes the position’s parameters, shares, cash and market hours, and the prices the engine evaluated', async () => {
    const position = await tradedPosition();
    expect(position.shares.eq(40)).toBe(false); // it traded live: the simulation starts from today's holdings
    const res = await api.call('POST', '/v1/simulations', { from_position: position.id, name: 'ACME today' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ from_position: position.id, bars: { count: PRICES.length } });
    expect(res.body.bars.source).toBe(
      `position ACME (${position.id}): the prices the engine evaluated for it`,
    );
    const done = Simulation.parse((await untilFinished(api.call, `/v1/simulations/${res.body.id}`)).body);
    expect(done.request).toMatchObject({
      from_position: position.id,
      bars: { kind: 'position', position_id: position.id, limit: 5000 },
      shares: position.shares.toFixed(),
      cash: position.cash.toFixed(),
      anchor: null,
      market_hours: 'always',
      params: { trigger: { up_pct: 2, down_pct: 2 }, guardrails: { max_trade_pct: 30 } },
    });
    const core = simulateBars({
      bars: {
        length: PRICES.length,
        times: Float64Array.from(PRICES, (_, i) => api.h.clock.now() - (PRICES.length - 1 - i) * 60_000),
        closes: Float64Array.from(PRICES, Number),
        closeText: PRICES,
      },
      shares: position.shares,
      cash: position.cash,
      anchor: null,
      params: position.params,
      marketHours: 'always',
    });
    expect(core.trades.length).toBeGreaterThan(1);
    expect(done.result!.trades.map((t) => [t.index, t.side, t.qty, t.price])).toEqual(
      core.trades.map((t) => [t.index, t.side, t.qty.toFixed(), t.price.toFixed()]),
    );
    expect(done.result!.metrics.start_value).toBe(position.shares.mul(100).add(position.cash).toFixed());

    const events = (await api.call('GET', '/v1/events?source=simulation&order=asc')).body.items;
    for (const e of events)
      expect(e).toMatchObject({
        position_id: position.id,
        portfolio_id: position.portfolioId,
        symbol: 'ACME',
      });
    expect(events.map((e: { type: string }) => e.type)).toEqual(['SimulationStarted', 'SimulationCompleted']);
  });

  it('lets the request change what it gives: other parameters, other bars', async () => {
    const position = await tradedPosition();
    const res = await api.call('POST', '/v1/simulations', {
      from_position: position.id,
      params: { trigger: { down_pct: 4 } },
      bars: { kind: 'sample', name: 'eustock-smi' },
      cash: '1000',
      market_hours: 'regular',
    });
    const done = (await untilFinished(api.call, `/v1/simulations/${res.body.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', bars: { count: 1860 } });
    expect(done.request).toMatchObject({
      cash: '1000',
      shares: position.shares.toFixed(),
      market_hours: 'regular',
      params: { trigger: { up_pct: 2, down_pct: 4 } },
    });
  });

  it('answers 404 for a position that does not exist, and 400 for one with no prices yet', async () => {
    const missing = await api.call('POST', '/v1/simulations', { from_position: 'no-such-position' });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'POSITION_NOT_FOUND' } } });
    const { position } = await api.h.addPosition({ symbol: 'BOLT' });
    const fresh = await api.call('POST', '/v1/simulations', { from_position: position.id });
    expect(fresh).toMatchObject({
      status: 400,
      body: { error: { code: 'BARS_INVALID', message: 'a simulation needs at least 2 bars; there are 0' } },
    });
    expect(new Decimal(position.cash).eq(5000)).toBe(true);
  });
});
