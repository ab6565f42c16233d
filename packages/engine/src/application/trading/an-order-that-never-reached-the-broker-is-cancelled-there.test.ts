import { afterEach, beforeEach, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../adapters/broker/client-order-id.js';
import type { CycleId, PositionId } from '../../domain/ids.js';
import { describeEachDialect } from '../../test-support/dialects.js';
import { type Harness, SILENT_LOGGER, startHarness } from '../../test-support/engine-harness.js';
import { replayedLedger } from '../../test-support/replayed-ledger.js';
import { WatchedBroker } from '../../test-support/watched-broker.js';
import { LiveTradingOrchestrator } from './live-trading-orchestrator.js';
import { DEFAULT_ORDER_GRACE_MS } from './order-reconciler.js';
import { NEVER_ARRIVED } from './reconciliation-decision.js';

const WORKER = { source: 'worker' as const, actor: 'worker-test' };

describeEachDialect('an order that never reached the broker', (dialect) => {
  let h: Harness;
  let broker: WatchedBroker;
  let orchestrator: LiveTradingOrchestrator;
  beforeEach(async () => {
    h = await startHarness({ dialect });
    broker = new WatchedBroker(h.broker);
    orchestrator = new LiveTradingOrchestrator({
      store: h.store,
      marketData: h.market,
      broker,
      clock: h.clock,
      ids: h.ids,
      timers: h.timers,
      logger: SILENT_LOGGER,
      clientOrderIdFor,
    });
  });
  afterEach(() => h.close());

  /** A broker that fails on submit: the order is stored, never arrives, and stays open. */
  async function orderTheBrokerRefused() {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 97);
    broker.refuseOrders();
    const refused = await orchestrator.runCycle(WORKER);
    expect(refused.counts).toMatchObject({ orders: 1, fills: 0 });
    const order = (await h.store.orders.list({ positionId: position.id }, { limit: 1 })).items[0]!;
    expect(order.status).toBe('new');
    const failed = await h.store.audit.list(
      { type: 'OrderSubmissionFailed', cycle_id: refused.id },
      { limit: 5 },
    );
    expect(failed.items.map((e) => e.payload.error)).toEqual(['connection refused']);
    expect(await h.broker.getOrder(order.clientOrderId)).toBeNull();
    return { positionId: position.id, refused, order };
  }

  const ordersOf = async (id: PositionId) =>
    (await h.store.orders.list({ positionId: id }, { limit: 10 })).items.map((o) => o.status);

  it('stays open while the cycle that made it may still send it, then is cancelled at the broker and finalised', async () => {
    const { positionId, refused, order } = await orderTheBrokerRefused();
    broker.recover();
    // As if its cycle were still running (in another engine, say): it may still be sending the order.
    const made = (await h.store.cycles.get(refused.id as CycleId))!;
    await h.store.transaction((tx) => tx.cycles.update({ ...made, status: 'running' }));

    // Moments later, then: left alone, and the position stays blocked.
    const young = await orchestrator.runCycle(WORKER);
    expect(young.counts).toMatchObject({ orders: 0, skips: 1 });
    const blocked = await h.store.audit.list(
      { type: 'GuardrailEvaluated', cycle_id: young.id },
      { limit: 1 },
    );
    expect(blocked.items[0]!.payload).toMatchObject({
      allowed: false,
      reasons: [{ code: 'GUARDRAIL_OPEN_ORDER' }],
    });
    expect(await ordersOf(positionId)).toEqual(['new']);
    expect(broker.calls.filter((c) => c.startsWith('cancel'))).toEqual([]);

    // Past the grace period it is cancelled at the broker, then finalised; the position trades again at once.
    h.clock.advance(DEFAULT_ORDER_GRACE_MS);
    const next = await orchestrator.runCycle(WORKER);
    const cancelled = (await h.store.orders.list({ positionId }, { limit: 10 })).items.find(
      (o) => o.id === order.id,
    )!;
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: NEVER_ARRIVED });
    const trail = (await h.store.audit.listByCycle(refused.id as CycleId)).filter(
      (e) => e.source === 'system',
    );
    expect(trail.map((e) => [e.type, e.payload.status ?? e.payload.broker_status])).toEqual([
      ['OrderReconciled', 'unknown'],
      ['ExecutionRecorded', 'cancelled'],
    ]);
    expect(trail[0]!.payload).toMatchObject({
      cancelled_at_broker: true,
      reason: NEVER_ARRIVED,
      trigger: 'cycle',
    });
    expect(trail[1]!.payload).toMatchObject({ reason: NEVER_ARRIVED, reconciled: true, trade_id: null });
    expect(next.counts).toMatchObject({ orders: 1, fills: 1 });
    expect(await ordersOf(positionId)).toEqual(['filled', 'cancelled']); // newest first

    // Nothing can fill it late: the broker refuses that client order id for good.
    const late = await h.broker.submit(order);
    expect(late).toMatchObject({ status: 'cancelled' });
    expect(broker.calls.filter((c) => c === `submit ${order.clientOrderId}`)).toHaveLength(1);
    expect(broker.sent.get(order.clientOrderId)).toBeUndefined();
    expect(broker.mostSendsOfOneOrder()).toBe(1);
    const position = (await h.store.positions.get(positionId))!;
    expect(await replayedLedger(h.store, positionId)).toEqual({
      shares: position.shares.toFixed(),
      cash: position.cash.toFixed(),
    });
    expect(await h.store.audit.verify()).toMatchObject({ ok: true, first_bad_seq: null });
  });

  it('is settled at the next cycle, whatever its age, once the cycle that made it has ended', async () => {
    const { positionId } = await orderTheBrokerRefused();
    broker.recover();
    // Its cycle is over (as after a crash, when the engine taking over closes it): nobody can still
    // be sending it, so there is nothing to wait for.
    const next = await orchestrator.runCycle(WORKER);
    expect(next.counts).toMatchObject({ orders: 1, fills: 1 });
    expect(await ordersOf(positionId)).toEqual(['filled', 'cancelled']);
    expect(broker.calls.filter((c) => c.startsWith('cancel'))).toHaveLength(1);
  });

  it('is left to the cycle that holds its position, and settled once the claim is free', async () => {
    const { positionId, order } = await orderTheBrokerRefused();
    broker.recover();
    h.clock.advance(DEFAULT_ORDER_GRACE_MS);
    const now = h.clock.now();
    await h.store.transaction((tx) => tx.positions.claim([positionId], 'another-engine', now + 60_000, now));

    expect(await orchestrator.reconcileOpenOrders({ kind: 'start-up' })).toEqual({
      open: 1,
      settled: 0,
      busy: 1,
    });
    expect(broker.calls.filter((c) => !c.startsWith('submit'))).toEqual([]); // the broker was not even asked
    expect(await ordersOf(positionId)).toEqual(['new']);

    await h.store.transaction((tx) => tx.positions.release([positionId], 'another-engine'));
    expect(await orchestrator.reconcileOpenOrders({ kind: 'start-up' })).toEqual({
      open: 1,
      settled: 1,
      busy: 0,
    });
    expect(await ordersOf(positionId)).toEqual(['cancelled']);
    expect(broker.calls).toEqual([
      `submit ${order.clientOrderId}`,
      `getOrder ${order.clientOrderId}`,
      `cancel ${order.clientOrderId}`,
    ]);
  });

  it('stays open when the broker cannot be asked, says so, and is settled when it answers again', async () => {
    const { positionId, refused } = await orderTheBrokerRefused();
    h.clock.advance(DEFAULT_ORDER_GRACE_MS);
    broker.goDown();
    expect(await orchestrator.reconcileOpenOrders({ kind: 'start-up' })).toEqual({
      open: 1,
      settled: 0,
      busy: 0,
    });
    expect(await ordersOf(positionId)).toEqual(['new']);
    const said = await h.store.audit.list({ type: 'OrderReconciled', cycle_id: refused.id }, { limit: 5 });
    expect(said.items.map((e) => e.payload)).toEqual([
      expect.objectContaining({ broker_status: 'unreachable', cancelled_at_broker: false }),
    ]);
    expect(said.items[0]!.payload.reason).toMatch(/could not be asked \(connection refused\).*stays open/);

    broker.recover();
    expect(await orchestrator.reconcileOpenOrders({ kind: 'start-up' })).toMatchObject({ settled: 1 });
    expect(await ordersOf(positionId)).toEqual(['cancelled']);
    expect(await h.store.audit.verify()).toMatchObject({ ok: true });
  });
});
