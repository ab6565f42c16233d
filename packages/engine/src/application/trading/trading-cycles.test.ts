import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../adapters/broker/client-order-id.js';
import { Decimal } from '../../domain/decimal.js';
import { type Harness, OPERATOR, SILENT_LOGGER, startHarness } from '../../test-support/engine-harness.js';
import type { OrderTicket } from '../ports/broker.js';
import { LiveTradingOrchestrator } from './live-trading-orchestrator.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const WORKER = { source: 'worker' as const, actor: 'worker-test' };

describe('a worker cycle buys after a 3 % drop', () => {
  it('writes the six events of the chain, the order, the trade and the new position state', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 97);
    const result = await h.orchestrator.runCycle(WORKER);
    expect(result.counts).toMatchObject({ evaluated: 1, orders: 1, fills: 1, skips: 0, errors: 0 });

    const events = await h.store.audit.listByCycle(result.id as never);
    expect(events.map((e) => e.type)).toEqual([
      'CycleStarted',
      'PriceEvent',
      'TriggerEvaluated',
      'GuardrailEvaluated',
      'OrderCreated',
      'ExecutionRecorded',
      'PositionUpdated',
      'CycleCompleted',
    ]);
    for (const e of events)
      expect(e).toMatchObject({ source: 'worker', actor: 'worker-test', cycleId: result.id });
    // Each event of the position's chain is the child of the one before; the chain hangs off CycleStarted.
    for (let i = 1; i < events.length - 1; i++) expect(events[i]!.parentId).toBe(events[i - 1]!.id);
    expect(events.at(-1)!.parentId).toBe(events[0]!.id);

    const after = await h.store.positions.get(position.id);
    expect(after!.shares.toFixed()).toBe('55.234455');
    expect(after!.cash.toFixed(4)).toBe('4492.2071');
    expect(after!.anchor!.toFixed()).toBe('97');
    const orders = await h.store.orders.list({ positionId: position.id }, { limit: 10 });
    expect(orders.items.map((o) => [o.side, o.qty.toFixed(), o.status])).toEqual([
      ['buy', '5.234455', 'filled'],
    ]);
    expect(orders.items[0]!.clientOrderId).toMatch(/^bl-[a-z2-7]{26}$/);
    const trades = await h.store.trades.list({ positionId: position.id }, { limit: 10 });
    expect(trades.items).toHaveLength(1);
    expect(await h.store.audit.verify()).toMatchObject({ ok: true, first_bad_seq: null });
  });

  it('holds at −2 % and records why', async () => {
    await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 98);
    const result = await h.orchestrator.runCycle(WORKER);
    expect(result.counts).toMatchObject({ evaluated: 1, holds: 1, orders: 0 });
    const events = await h.store.audit.listByCycle(result.id as never);
    const trigger = events.find((e) => e.type === 'TriggerEvaluated')!;
    expect(trigger.payload).toMatchObject({
      fired: false,
      change_pct: '-2',
      reason: 'within thresholds: -2.00%',
    });
  });
});

describe('which positions a cycle trades', () => {
  it('skips positions whose portfolio or own auto-trading is off, and paused or halted portfolios', async () => {
    const traded = await h.addPosition({ symbol: 'A' });
    await h.addPosition({ symbol: 'B', auto_trading_enabled: false });
    await h.addPosition({ symbol: 'C' }, { auto_trading_enabled: false });
    await h.addPosition({ symbol: 'D' }, { state: 'paused' });
    await h.addPosition({ symbol: 'E' }, { state: 'halted' });
    const active = await h.orchestrator.getActivePositionsForTrading();
    expect(active.map((p) => p.id)).toEqual([traded.position.id]);
  });

  it('fetches quotes once per cycle for all distinct symbols', async () => {
    for (const symbol of ['A', 'A', 'B']) await h.addPosition({ symbol });
    h.market.set('A', 100).set('B', 100);
    await h.orchestrator.runCycle(WORKER);
    expect(h.market.calls).toHaveLength(1);
    expect([...h.market.calls[0]!].sort()).toEqual(['A', 'B']);
  });

  it('keeps trading the other positions when one symbol has no price', async () => {
    await h.addPosition({ symbol: 'BROKEN' });
    const ok = await h.addPosition({ symbol: 'FINE' });
    h.market.fail('BROKEN', 'provider timeout').set('FINE', 97);
    const result = await h.orchestrator.runCycle(WORKER);
    expect(result.counts).toMatchObject({ evaluated: 2, no_price: 1, orders: 1, fills: 1 });
    const price = (await h.store.audit.list({ type: 'PriceEvent', cycle_id: result.id }, { limit: 10 }))
      .items;
    expect(price.find((e) => e.symbol === 'BROKEN')!.payload).toMatchObject({
      ok: false,
      error: 'provider timeout',
    });
    expect((await h.store.positions.get(ok.position.id))!.anchor!.toFixed()).toBe('97');
  });
});

