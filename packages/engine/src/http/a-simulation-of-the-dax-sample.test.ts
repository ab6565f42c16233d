import { readFileSync } from 'node:fs';
import { AuditEvent, Simulation, SimulationSummary } from '@ballast/contracts';
import { expect, it } from 'vitest';
import { parseBarCsv } from '../adapters/market-data/bar-csv.js';
import { DATA_SAMPLES_DIR } from '../adapters/market-data/sample-bar-files.js';
import { Decimal } from '../domain/decimal.js';
import { simulateBars } from '../domain/simulation/simulate-bars.js';
import { DEFAULT_PARAMS } from '../domain/strategy-params.js';
import { auditReceipt, harnessAppPerTest } from '../test-support/api-call.js';
import { describeEachDialect } from '../test-support/dialects.js';
import { untilFinished } from '../test-support/lab-calls.js';

const DAX = parseBarCsv(readFileSync(new URL('eustock-dax.csv', DATA_SAMPLES_DIR), 'utf8'));

describeEachDialect('a simulation of the DAX sample through the API', (dialect) => {
  const api = harnessAppPerTest({ dialect });

  it('plays the sample through the live rules off the API thread, stores trades, series and metrics, and audits who asked', async () => {
    const started = await api.call('POST', '/v1/simulations', {
      name: 'DAX with the defaults',
      bars: { kind: 'sample', name: 'eustock-dax' },
      shares: '50',
      cash: '5000',
    });
    expect(started.status).toBe(202);
    const summary = SimulationSummary.parse(started.body);
    expect(summary).toMatchObject({
      name: 'DAX with the defaults',
      status: 'queued',
      requested_by: 'token:test-admin',
      bars: { count: 1860, first_at: '1991-07-01T16:00:00.000Z', last_at: DAX_LAST },
      metrics: null,
      from_position: null,
    });
    expect(summary.bars!.source).toContain('sample eustock-dax');

    const done = Simulation.parse((await untilFinished(api.call, `/v1/simulations/${summary.id}`)).body);
    expect(done).toMatchObject({ status: 'completed', progress: 1, error: null });
    const result = done.result!;

    // The same trades as the simulation core over the same bars with the same rules.
    const core = simulateBars({
      bars: DAX,
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: null,
      params: DEFAULT_PARAMS,
      marketHours: 'always',
    });
    expect(core.trades.length).toBeGreaterThan(20);
    expect(
      result.trades.map((t) => [t.index, t.side, t.qty, t.price, t.fee, t.cash_after, t.shares_after]),
    ).toEqual(
      core.trades.map((t) => [
        t.index,
        t.side,
        t.qty.toFixed(),
        t.price.toFixed(),
        t.fee.toFixed(),
        t.cashAfter.toFixed(),
        t.sharesAfter.toFixed(),
      ]),
    );
    for (const t of result.trades) {
      expect(t.at).toBe(new Date(DAX.times[t.index]!).toISOString());
      expect(t.reason).toMatch(
        /^(buy trigger: price −|sell trigger: price \+|band restore: allocation|the band overrules)/,
      );
    }
    expect(result.trades.some((t) => t.reason.startsWith('buy trigger: price −'))).toBe(true);

    // Every bar is a point (1 860 < 2 000): the start value first, then each close after its fill.
    const startValue = new Decimal(50).mul('1628.75').add(5000); // 86 437.5
    expect(result.series).toHaveLength(1860);
    expect(result.series[0]).toMatchObject({
      at: '1991-07-01T16:00:00.000Z',
      close: 1628.75,
      anchor: 1628.75,
      equity: 86437.5,
      buy_and_hold: 86437.5,
    });
    expect(result.series[0]!.allocation_pct).toBeCloseTo((50 * 1628.75 * 100) / 86437.5, 6);
    const final = core.final;
    const last = DAX.closeText[DAX.length - 1]!;
    const endValue = final.shares.mul(last).add(final.cash);
    expect(result.series.at(-1)!.equity).toBeCloseTo(endValue.toNumber(), 6);
    expect(result.series.at(-1)!.anchor).toBe(core.final.anchor!.toNumber());
    const firstTrade = result.trades[0]!;
    expect(result.series[firstTrade.index]!.anchor).toBe(Number(firstTrade.price));

    const fees = core.trades.reduce((sum, t) => sum.add(t.fee), new Decimal(0));
    expect(result.metrics).toMatchObject({
      start_value: startValue.toFixed(),
      end_value: endValue.toFixed(),
      fees: fees.toFixed(),
      trades: core.trades.length,
    });
    expect(result.metrics.return_pct).toBeCloseTo(endValue.div(startValue).sub(1).mul(100).toNumber(), 5);
    expect(result.metrics.max_drawdown_pct).toBeGreaterThan(0);
    expect(result.metrics.annualized_volatility_pct).toBeGreaterThan(0);

    // Buy-and-hold: the 5 000 cash buys DAX at the first close, paying the same commission, then holds.
    const bought = new Decimal(5000)
      .div(new Decimal('1628.75').mul('1.0001'))
      .toDecimalPlaces(6, Decimal.ROUND_DOWN);
    const holdFee = bought.mul('1628.75').mul('0.0001').toDecimalPlaces(6);
    const holdEnd = bought
      .add(50)
      .mul(last)
      .add(new Decimal(5000).sub(bought.mul('1628.75')).sub(holdFee));
    expect(result.buy_and_hold).toMatchObject({
      start_value: startValue.toFixed(),
      end_value: holdEnd.toFixed(),
      fees: holdFee.toFixed(),
      trades: 1,
    });
    expect(result.series.at(-1)!.buy_and_hold).toBeCloseTo(holdEnd.toNumber(), 6);
    expect(done.metrics).toEqual(result.metrics);
    expect(done.buy_and_hold).toEqual(result.buy_and_hold);
    expect(result).toMatchObject({
      band: { min_pct: 25, max_pct: 75 },
      triggers: { up_pct: 3, down_pct: 3 },
    });
    expect(done.request).toMatchObject({
      name: 'DAX with the defaults',
      bars: { kind: 'sample', name: 'eustock-dax' },
      shares: '50',
      cash: '5000',
      anchor: null,
      market_hours: 'always',
      params: { trigger: { up_pct: 3 } },
    });

    // Audited apart from live trading: source simulation, the caller as actor, the end chained to the start.
    const events = (await api.call('GET', '/v1/events?source=simulation&order=asc')).body.items.map(
      (e: unknown) => AuditEvent.parse(e),
    );
    expect(events.map((e: AuditEvent) => e.type)).toEqual(['SimulationStarted', 'SimulationCompleted']);
    const [start, end] = events;
    expect(auditReceipt(started)).toEqual([start.seq]);
    expect(start).toMatchObject({
      source: 'simulation',
      actor: 'token:test-admin',
      payload: { simulation_id: summary.id, name: 'DAX with the defaults' },
    });
    expect(end).toMatchObject({
      source: 'simulation',
      actor: 'token:test-admin',
      parent_id: start.id,
      payload: {
        simulation_id: summary.id,
        status: 'completed',
        metrics: result.metrics,
        buy_and_hold: result.buy_and_hold,
      },
    });

    const list = await api.call('GET', '/v1/simulations?limit=10');
    expect(list.body).toMatchObject({
      items: [{ id: summary.id, status: 'completed', metrics: result.metrics }],
      next_cursor: null,
    });
  });
});

const DAX_LAST = new Date(DAX.times[DAX.length - 1]!).toISOString();
