import { ErrorBody } from '@ballast/contracts';
import { describe, expect, it } from 'vitest';
import { harnessAppPerTest } from '../test-support/api-call.js';
import { untilFinished } from '../test-support/lab-calls.js';

const api = harnessAppPerTest();

/** Nothing a refused request could have written: no job, no audit event of the lab. */
async function nothingStored() {
  expect((await api.h.store.labJobs.list('simulation', { limit: 10 })).items).toEqual([]);
  expect((await api.h.store.labJobs.list('optimization', { limit: 10 })).items).toEqual([]);
  expect((await api.call('GET', '/v1/events?source=simulation')).body.items).toEqual([]);
}

const csv = (rows: string[]) => ({ kind: 'csv', csv: ['timestamp,close', ...rows].join('\n') });

describe('starting a simulation or an optimization with bad input', () => {
  it('names the CSV line that cannot be read (400 BARS_INVALID)', async () => {
    const res = await api.call('POST', '/v1/simulations', {
      bars: csv(['2026-01-05T15:00:00Z,100', '2026-01-06T15:00:00Z,abc', '2026-01-07T15:00:00Z,97']),
      cash: '10000',
    });
    expect(res.status).toBe(400);
    expect(ErrorBody.parse(res.body).error).toEqual({
      code: 'BARS_INVALID',
      message: 'bars.csv: line 3: close "abc" is not a positive decimal',
      details: [
        {
          field: 'bars.csv',
          message: 'bars.csv: line 3: close "abc" is not a positive decimal',
          line: 3,
          column: 'close',
        },
      ],
    });
    const unordered = await api.call('POST', '/v1/optimizations', {
      bars: csv(['2026-01-06T15:00:00Z,100', '2026-01-05T15:00:00Z,101']),
      cash: '10000',
      grid: { 'trigger.up_pct': [2, 3] },
    });
    expect(unordered.status).toBe(400);
    expect(unordered.body.error.code).toBe('BARS_INVALID');
    expect(unordered.body.error.message).toMatch(/^bars\.csv: line 3: rows must be in increasing time order/);
    await nothingStored();
  });

  it('refuses too few bars, several symbols in one file, and a sample that does not exist', async () => {
    const one = await api.call('POST', '/v1/simulations', {
      bars: csv(['2026-01-05T15:00:00Z,100']),
      cash: '1',
    });
    expect(one.body.error).toMatchObject({
      code: 'BARS_INVALID',
      message: 'a simulation needs at least 2 bars; there are 1',
    });
    const two = await api.call('POST', '/v1/simulations', {
      bars: {
        kind: 'csv',
        csv: 'timestamp,close,symbol\n2026-01-05T15:00:00Z,100,ACME\n2026-01-05T15:00:00Z,20,BOLT\n',
      },
      cash: '1',
    });
    expect(two.body.error).toMatchObject({
      code: 'BARS_INVALID',
      message: 'bars.csv holds several symbols (ACME, BOLT); a simulation plays one',
    });
    const missing = await api.call('POST', '/v1/simulations', {
      bars: { kind: 'sample', name: 'nikkei' },
      cash: '1',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 'BARS_INVALID',
      message: 'there is no sample "nikkei" (samples: eustock-dax, eustock-smi)',
      details: [{ field: 'bars.name' }],
    });
    await nothingStored();
  });

  it('checks the strategy parameters with the engine’s own rules, naming each field', async () => {
    const bars = { kind: 'sample', name: 'eustock-dax' };
    const res = await api.call('POST', '/v1/simulations', {
      bars,
      cash: '10000',
      params: { trigger: { up_pct: -1 }, guardrails: { min_stock_pct: 80, max_stock_pct: 70 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['params.trigger.up_pct']);
    const band = await api.call('POST', '/v1/optimizations', {
      bars,
      cash: '10000',
      params: { guardrails: { min_stock_pct: 80, max_stock_pct: 70 } },
      grid: { 'trigger.up_pct': [2, 3] },
    });
    expect(band.body.error.details).toEqual([
      { field: 'params.guardrails.min_stock_pct', message: 'must be less than guardrails.max_stock_pct' },
    ]);
    const nothing = await api.call('POST', '/v1/simulations', { bars, shares: '0', cash: '0' });
    expect(nothing.body.error.details).toEqual([
      { field: 'cash', message: 'must be greater than 0 when shares is 0' },
    ]);
    const noBars = await api.call('POST', '/v1/simulations', { cash: '10' });
    expect(noBars.body.error.details).toEqual([
      { field: 'bars', message: 'is required unless from_position is given' },
    ]);
    const tooMany = await api.call('POST', '/v1/optimizations', {
      bars,
      cash: '10000',
      grid: { 'trigger.up_pct': range(200), 'trigger.down_pct': range(101) },
    });
    expect(tooMany.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'grid', message: 'has 20200 combinations, more than 20000' }],
    });
    const empty = await api.call('POST', '/v1/optimizations', { bars, cash: '10000', grid: {} });
    expect(empty.body.error.details).toEqual([
      { field: 'grid', message: 'must name at least one parameter with values to try' },
    ]);
    const unknown = await api.call('POST', '/v1/optimizations', {
      bars,
      cash: '1',
      grid: { market_hours: [1] },
    });
    expect(unknown.status).toBe(400);
    await nothingStored();
  });

  it('takes a CSV upload of several megabytes on the lab’s routes, and 64 KiB on the others', async () => {
    const start = Date.UTC(2020, 0, 1) / 1000;
    const rows = Array.from(
      { length: 120_000 },
      (_, i) => `${start + i * 60},${(100 + Math.sin(i / 50) * 5).toFixed(4)}`,
    );
    const big = csv(rows);
    expect(JSON.stringify(big).length).toBeGreaterThan(2_000_000);
    const res = await api.call('POST', '/v1/simulations', {
      bars: big,
      cash: '10000',
      name: 'two megabytes',
    });
    expect(res.status).toBe(202);
    expect(res.body.bars).toMatchObject({ count: 120_000, source: 'CSV upload' });
    const done = await untilFinished(api.call, `/v1/simulations/${res.body.id}`);
    expect(done.body).toMatchObject({ status: 'completed', request: { bars: { kind: 'csv', name: null } } });
    expect(JSON.stringify(done.body.request)).not.toContain('100.0000');
    const portfolio = await api.call('POST', '/v1/portfolios', { name: 'x'.repeat(70_000) });
    expect(portfolio).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } });
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 + i / 10);
}
