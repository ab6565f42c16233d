import { readFileSync } from 'node:fs';
import { Optimization, Simulation } from '@ballast/contracts';
import { expect, it } from 'vitest';
import { DATA_SAMPLES_DIR } from '../adapters/market-data/sample-bar-files.js';
import { harnessAppPerTest } from '../test-support/api-call.js';
import { describeEachDialect } from '../test-support/dialects.js';
import { untilFinished } from '../test-support/lab-calls.js';

/** The DAX sample as an upload: the engine has it only from this request. */
const UPLOAD = {
  kind: 'csv',
  name: 'my-dax.csv',
  csv: readFileSync(new URL('eustock-dax.csv', DATA_SAMPLES_DIR), 'utf8'),
};

describeEachDialect('a later run over the bars of an earlier job', (dialect) => {
  const api = harnessAppPerTest({ dialect });

  it('plays an optimization row on exactly the uploaded bars, kept with the job and never listed', async () => {
    const started = await api.call('POST', '/v1/optimizations', {
      bars: UPLOAD,
      shares: '50',
      cash: '5000',
      grid: { 'trigger.up_pct': [2, 4], 'trigger.down_pct': [2, 4] },
    });
    expect(started.status).toBe(202);
    const optimization = Optimization.parse(
      (await untilFinished(api.call, `/v1/optimizations/${started.body.id}`)).body,
    );
    expect(optimization.status).toBe('completed');
    // The stored request describes the upload; the CSV itself is not sent back.
    expect(JSON.stringify(optimization.request)).not.toContain('1991-07-01');
    const row = optimization.rows[1]!;

    const again = await api.call('POST', '/v1/simulations', {
      bars: { kind: 'job', id: optimization.id },
      shares: '50',
      cash: '5000',
      params: {
        trigger: { up_pct: row.params['trigger.up_pct'], down_pct: row.params['trigger.down_pct'] },
      },
    });
    expect(again.status).toBe(202);
    const simulation = Simulation.parse(
      (await untilFinished(api.call, `/v1/simulations/${again.body.id}`)).body,
    );
    expect(simulation.status).toBe('completed');
    expect(simulation.metrics).toEqual(row.metrics);
    expect(simulation.buy_and_hold).toEqual(optimization.buy_and_hold);
    expect(simulation.bars).toMatchObject({
      count: optimization.bars!.count,
      first_at: optimization.bars!.first_at,
      source: `the bars of optimization ${optimization.id} (CSV upload my-dax.csv)`,
    });
    expect(simulation.request).toMatchObject({ bars: { kind: 'job', id: optimization.id } });

    // A run over that simulation's bars finds the upload too, through the job it refers to.
    const third = await api.call('POST', '/v1/simulations', {
      bars: { kind: 'job', id: simulation.id },
      shares: '50',
      cash: '5000',
    });
    expect(third.status).toBe(202);
    const done = Simulation.parse((await untilFinished(api.call, `/v1/simulations/${third.body.id}`)).body);
    expect(done.bars?.count).toBe(optimization.bars!.count);
  });

  it('reads a sample or a generator again from the job that described it', async () => {
    const synthetic = { kind: 'synthetic', seed: 3, bars: 2_000, interval_minutes: 30 };
    const first = await api.call('POST', '/v1/simulations', { bars: synthetic, cash: '10000' });
    const one = Simulation.parse((await untilFinished(api.call, `/v1/simulations/${first.body.id}`)).body);
    const second = await api.call('POST', '/v1/simulations', {
      bars: { kind: 'job', id: one.id },
      cash: '10000',
    });
    const two = Simulation.parse((await untilFinished(api.call, `/v1/simulations/${second.body.id}`)).body);
    expect(two.metrics).toEqual(one.metrics);
    expect(two.result?.trades).toEqual(one.result?.trades);
  });

  it('refuses a job that does not exist, naming the field, and stores nothing', async () => {
    const before = (await api.call('GET', '/v1/simulations')).body.items.length;
    const res = await api.call('POST', '/v1/simulations', {
      bars: { kind: 'job', id: '01900000-0000-7000-8000-000000000000' },
      cash: '100',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'BARS_INVALID',
      details: [
        { field: 'bars.id', message: expect.stringContaining('there is no simulation or optimization') },
      ],
    });
    expect((await api.call('GET', '/v1/simulations')).body.items).toHaveLength(before);
  });
});
