import { expect, it } from 'vitest';
import type { PortfolioRecord, PositionRecord } from '../../application/records.js';
import { Decimal } from '../../domain/decimal.js';
import type { PositionId } from '../../domain/ids.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import {
  MINUTE,
  makeOrder,
  makePortfolio,
  makePosition,
  nextId,
  plain,
  T0,
} from '../../test-support/record-factories.js';

describeEachDialect('the position repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const positions = () => ctx.db.store.positions;

  async function portfolioWith(
    over: Partial<PortfolioRecord>,
    ...positionsOver: Partial<PositionRecord>[]
  ): Promise<PositionRecord[]> {
    const portfolio = makePortfolio(over);
    await ctx.db.store.portfolios.insert(portfolio);
    const made = positionsOver.map((o) => makePosition(portfolio, o));
    for (const p of made) await positions().insert(p);
    return made;
  }

  it('stores exact decimals, a missing anchor and the parameters, and reads them back unchanged', async () => {
    const [a, b] = await portfolioWith(
      {},
      { shares: new Decimal('0.000001'), cash: new Decimal('12345678901234.567891'), anchor: null },
      { ordersDay: '2026-01-06', ordersToday: 3, version: 7, autoTradingEnabled: false },
    );
    expect(plain(await positions().get(a!.id))).toEqual(plain(a));
    const readB = await positions().get(b!.id);
    expect(plain(readB)).toEqual(plain(b));
    expect(readB!.version).toBe(7);
    expect(readB!.autoTradingEnabled).toBe(false);
    expect(await positions().get('position-missing' as PositionId)).toBeNull();
  });

  it('updates only the version it read, and counts the version up', async () => {
    const [p] = await portfolioWith({}, {});
    const moved = { ...p!, cash: new Decimal('5250.5'), updatedAt: T0 + MINUTE };
    expect(await positions().update(moved)).toBe(true);
    expect(await positions().update(moved)).toBe(false); // version 0 is no longer the stored one
    const stored = await positions().get(p!.id);
    expect(stored!.version).toBe(1);
    expect(stored!.cash.toFixed()).toBe('5250.5');
    expect(stored!.updatedAt).toBe(T0 + MINUTE);
  });

  it('saves a batch as given, version included, and leaves the other positions alone', async () => {
    const [a, b, c] = await portfolioWith({}, {}, {}, {});
    const changed = [
      { ...a!, shares: new Decimal('55.234455'), anchor: new Decimal('97'), version: 1, ordersToday: 1 },
      { ...b!, cash: new Decimal('4492.2071'), ordersDay: '2026-01-06', version: 4 },
    ];
    await positions().saveMany(changed);
    const stored = await positions().getMany([a!.id, b!.id, c!.id]);
    expect(plain(stored.sort((x, y) => x.id.localeCompare(y.id)))).toEqual(plain([...changed, c]));
  });

  it('hides soft-deleted positions from every read, one at a time or by portfolio', async () => {
    const [a, b] = await portfolioWith({}, {}, {});
    const [other] = await portfolioWith({}, {});
    await positions().softDelete(a!.id, T0 + MINUTE);
    expect(await positions().get(a!.id)).toBeNull();
    expect((await positions().getMany([a!.id, b!.id])).map((p) => p.id)).toEqual([b!.id]);
    expect([...(await positions().versions([a!.id, b!.id])).keys()]).toEqual([b!.id]);
    await positions().softDeleteByPortfolio(b!.portfolioId, T0 + 2 * MINUTE);
    expect(await positions().get(b!.id)).toBeNull();
    expect((await positions().list({}, { limit: 10 })).items.map((p) => p.id)).toEqual([other!.id]);
  });

  it('reads many ids and their versions past the size of one IN list', async () => {
    const [a, b] = await portfolioWith({}, { version: 2 }, { version: 5 });
    const unknown = Array.from({ length: 1_000 }, (_, i) => `position-x${i}` as PositionId);
    const ids = [...unknown.slice(0, 950), b!.id, ...unknown.slice(950), a!.id];
    expect((await positions().getMany(ids)).map((p) => p.id).sort()).toEqual([a!.id, b!.id]);
    expect(await positions().versions(ids)).toEqual(
      new Map([
        [b!.id, 5],
        [a!.id, 2],
      ]),
    );
  });

  it('lists newest first in pages, for one portfolio or all, and by several portfolios', async () => {
    const [a, b, c] = await portfolioWith({}, {}, {}, {});
    const [d] = await portfolioWith({}, {});
    const first = await positions().list({}, { limit: 3 });
    expect(first.items.map((p) => p.id)).toEqual([d!.id, c!.id, b!.id]);
    const second = await positions().list({}, { limit: 3, cursor: first.nextCursor! });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items.map((p) => p.id)).toEqual([a!.id]);
    const onePortfolio = await positions().list({ portfolioId: a!.portfolioId }, { limit: 10 });
    expect(onePortfolio.items.map((p) => p.id)).toEqual([c!.id, b!.id, a!.id]);
    const both = await positions().listByPortfolios([a!.portfolioId, d!.portfolioId]);
    expect(both.map((p) => p.id).sort()).toEqual([a!.id, b!.id, c!.id, d!.id]);
    expect(await positions().listByPortfolios([])).toEqual([]);
  });

  it('offers for trading only positions with an anchor and auto-trading on, in active portfolios, by id', async () => {
    const [traded] = await portfolioWith(
      {},
      { symbol: 'A' },
      { symbol: 'B', anchor: null },
      { symbol: 'C', autoTradingEnabled: false },
    );
    await portfolioWith({ autoTradingEnabled: false }, { symbol: 'D' });
    await portfolioWith({ state: 'paused' }, { symbol: 'E' });
    await portfolioWith({ state: 'halted' }, { symbol: 'F' });
    const [later] = await portfolioWith({}, { symbol: 'G' });
    const [deletedPortfolioPosition] = await portfolioWith({}, { symbol: 'H' });
    await ctx.db.store.portfolios.softDelete(deletedPortfolioPosition!.portfolioId, T0);
    expect(await positions().listActiveForTrading()).toEqual([
      { id: traded!.id, symbol: 'A' },
      { id: later!.id, symbol: 'G' },
    ]);
  });

  it('names the positions with an order still open (new, submitted, partially filled)', async () => {
    const made = await portfolioWith({}, {}, {}, {}, {}, {}, {});
    const statuses = ['new', 'submitted', 'partially_filled', 'filled', 'cancelled', 'rejected'] as const;
    await ctx.db.store.orders.insertMany(statuses.map((status, i) => makeOrder(made[i]!, { status })));
    const open = await positions().withOpenOrders(made.map((p) => p.id));
    expect([...open].sort()).toEqual([made[0]!.id, made[1]!.id, made[2]!.id]);
    expect(await positions().withOpenOrders([])).toEqual(new Set());
  });
});

