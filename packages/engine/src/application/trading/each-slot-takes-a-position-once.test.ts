import { afterEach, beforeEach, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../adapters/broker/client-order-id.js';
import { describeEachDialect } from '../../test-support/dialects.js';
import { type Harness, SILENT_LOGGER, startHarness } from '../../test-support/engine-harness.js';
import { LiveTradingOrchestrator } from './live-trading-orchestrator.js';

const WORKER = { source: 'worker' as const, actor: 'worker-test' };

describeEachDialect('scheduled slots', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ dialect, batchSize: 4 });
  });
  afterEach(() => h.close());

  /** Another engine on the same database: its own orchestrator, the same store. */
  const anotherEngine = () =>
    new LiveTradingOrchestrator({
      store: h.store,
      marketData: h.market,
      broker: h.broker,
      clock: h.clock,
      ids: h.ids,
      timers: h.timers,
      logger: SILENT_LOGGER,
      clientOrderIdFor,
      batchSize: 4,
      instanceId: 'engine-b',
    });

  async function addPositions(n: number) {
    h.market.set('ACME', 100);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await h.addPosition({ symbol: 'ACME' })).position.id);
    return ids;
  }

  it('evaluates each due position once per slot, however many engines run the slot at once', async () => {
    const ids = await addPositions(10);
    const [a, b] = await Promise.all([
      h.orchestrator.runScheduledCycle(7, WORKER),
      anotherEngine().runScheduledCycle(7, WORKER),
    ]);
    expect(a.counts.evaluated + b.counts.evaluated).toBe(10);
    const evaluated = await h.store.audit.list({ type: 'PriceEvent', order: 'asc' }, { limit: 100 });
    expect(evaluated.items.map((e) => e.positionId).sort()).toEqual([...ids].sort());
    // The same slot again: nothing is due any more.
    const again = await anotherEngine().runScheduledCycle(7, WORKER);
    expect(again.counts.evaluated).toBe(0);
    expect(again.positions).toBe(0);
  });

  it('takes every position again in the next slot, and a position created meanwhile too', async () => {
    await addPositions(3);
    expect((await h.orchestrator.runScheduledCycle(7, WORKER)).counts.evaluated).toBe(3);
    await addPositions(1);
    const next = await h.orchestrator.runScheduledCycle(8, WORKER);
    expect(next.counts.evaluated).toBe(4);
    const [started] = (await h.store.audit.list({ type: 'CycleStarted', order: 'desc' }, { limit: 1 })).items;
    expect(started!.payload).toMatchObject({ slot: 8, positions: 4 });
  });

  it('takes only positions that trade automatically', async () => {
    const [on, off] = await addPositions(2);
    const position = (await h.store.positions.get(off as never))!;
    await h.store.transaction((tx) => tx.positions.update({ ...position, autoTradingEnabled: false }));
    const result = await h.orchestrator.runScheduledCycle(7, WORKER);
    expect(result.counts.evaluated).toBe(1);
    const [price] = (await h.store.audit.list({ type: 'PriceEvent' }, { limit: 10 })).items;
    expect(price!.positionId).toBe(on);
  });
});
