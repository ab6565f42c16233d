import { SimulationSummary } from '@ballast/contracts';
import { describe, expect, it } from 'vitest';
import { harnessAppPerTest } from '../test-support/api-call.js';
import { untilFinished, watchUntil } from '../test-support/lab-calls.js';

const api = harnessAppPerTest();

/**
 * Five million one-minute bars, volatile, with triggers of 0.1 % and up to 1 000 orders a day: hundreds
 * of thousands of fills, half a minute of work if let run — far longer than the test watches it. (With
 * 0.2 % triggers and the default order limit the core skips most bars and is done in two seconds.)
 */
const LONG_RUN = {
  name: 'five million bars',
  bars: { kind: 'synthetic', seed: 11, bars: 5_000_000, interval_minutes: 1, volatility_pct_per_year: 60 },
  cash: '100000',
  params: { trigger: { up_pct: 0.1, down_pct: 0.1 }, guardrails: { max_orders_per_day: 1000 } },
};

describe('a long simulation', () => {
  it('stores its progress while it runs, and stops when cancelled', async () => {
    const started = await api.call('POST', '/v1/simulations', LONG_RUN);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', progress: 0, bars: { count: 5_000_000 } });
    const url = `/v1/simulations/${started.body.id}`;

    // Progress moves while it runs: seen at two different values strictly between 0 and 1.
    const moving = new Set<number>();
    const seen = await watchUntil(api.call, url, (body) => {
      for (const p of progressOf([body])) moving.add(p);
      return moving.size >= 2;
    });
    const values = [...moving];
    expect(values[1]!).toBeGreaterThan(values[0]!);
    expect(seen.at(-1)).toMatchObject({ status: 'running', finished_at: null, result: null });
    expect(seen.at(-1).started_at).not.toBeNull();

    const cancelled = await api.call('POST', `${url}/cancel`);
    expect(cancelled.status).toBe(200);
    const summary = SimulationSummary.parse(cancelled.body);
    expect(summary).toMatchObject({ status: 'cancelled', error: null, metrics: null });
    expect(summary.progress).toBeGreaterThan(0);
    expect(summary.progress).toBeLessThan(1);

    // It stays cancelled: the compute stops, and its end changes nothing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = (await untilFinished(api.call, url)).body;
    expect(after).toMatchObject({ status: 'cancelled', result: null, progress: summary.progress });
    const again = await api.call('POST', `${url}/cancel`);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'SIMULATION_NOT_CANCELLABLE' } } });

    const events = (await api.call('GET', '/v1/events?source=simulation&order=asc')).body.items;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['SimulationStarted', 'SimulationCompleted']);
    expect(events[1]).toMatchObject({
      actor: 'token:test-admin',
      parent_id: events[0].id,
      payload: { status: 'cancelled', cancelled_by: 'token:test-admin', simulation_id: summary.id },
    });
  }, 60_000);

  it('cannot be cancelled when it does not exist', async () => {
    const res = await api.call('POST', '/v1/simulations/no-such-job/cancel');
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'SIMULATION_NOT_FOUND' } } });
    expect((await api.call('GET', '/v1/optimizations/no-such-job')).body.error.code).toBe(
      'OPTIMIZATION_NOT_FOUND',
    );
  });
});

function progressOf(bodies: { progress: number }[]): number[] {
  return bodies.map((b) => b.progress).filter((p) => p > 0 && p < 1);
}