describeEachDialect('position claims', (dialect) => {
  const ctx = useTestStore(dialect);
  const lease = T0 + MINUTE;
  const claim = (ids: PositionId[], owner: string, now = T0) =>
    ctx.db.store.transaction((tx) => tx.positions.claim(ids, owner, now + MINUTE, now));

  it('are taken when free, refused while another cycle holds them, and taken over when the lease ran out', async () => {
    const [a, b, c] = [
      nextId<PositionId>('position'),
      nextId<PositionId>('position'),
      nextId<PositionId>('position'),
    ];
    expect((await claim([a, b], 'cycle-1')).sort()).toEqual([a, b]);
    expect(await claim([a, b, c], 'cycle-2')).toEqual([c]);
    // The holder may claim again (a retry), which renews its lease.
    expect((await claim([a, b], 'cycle-1', T0 + 1_000)).sort()).toEqual([a, b]);
    expect(await claim([a], 'cycle-2', lease)).toEqual([]);
    expect(await claim([a], 'cycle-2', lease + 1_001)).toEqual([a]);
  });

  it('are released only by their owner', async () => {
    const [a, b] = [nextId<PositionId>('position'), nextId<PositionId>('position')];
    await claim([a], 'cycle-1');
    await claim([b], 'cycle-2');
    await ctx.db.store.transaction((tx) => tx.positions.release([a, b], 'cycle-1'));
    expect(await claim([a, b], 'cycle-3')).toEqual([a]);
  });

  it('work on batches larger than one statement (600 positions)', async () => {
    const ids = Array.from({ length: 600 }, () => nextId<PositionId>('position'));
    expect(await claim(ids.slice(0, 300), 'cycle-1')).toHaveLength(300);
    expect((await claim(ids, 'cycle-2')).sort()).toEqual(ids.slice(300));
    await ctx.db.store.transaction((tx) => tx.positions.release(ids, 'cycle-2'));
    expect((await claim(ids, 'cycle-3')).sort()).toEqual(ids.slice(300));
  });
});
