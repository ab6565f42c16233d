import { readFileSync } from 'node:fs';
import { Optimization, type OptimizationRow, OptimizationSummary } from '@ballast/contracts';
import { describe, expect, it } from 'vitest';
import { parseBarCsv } from '../adapters/market-data/bar-csv.js';
import { DATA_SAMPLES_DIR } from '../adapters/market-data/sample-bar-files.js';
import { measureBuyAndHold, measureRun } from '../application/simulations/simulation-report.js';
import { Decimal } from '../domain/decimal.js';
import { simulateBars } from '../domain/simulation/simulate-bars.js';
import { DEFAULT_PARAMS } from '../domain/strategy-params.js';
import { applyParamsPatch } from '../domain/strategy-params-validation.js';
import { harnessAppPerTest } from '../test-support/api-call.js';
import { describeEachDialect } from '../test-support/dialects.js';
import { untilFinished, watchUntil } from '../test-support/lab-calls.js';

const DAX = parseBarCsv(readFileSync(new URL('eustock-dax.csv', DATA_SAMPLES_DIR), 'utf8'));
const DAX_SAMPLE = { kind: 'sample', name: 'eustock-dax' };
const START = {
  shares: new Decimal(50),
  cash: new Decimal(5000),
  anchor: null,
  marketHours: 'always' as const,
};

/** The metrics of one combination, played here on this thread, as a single simulation would be. */
function metricsOf(point: Record<string, number>) {
  const params = applyParamsPatch(DEFAULT_PARAMS, point);
  if (!params.ok) throw new Error('not a valid combination');
  const input = { ...START, bars: DAX, params: params.params };
  return measureRun(input, simulateBars(input)).metrics;
}

describeEachDialect('an optimization over a grid', (dialect) => {
  const api = harnessAppPerTest({ dialect });

  it('runs a 3 × 3 grid in parallel, ranks it by Sharpe, and reports an invalid combination as a row', async () => {
    const res = await api.call('POST', '/v1/optimizations', {
      name: 'band',
      bars: DAX_SAMPLE,
      shares: '50',
      cash: '5000',
      grid: { 'guardrails.min_stock_pct': [25, 50, 80], 'guardrails.max_stock_pct': [60, 75, 90] },
    });
    expect(res.status).toBe(202);
    expect(OptimizationSummary.parse(res.body)).toMatchObject({
      status: 'queued',
      combinations: 9,
      done: 0,
      rank_by: 'sharpe',
      best: null,
    });
    const done = Optimization.parse((await untilFinished(api.call, `/v1/optimizations/${res.body.id}`)).body);
    expect(done).toMatchObject({ status: 'completed', progress: 1, done: 9, combinations: 9, error: null });

    const rows = done.rows;
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const run = rows.filter((r) => r.error === null);
    const notRun = rows.filter((r) => r.error !== null);
    // min 80 % with max 60 % or 75 % is no band at all: rows with their error, last.
    expect(notRun.map((r) => r.params)).toEqual([
      { 'guardrails.min_stock_pct': 80, 'guardrails.max_stock_pct': 60 },
      { 'guardrails.min_stock_pct': 80, 'guardrails.max_stock_pct': 75 },
    ]);
    for (const r of notRun) {
      expect(r.error).toBe('params.guardrails.min_stock_pct must be less than guardrails.max_stock_pct');
      expect(r.metrics).toMatchObject({ trades: 0, return_pct: 0, sharpe: null });
    }
    expect(run).toHaveLength(7);
    const sharpes = run.map((r) => r.metrics.sharpe!);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));
    expect(new Set(sharpes).size).toBeGreaterThan(1);
    // Each row is what a simulation of that combination measures.
    for (const r of run) expect(r.metrics).toEqual(metricsOf(r.params));
    expect(done.best).toEqual(rows[0]);
    expect(done.buy_and_hold).toEqual(measureBuyAndHold({ ...START, bars: DAX, params: DEFAULT_PARAMS }));
    expect(done.request).toMatchObject({
      grid: { 'guardrails.min_stock_pct': [25, 50, 80] },
      rank_by: 'sharpe',
      combinations: 9,
    });

    const events = (await api.call('GET', '/v1/events?source=simulation&order=asc')).body.items;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'OptimizationStarted',
      'OptimizationCompleted',
    ]);
    expect(events[1]).toMatchObject({
      actor: 'token:test-admin',
      parent_id: events[0].id,
      payload: {
        optimization_id: done.id,
        status: 'completed',
        combinations: 9,
        not_run: 2,
        best: { params: rows[0]!.params },
      },
    });
    const list = (await api.call('GET', '/v1/optimizations')).body;
    expect(list).toMatchObject({ items: [{ id: done.id, best: rows[0] }], next_cursor: null });
  });
});

describe('ranking an optimization', () => {
  const api = harnessAppPerTest();
  const grid = { 'trigger.up_pct': [2, 3, 5], 'trigger.down_pct': [2, 4] };
  const ranked = async (extra: Record<string, unknown>): Promise<OptimizationRow[]> => {
    const res = await api.call('POST', '/v1/optimizations', {
      bars: DAX_SAMPLE,
      cash: '10000',
      grid,
      ...extra,
    });
    return (await untilFinished(api.call, `/v1/optimizations/${res.body.id}`)).body.rows;
  };

  it('puts the smallest drawdown first, unless told to go the other way', async () => {
    const drawdowns = (rows: OptimizationRow[]) => rows.map((r) => r.metrics.max_drawdown_pct);
    const lowest = drawdowns(await ranked({ rank_by: 'max_drawdown_pct' }));
    expect(lowest).toEqual([...lowest].sort((a, b) => a - b));
    const highest = drawdowns(await ranked({ rank_by: 'max_drawdown_pct', descending: true }));
    expect(highest).toEqual([...lowest].reverse());
    const fees = (await ranked({ rank_by: 'fees' })).map((r) => Number(r.metrics.fees));
    expect(fees).toEqual([...fees].sort((a, b) => a - b));
  });

  it('can be cancelled while it runs: what is left is not run', async () => {
    const res = await api.call('POST', '/v1/optimizations', {
      bars: { kind: 'synthetic', seed: 3, bars: 400_000, interval_minutes: 1 },
      cash: '10000',
      grid: { 'trigger.up_pct': range(20), 'trigger.down_pct': range(20) },
    });
    expect(res.body).toMatchObject({ combinations: 400 });
    const url = `/v1/optimizations/${res.body.id}`;
    await watchUntil(api.call, url, (body) => body.done > 0);
    const cancelled = await api.call('POST', `${url}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', best: null });
    expect(cancelled.body.done).toBeLessThan(400);
    const after = (await untilFinished(api.call, url)).body;
    expect(after).toMatchObject({ status: 'cancelled', rows: [], buy_and_hold: null });
    const completed = (await api.call('GET', '/v1/events?type=OptimizationCompleted')).body.items;
    expect(completed).toMatchObject([{ payload: { status: 'cancelled', cancelled_by: 'token:test-admin' } }]);
  }, 60_000);
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 + i * 0.25);
}
