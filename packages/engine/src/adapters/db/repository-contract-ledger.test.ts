import { expect, it } from 'vitest';
import type { PositionRecord } from '../../application/records.js';
import { Decimal } from '../../domain/decimal.js';
import type { OrderId, PortfolioId, PositionId } from '../../domain/ids.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import {
  MINUTE,
  makeCashMovement,
  makeOrder,
  makePortfolio,
  makePosition,
  makeTrade,
  plain,
  T0,
} from '../../test-support/record-factories.js';

describeEachDialect('the portfolio repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const portfolios = () => ctx.db.store.portfolios;

  it('stores a portfolio and reads it back unchanged; an unknown id is null', async () => {
    const p = makePortfolio({ name: 'Pension', state: 'paused', marketHours: 'regular', isDemo: true });
    await portfolios().insert(p);
    expect(plain(await portfolios().get(p.id))).toEqual(plain(p));
    expect(await portfolios().get('portfolio-missing' as PortfolioId)).toBeNull();
  });

  it('updates everything but the creation time', async () => {
    const p = makePortfolio();
    await portfolios().insert(p);
    const changed = { ...p, name: 'Renamed', state: 'halted' as const, autoTradingEnabled: false };
    await portfolios().update({ ...changed, createdAt: T0 + MINUTE, updatedAt: T0 + MINUTE });
    expect(plain(await portfolios().get(p.id))).toEqual(plain({ ...changed, updatedAt: T0 + MINUTE }));
  });

  it('lists newest first in pages, skips deleted ones, and still counts every portfolio ever made', async () => {
    const [a, b, c] = [makePortfolio(), makePortfolio(), makePortfolio()];
    for (const p of [a, b, c]) await portfolios().insert(p);
    await portfolios().softDelete(b.id, T0 + MINUTE);
    const first = await portfolios().list({ limit: 1 });
    expect(first.items.map((p) => p.id)).toEqual([c.id]);
    const rest = await portfolios().list({ limit: 1, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ nextCursor: null, items: [{ id: a.id }] });
    expect(await portfolios().get(b.id)).toBeNull();
    expect([...(await portfolios().getMany([a.id, b.id, c.id])).keys()].sort()).toEqual([a.id, c.id]);
    expect(await portfolios().getMany([])).toEqual(new Map());
    expect(await portfolios().count()).toBe(3);
  });
});

