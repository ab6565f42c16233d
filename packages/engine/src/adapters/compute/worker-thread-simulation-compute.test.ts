import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ComputeCancelled, type RunSpec } from '../../application/ports/simulation-compute.js';
import { DEFAULT_PARAMS } from '../../domain/strategy-params.js';
import { paramsToWire } from '../../domain/strategy-params-codec.js';
import { builtSimulationCompute } from '../../test-support/engine-harness.js';
import { DATA_SAMPLES_DIR } from '../market-data/sample-bar-files.js';
import type { WorkerThreadSimulationCompute } from './worker-thread-simulation-compute.js';

const DAX_CSV = readFileSync(new URL('eustock-dax.csv', DATA_SAMPLES_DIR), 'utf8');
const RUN: RunSpec = {
  shares: '50',
  cash: '5000',
  anchor: null,
  params: paramsToWire(DEFAULT_PARAMS),
  marketHours: 'always',
};
const withTriggers = (up: number, down: number): RunSpec => ({
  ...RUN,
  params: { ...RUN.params, trigger: { up_pct: up, down_pct: down } },
});
const hooks = (signal = new AbortController().signal, onProgress: (done: number) => void = () => {}) => ({
  signal,
  onProgress,
});

let compute: WorkerThreadSimulationCompute;
afterEach(() => compute.close());

describe('simulations on worker threads', () => {
  it('prepares bars once and runs them on every thread: many runs in parallel measure what one run does', async () => {
    compute = builtSimulationCompute(2);
    const prepared = await compute.prepare({ kind: 'csv', text: DAX_CSV, source: 'dax.csv' });
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.bars).toMatchObject({ count: 1860, firstAt: Date.UTC(1991, 6, 1, 16) });
    const runs = [2, 3, 4, 5].flatMap((up) => [2, 3, 4].map((down) => withTriggers(up, down)));
    const progress: number[] = [];
    const all = await compute.evaluate(
      prepared.bars,
      runs,
      RUN,
      hooks(undefined, (done) => progress.push(done)),
    );
    expect(all.metrics).toHaveLength(12);
    expect(progress.at(-1)).toBe(12);
    const one = await compute.simulate(prepared.bars, runs[4]!, hooks());
    expect(all.metrics[4]).toEqual(one.metrics);
    expect(all.buyAndHold).toEqual(one.buyAndHold);
    expect(JSON.parse(one.resultJson).trades.length).toBe(one.metrics.trades);
  });

  it('lets go of the signal once a run ends, so one signal can serve many runs', async () => {
    compute = builtSimulationCompute(2);
    const prepared = await compute.prepare({ kind: 'csv', text: DAX_CSV, source: 'dax.csv' });
    if (!prepared.ok) throw new Error(prepared.message);
    const signal = new AbortController().signal;
    for (let k = 0; k < 3; k++) {
      await compute.evaluate(prepared.bars, [withTriggers(2, 2), withTriggers(3, 3)], RUN, hooks(signal));
      await compute.simulate(prepared.bars, RUN, hooks(signal));
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('reads a new request’s bars ahead of the runs already waiting for a thread', async () => {
    compute = builtSimulationCompute(1);
    const prepared = await compute.prepare({ kind: 'csv', text: DAX_CSV, source: 'dax.csv' });
    if (!prepared.ok) throw new Error(prepared.message);
    const order: string[] = [];
    const runs = Array.from({ length: 200 }, (_, k) => withTriggers(1 + (k % 10) / 2, 1 + (k % 7) / 2));
    const grid = compute.evaluate(prepared.bars, runs, RUN, hooks()).then(() => order.push('grid'));
    const check = compute
      .prepare({ kind: 'csv', text: 'timestamp,close\n2026-01-05,1\n2026-01-06,2\n', source: 'y.csv' })
      .then(() => order.push('check'));
    await Promise.all([grid, check]);
    expect(order).toEqual(['check', 'grid']);
  });

  it('refuses bars it cannot read, naming the line, and nothing is kept', async () => {
    compute = builtSimulationCompute(1);
    const bad = await compute.prepare({
      kind: 'csv',
      text: 'timestamp,close\n2026-01-05,1\nnope,2\n',
      source: 'x.csv',
    });
    expect(bad).toEqual({
      ok: false,
      message:
        'x.csv: line 3: timestamp "nope" is not an ISO 8601 instant with a zone, a YYYY-MM-DD date or epoch seconds/milliseconds',
      details: { line: 3, column: 'timestamp' },
    });
  });

  it('stops a long run promptly when cancelled, and the thread takes the next run at once', async () => {
    compute = builtSimulationCompute(1);
    const prepared = await compute.prepare({
      kind: 'synthetic',
      seed: 1,
      bars: 5_000_000,
      intervalMinutes: 1,
      startPrice: '100',
      driftPctPerYear: 0,
      volatilityPctPerYear: 30,
      start: Date.UTC(2024, 0, 1),
    });
    if (!prepared.ok) throw new Error(prepared.message);
    const stop = new AbortController();
    let firstProgress = 0;
    const running = compute.simulate(
      prepared.bars,
      withTriggers(0.2, 0.2),
      hooks(stop.signal, (done) => {
        firstProgress ||= done;
        if (!stop.signal.aborted) stop.abort();
      }),
    );
    const outcome = await running.then(
      () => 'completed',
      (error: unknown) => error,
    );
    const cancelledAt = performance.now();
    expect(outcome).toBeInstanceOf(ComputeCancelled);
    expect(firstProgress).toBeGreaterThan(0);
    expect(firstProgress).toBeLessThan(5_000_000);
    // The one thread is free again: a small run over the same bars' first day is answered quickly.
    const small = await compute.prepare({ kind: 'csv', text: DAX_CSV, source: 'dax.csv' });
    if (!small.ok) throw new Error(small.message);
    await compute.simulate(small.bars, RUN, hooks());
    expect(performance.now() - cancelledAt).toBeLessThan(1_000);
  }, 30_000);

  it('cancels a run still waiting for a thread without starting it, and fails everything on close', async () => {
    compute = builtSimulationCompute(1);
    const prepared = await compute.prepare({ kind: 'csv', text: DAX_CSV, source: 'dax.csv' });
    if (!prepared.ok) throw new Error(prepared.message);
    const first = compute.simulate(prepared.bars, RUN, hooks());
    const stop = new AbortController();
    const waiting = compute.simulate(prepared.bars, RUN, hooks(stop.signal));
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(ComputeCancelled);
    await first;
    const last = expect(compute.simulate(prepared.bars, RUN, hooks())).rejects.toThrow(
      'the simulation threads are stopped',
    );
    await compute.close();
    await last;
  });
});
