import { afterEach, beforeEach, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../adapters/broker/client-order-id.js';
import { PaperBroker } from '../../adapters/broker/paper-broker.js';
import { KyselyPaperOrderBook } from '../../adapters/db/kysely-paper-order-book.js';
import type { KyselyStore } from '../../adapters/db/kysely-store.js';
import { UuidV7Generator } from '../../adapters/ids/uuid-v7-generator.js';
import { NodeTimers } from '../../adapters/timers/node-timers.js';
import type { CycleId, PositionId } from '../../domain/ids.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import { type Harness, OPERATOR, SILENT_LOGGER, startHarness } from '../../test-support/engine-harness.js';
import { FixedPriceMarketData } from '../../test-support/fixed-price-market-data.js';
import { replayedLedger } from '../../test-support/replayed-ledger.js';
import { WatchedBroker } from '../../test-support/watched-broker.js';
import { PortfolioService } from '../portfolios/portfolio-service.js';
import type { Clock } from '../ports/clock.js';
import { PositionService } from '../positions/position-service.js';
import { LiveTradingOrchestrator } from './live-trading-orchestrator.js';
import { TradingWorker } from './trading-worker.js';

const WORKER = { source: 'worker' as const, actor: 'worker-test' };

/** An engine on `store` whose broker is the real paper broker, watched (see WatchedBroker). */
function engineOn(store: KyselyStore, clock: Clock, instanceId: string) {
  const ids = new UuidV7Generator(clock);
  const market = new FixedPriceMarketData(clock).set('ACME', 97);
  const broker = new WatchedBroker(new PaperBroker(new KyselyPaperOrderBook(store.executor), clock));
  const orchestrator = new LiveTradingOrchestrator({
    store,
    marketData: market,
    broker,
    clock,
    ids,
    timers: new NodeTimers(),
    logger: SILENT_LOGGER,
    clientOrderIdFor,
    instanceId,
  });
  return { store, ids, broker, orchestrator };
}

/** The order's trace after the fact: every event of its cycle, the reconciliation's included. */
async function eventsOfCycle(store: KyselyStore, id: string) {
  return store.audit.listByCycle(id as CycleId);
}

/** Everything a recovered fill must leave behind, exactly as a fill recorded at once would. */
async function expectRecoveredFill(store: KyselyStore, positionId: PositionId, cycleId: string) {
  const [order, ...more] = (await store.orders.list({ positionId }, { limit: 10 })).items;
  expect(more).toEqual([]);
  expect(order).toMatchObject({ status: 'filled', reason: null });
  const trades = await store.trades.listByPosition(positionId);
  expect(trades.map((t) => [t.orderId, t.side, t.qty.toFixed(), t.price.toFixed(), t.fee.toFixed()])).toEqual(
    [[order!.id, 'buy', '5.234455', '97', '0.050774']],
  );
  const position = (await store.positions.get(positionId))!;
  expect([position.shares.toFixed(), position.cash.toFixed(4), position.anchor!.toFixed()]).toEqual([
    '55.234455',
    '4492.2071',
    '97',
  ]);
  expect(await replayedLedger(store, positionId)).toEqual({
    shares: position.shares.toFixed(),
    cash: position.cash.toFixed(),
  });
  const events = await eventsOfCycle(store, cycleId);
  const tail = events.slice(events.findIndex((e) => e.type === 'OrderReconciled'));
  expect(tail.map((e) => e.type)).toEqual(['OrderReconciled', 'ExecutionRecorded', 'PositionUpdated']);
  const [decided, executed, updated] = tail;
  // One chain: the decision, the fill it recorded, the position it changed.
  expect([executed!.parentId, updated!.parentId]).toEqual([decided!.id, executed!.id]);
  expect(decided!.payload).toMatchObject({
    order_id: order!.id,
    client_order_id: order!.clientOrderId,
    order_status: 'new',
    broker_status: 'filled',
    cancelled_at_broker: false,
  });
  expect(executed!.payload).toMatchObject({
    order_id: order!.id,
    trade_id: trades[0]!.id,
    side: 'buy',
    qty: '5.234455',
    price: '97',
    fee: '0.050774',
    status: 'filled',
    reconciled: true,
  });
  expect(updated!.payload).toMatchObject({
    cause: 'fill',
    shares: { before: '50', after: '55.234455' },
    anchor: { before: '100', after: '97' },
    reconciled: true,
  });
  for (const e of tail) expect(e).toMatchObject({ source: 'system', cycleId, positionId });
  expect(await store.audit.verify()).toMatchObject({ ok: true, first_bad_seq: null });
  return { decided: decided!, order: order! };
}

describeEachDialect('a fill the broker recorded but the engine never heard of', (dialect) => {
  let h: Harness;
  let engine: ReturnType<typeof engineOn>;
  beforeEach(async () => {
    h = await startHarness({ dialect });
    engine = engineOn(h.store, h.clock, 'engine-a');
  });
  afterEach(() => h.close());

  /** The broker fills, the answer is lost: the engine's order stays `new`, as after a crash at that moment. */
  async function fillTheEngineMisses() {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    engine.broker.loseAnswers();
    const lost = await engine.orchestrator.runCycle(WORKER);
    expect(lost.counts).toMatchObject({ orders: 1, fills: 0 });
    const [order] = (await h.store.orders.list({ positionId: position.id }, { limit: 1 })).items;
    expect(order!.status).toBe('new');
    expect(await h.broker.getOrder(order!.clientOrderId)).toMatchObject({ status: 'filled' });
    expect((await h.store.positions.get(position.id))!.shares.toFixed()).toBe('50');
    engine.broker.recover();
    return { position, lost };
  }

  it('is recorded by the next cycle before it evaluates anything, exactly as a normal fill', async () => {
    const { position, lost } = await fillTheEngineMisses();
    const next = await engine.orchestrator.runCycle(WORKER);
    const { decided, order } = await expectRecoveredFill(h.store, position.id, lost.id);
    expect(decided).toMatchObject({
      actor: 'engine-a',
      payload: { trigger: 'cycle', trigger_cycle_id: next.id },
    });
    // The cycle then saw the position as it now stands: anchor 97, price 97, nothing to do.
    expect(next.counts).toMatchObject({ evaluated: 1, holds: 1, orders: 0 });
    expect(engine.broker.sent.get(order.clientOrderId)).toBe(1);
    expect(engine.broker.mostSendsOfOneOrder()).toBe(1);
  });

  it('is recorded at start-up, before the worker runs a cycle (even with the worker switched off)', async () => {
    const { position, lost } = await fillTheEngineMisses();
    const worker = new TradingWorker({
      orchestrator: engine.orchestrator,
      store: h.store,
      clock: h.clock,
      timers: new NodeTimers(),
      ids: h.ids,
      logger: SILENT_LOGGER,
      identity: { instanceId: 'engine-a', host: 'test', pid: 1 },
      defaults: { enabled: false, intervalSeconds: 60 },
    });
    await worker.start();
    await worker.stop('test over');
    const { decided } = await expectRecoveredFill(h.store, position.id, lost.id);
    expect(decided.payload).toMatchObject({ trigger: 'start-up', trigger_cycle_id: null });
    expect((await h.store.cycles.list({}, { limit: 10 })).items.map((c) => c.id)).toEqual([lost.id]);
    expect(engine.broker.mostSendsOfOneOrder()).toBe(1);
  });

  it('is never recorded twice: a second reconciliation finds nothing open', async () => {
    const { position } = await fillTheEngineMisses();
    expect(await engine.orchestrator.reconcileOpenOrders({ kind: 'start-up' })).toEqual({
      open: 1,
      settled: 1,
      busy: 0,
    });
    expect(await engine.orchestrator.reconcileOpenOrders({ kind: 'start-up' })).toEqual({
      open: 0,
      settled: 0,
      busy: 0,
    });
    expect(await h.store.trades.listByPosition(position.id)).toHaveLength(1);
  });
});

describeEachDialect('an engine restarted on the same database', (dialect) => {
  const ctx = useTestStore(dialect);

  it('settles at start-up the fill the engine before it had lost', async () => {
    const before = engineOn(ctx.db.store, ctx.clock, 'engine-before');
    const portfolio = await new PortfolioService(before.store, before.ids, ctx.clock).create(
      {
        name: 'Crash',
        base_currency: 'USD',
        auto_trading_enabled: true,
        state: 'active',
        market_hours: 'always',
      },
      OPERATOR,
    );
    const { position } = await new PositionService(
      before.store,
      before.ids,
      ctx.clock,
      new FixedPriceMarketData(ctx.clock),
    ).create(
      portfolio.portfolio.id,
      { symbol: 'ACME', shares: '50', cash: '5000', anchor: '100', auto_trading_enabled: true, params: {} },
      OPERATOR,
    );
    before.broker.loseAnswers();
    const lost = await before.orchestrator.runCycle(WORKER);

    // A new process: its own connection, its own paper broker over the broker's durable record.
    ctx.clock.advance(5_000);
    const after = engineOn(await ctx.db.openAnother(ctx.clock), ctx.clock, 'engine-after');
    const worker = new TradingWorker({
      orchestrator: after.orchestrator,
      store: after.store,
      clock: ctx.clock,
      timers: new NodeTimers(),
      ids: after.ids,
      logger: SILENT_LOGGER,
      identity: { instanceId: 'engine-after', host: 'test', pid: 2 },
      defaults: { enabled: false, intervalSeconds: 60 },
    });
    await worker.start();
    await worker.stop('test over');
    const { decided, order } = await expectRecoveredFill(after.store, position.id, lost.id);
    expect(decided).toMatchObject({ actor: 'engine-after', payload: { trigger: 'start-up' } });
    expect(after.broker.sent.get(order.clientOrderId)).toBeUndefined(); // asked about, never sent again
    expect(after.broker.calls).toEqual([`getOrder ${order.clientOrderId}`]);
  });
});