describeEachDialect('orders, trades and cash movements', (dialect) => {
  const ctx = useTestStore(dialect);
  const store = () => ctx.db.store;

  async function twoPositions(): Promise<[PositionRecord, PositionRecord]> {
    const portfolio = makePortfolio();
    await store().portfolios.insert(portfolio);
    const a = makePosition(portfolio, { symbol: 'ACME' });
    const b = makePosition(portfolio, { symbol: 'BOLT' });
    await store().positions.insert(a);
    await store().positions.insert(b);
    return [a, b];
  }

  it('stores orders exactly, and saves only their new status, reason and update time', async () => {
    const [a] = await twoPositions();
    const order = makeOrder(a, { qty: new Decimal('0.000001'), side: 'sell', source: 'api/manual' });
    await store().orders.insertMany([order]);
    expect(plain(await store().orders.get(order.id))).toEqual(plain(order));
    const rejected = { ...order, status: 'rejected' as const, reason: 'no cash', updatedAt: T0 + MINUTE };
    await store().orders.saveMany([{ ...rejected, qty: new Decimal('999') }]);
    expect(plain(await store().orders.get(order.id))).toEqual(plain(rejected));
    expect(await store().orders.get('order-missing' as OrderId)).toBeNull();
  });

  it('refuses a second order with the same client order id', async () => {
    const [a] = await twoPositions();
    const order = makeOrder(a);
    await store().orders.insertMany([order]);
    await expect(
      store().orders.insertMany([makeOrder(a, { clientOrderId: order.clientOrderId })]),
    ).rejects.toThrow();
    expect((await store().orders.list({}, { limit: 10 })).items).toHaveLength(1);
  });

  it('lists orders newest first by portfolio, position and status, in pages; open ones oldest first', async () => {
    const [a, b] = await twoPositions();
    const o1 = makeOrder(a, { status: 'filled' });
    const o2 = makeOrder(b, { status: 'submitted' });
    const o3 = makeOrder(a, { status: 'new' });
    const o4 = makeOrder(b, { status: 'partially_filled' });
    await store().orders.insertMany([o1, o2, o3, o4]);
    const ids = async (filter: object, limit = 10) =>
      (await store().orders.list(filter, { limit })).items.map((o) => o.id);
    expect(await ids({ positionId: a.id })).toEqual([o3.id, o1.id]);
    expect(await ids({ portfolioId: a.portfolioId })).toEqual([o4.id, o3.id, o2.id, o1.id]);
    expect(await ids({ status: 'submitted' })).toEqual([o2.id]);
    const page = await store().orders.list({}, { limit: 3 });
    expect(await store().orders.list({}, { limit: 3, cursor: page.nextCursor! })).toMatchObject({
      items: [{ id: o1.id }],
      nextCursor: null,
    });
    expect((await store().orders.listOpen()).map((o) => o.id)).toEqual([o2.id, o3.id, o4.id]);
  });

  it('stores trades exactly and lists them newest first in pages, or oldest first for one position', async () => {
    const [a, b] = await twoPositions();
    const orders = [makeOrder(a), makeOrder(b), makeOrder(a)];
    await store().orders.insertMany(orders);
    const trades = orders.map((o, i) => makeTrade(o, { executedAt: T0 + i * MINUTE }));
    await store().trades.insertMany(trades);
    const [t1, t2, t3] = trades;
    const all = await store().trades.list({}, { limit: 2 });
    expect(plain(all.items)).toEqual(plain([t3, t2]));
    expect(await store().trades.list({}, { limit: 2, cursor: all.nextCursor! })).toMatchObject({
      nextCursor: null,
    });
    const byPosition = await store().trades.list({ positionId: a.id }, { limit: 10 });
    expect(byPosition.items.map((t) => t.id)).toEqual([trades[2]!.id, trades[0]!.id]);
    const byPortfolio = await store().trades.list({ portfolioId: a.portfolioId }, { limit: 10 });
    expect(byPortfolio.items).toHaveLength(3);
    expect(plain(await store().trades.listByPosition(a.id))).toEqual(plain([t1, t3]));
    expect(await store().trades.listByPosition('position-missing' as PositionId)).toEqual([]);
  });

  it('records deposits and withdrawals per position, oldest first, to the cent and beyond', async () => {
    const [a, b] = await twoPositions();
    const deposit = makeCashMovement(a, { amount: new Decimal('1000.01'), note: 'top up' });
    const withdrawal = makeCashMovement(a, { kind: 'withdrawal', amount: new Decimal('0.0001') });
    await store().cashMovements.insert(deposit);
    await store().cashMovements.insert(makeCashMovement(b));
    await store().cashMovements.insert(withdrawal);
    expect(plain(await store().cashMovements.listByPosition(a.id))).toEqual(plain([deposit, withdrawal]));
  });

  it('many rows at once, more than one statement holds (1 200 orders and trades)', async () => {
    const [a] = await twoPositions();
    const orders = Array.from({ length: 1_200 }, () => makeOrder(a, { status: 'filled' }));
    await store().transaction(async (tx) => {
      await tx.orders.insertMany(orders);
      await tx.trades.insertMany(orders.map((o) => makeTrade(o)));
      await tx.orders.saveMany(orders.map((o) => ({ ...o, status: 'cancelled' as const })));
    });
    expect(await store().trades.listByPosition(a.id)).toHaveLength(1_200);
    const page = await store().orders.list({ status: 'cancelled' }, { limit: 500 });
    expect(page.items).toHaveLength(500);
    expect(page.items[0]!.id).toBe(orders.at(-1)!.id);
  });
});