describe('a broker that fails for one symbol', () => {
  it('leaves that order open and recorded, and fills the others', async () => {
    const failing = {
      name: 'flaky',
      submit: async (t: OrderTicket) =>
        t.symbol === 'BAD' ? Promise.reject(new Error('connection reset')) : h.broker.submit(t),
      getOrder: (id: string) => h.broker.getOrder(id),
      cancel: (id: string) => h.broker.cancel(id),
    };
    const orchestrator = new LiveTradingOrchestrator({
      store: h.store,
      marketData: h.market,
      broker: failing,
      clock: h.clock,
      ids: h.ids,
      timers: h.timers,
      logger: SILENT_LOGGER,
      clientOrderIdFor,
    });
    const bad = await h.addPosition({ symbol: 'BAD' });
    const good = await h.addPosition({ symbol: 'GOOD' });
    h.market.set('BAD', 97).set('GOOD', 97);
    const result = await orchestrator.runCycle(WORKER);
    expect(result.counts).toMatchObject({ evaluated: 2, orders: 2, fills: 1 });
    const [badOrder] = (await h.store.orders.list({ positionId: bad.position.id }, { limit: 1 })).items;
    expect(badOrder!.status).toBe('new');
    const failed = (
      await h.store.audit.list({ type: 'OrderSubmissionFailed', cycle_id: result.id }, { limit: 5 })
    ).items;
    expect(failed.map((e) => [e.positionId, e.payload.error])).toEqual([
      [bad.position.id, 'connection reset'],
    ]);
    expect((await h.store.positions.get(good.position.id))!.anchor!.toFixed()).toBe('97');
    expect((await h.store.positions.get(bad.position.id))!.anchor!.toFixed()).toBe('100');
  });
});

describe('manual runs', () => {
  it('evaluate a position whose auto-trading is off: an explicit request', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME', auto_trading_enabled: false });
    h.market.set('ACME', 97);
    const result = await h.orchestrator.runCycleForPosition(position.id, OPERATOR);
    expect(result.results).toEqual([
      expect.objectContaining({ position_id: position.id, outcome: 'order', fill: 'filled' }),
    ]);
    const events = await h.store.audit.listByCycle(result.id as never);
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(['api/manual']));
  });

  it('never place an order in a halted portfolio, and record the blocked attempt', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME' }, { state: 'halted' });
    h.market.set('ACME', 90);
    const result = await h.orchestrator.runCycleForPosition(position.id, OPERATOR);
    expect(result.counts).toMatchObject({ skips: 1, orders: 0 });
    const guardrail = (
      await h.store.audit.list({ type: 'GuardrailEvaluated', cycle_id: result.id }, { limit: 1 })
    ).items[0]!;
    expect(guardrail.payload).toMatchObject({
      allowed: false,
      reasons: [{ code: 'GUARDRAIL_PORTFOLIO_HALTED' }],
    });
  });

  it('serialise with a worker cycle on the same position: one buy, not two', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 97);
    const [a, b] = await Promise.all([
      h.orchestrator.runCycle(WORKER),
      h.orchestrator.runCycleForPosition(position.id, OPERATOR),
    ]);
    expect(a.counts.orders + b.counts.orders).toBe(1);
    const orders = await h.store.orders.list({ positionId: position.id }, { limit: 10 });
    expect(orders.items).toHaveLength(1);
  });
});

describe('guardrails across cycles', () => {
  it('stops at max_orders_per_day and starts again the next trading day', async () => {
    const { position } = await h.addPosition({
      symbol: 'ACME',
      params: { guardrails: { max_orders_per_day: 2 } },
    });
    const prices = [97, 94, 91];
    const counts = [];
    for (const p of prices) {
      h.market.set('ACME', p);
      counts.push((await h.orchestrator.runCycle(WORKER)).counts);
    }
    expect(counts.map((c) => [c.orders, c.skips])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    h.clock.advance(24 * 3600_000);
    h.market.set('ACME', 88);
    expect((await h.orchestrator.runCycle(WORKER)).counts.orders).toBe(1);
    expect((await h.store.positions.get(position.id))!.ordersToday).toBe(1);
  });

  it('resets the anchor without trading after a move beyond reset_pct', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 160);
    const result = await h.orchestrator.runCycle(WORKER);
    expect(result.counts).toMatchObject({ anchor_resets: 1, orders: 0 });
    expect((await h.store.positions.get(position.id))!.anchor!.toFixed()).toBe('160');
  });
});

describe('changes made between cycles', () => {
  it('are seen by the next cycle: a deposit enlarges the next buy and is never overwritten', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 98);
    await h.orchestrator.runCycle(WORKER);
    await h.positions.moveCash(position.id, { kind: 'deposit', amount: '5000' }, OPERATOR);
    h.market.set('ACME', 97);
    const result = await h.orchestrator.runCycle(WORKER);
    expect(result.counts.fills).toBe(1);
    const [order] = (await h.store.orders.list({ positionId: position.id }, { limit: 1 })).items;
    // With 10 000 in cash the rebalance formula buys more than the 5.234455 of worked example A.
    expect(order!.qty.greaterThan('5.234455')).toBe(true);
    const after = await h.store.positions.get(position.id);
    const cost = order!.qty.mul(97).add(order!.estFee);
    expect(after!.cash.toFixed()).toBe(new Decimal(10_000).sub(cost).toFixed());
  });
});

describe('the audit trail', () => {
  it('has gap-free sequence numbers and a chain that verifies, and refuses edits', async () => {
    await h.addPosition({ symbol: 'ACME' });
    for (const p of [97, 100, 103]) {
      h.market.set('ACME', p);
      await h.orchestrator.runCycle(WORKER);
    }
    const all = await h.store.audit.list({ order: 'asc' }, { limit: 500 });
    expect(all.items.map((e) => e.seq)).toEqual(all.items.map((_, i) => i + 1));
    expect(await h.store.audit.verify()).toMatchObject({ ok: true, checked: all.items.length });
    const raw = (
      h.store as unknown as {
        db: { updateTable: (t: string) => { set: (v: object) => { execute: () => Promise<unknown> } } };
      }
    ).db;
    await expect(raw.updateTable('events').set({ actor: 'mallory' }).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});
