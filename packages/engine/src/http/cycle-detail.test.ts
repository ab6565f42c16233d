import { describe, expect, it } from 'vitest';
import { harnessAppPerTest } from '../test-support/api-call.js';
import { describeEachDialect } from '../test-support/dialects.js';

describeEachDialect('cycle detail', (dialect) => {
  const t = harnessAppPerTest({ dialect });

  const detail = (query: string) => t.call('GET', `/v1/trading/cycles/${query}`);

  /** A worker cycle over one position that holds: four events. */
  async function holdCycle() {
    await t.h.addPosition({ symbol: 'ACME' });
    t.h.market.set('ACME', 99);
    return t.h.orchestrator.runCycle({ source: 'worker', actor: 'test' });
  }

  describe('one cycle with or without its events', () => {
    it('answers the cycle with its events by default', async () => {
      const cycle = await holdCycle();
      const res = await detail(cycle.id);
      expect(res.status).toBe(200);
      expect(res.body.cycle).toMatchObject({ id: cycle.id, source: 'worker', status: 'completed' });
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
        'CycleStarted',
        'PriceEvent',
        'TriggerEvaluated',
        'CycleCompleted',
      ]);
      expect((await detail(`${cycle.id}?with_events=true`)).body).toEqual(res.body);
    });

    it('answers the summary only with with_events=false', async () => {
      const cycle = await holdCycle();
      const full = await detail(cycle.id);
      const summary = await detail(`${cycle.id}?with_events=false`);
      expect(summary.status).toBe(200);
      expect(summary.body).toEqual({ cycle: full.body.cycle, events: [] });
    });

    it('refuses a with_events that is not true or false, and answers 404 for an unknown cycle', async () => {
      const cycle = await holdCycle();
      const bad = await detail(`${cycle.id}?with_events=no`);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'with_events' }],
      });
      expect(await detail('nope?with_events=false')).toMatchObject({
        status: 404,
        body: { error: { code: 'CYCLE_NOT_FOUND' } },
      });
    });
  });
});
