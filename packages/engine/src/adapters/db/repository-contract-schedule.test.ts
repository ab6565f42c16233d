import { expect, it } from 'vitest';
import type { ScheduleRepository } from '../../application/ports/store.js';
import type { PortfolioRecord, PositionRecord } from '../../application/records.js';
import type { PositionId } from '../../domain/ids.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import { MINUTE, makePortfolio, makePosition, T0 } from '../../test-support/record-factories.js';

const SLOT = 29_461_860;

describeEachDialect('the schedule repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const schedule = () => ctx.db.store.schedule;

  async function portfolioWith(
    over: Partial<PortfolioRecord>,
    ...positionsOver: Partial<PositionRecord>[]
  ): Promise<PositionId[]> {
    const portfolio = makePortfolio(over);
    await ctx.db.store.portfolios.insert(portfolio);
    const made = positionsOver.map((o) => makePosition(portfolio, o));
    for (const p of made) await ctx.db.store.positions.insert(p);
    await ctx.db.store.transaction((tx) => tx.schedule.addMissing());
    return made.map((p) => p.id);
  }

  const many = (n: number): Partial<PositionRecord>[] =>
    Array.from({ length: n }, (_, i) => ({ symbol: `SYM${i % 7}` }));

  /** Takes batches of `size` until one comes back short, as a scheduled cycle does. */
  async function takeAll(repo: ScheduleRepository, slot: number, size: number): Promise<PositionId[]> {
    const taken: PositionId[] = [];
    for (;;) {
      const batch = await repo.takeDue(slot, size);
      taken.push(...batch.map((p) => p.id));
      if (batch.length < size) return taken;
    }
  }

  it('takes each due position once per slot, batch by batch, with its symbol, and all again the next slot', async () => {
    const ids = await portfolioWith({}, ...many(11));
    const first = await schedule().takeDue(SLOT, 4);
    expect(first.map((p) => p.id)).toEqual(ids.slice(0, 4));
    expect(first[0]!.symbol).toBe('SYM0');
    const rest = await takeAll(schedule(), SLOT, 4);
    expect([...first.map((p) => p.id), ...rest]).toEqual(ids);
    expect(await schedule().takeDue(SLOT, 4)).toEqual([]);
    expect((await takeAll(schedule(), SLOT + 1, 4)).sort()).toEqual(ids);
  });

  it('takes only positions that trade automatically', async () => {
    const [on, , , deleted] = await portfolioWith(
      {},
      {},
      { autoTradingEnabled: false },
      { anchor: null },
      {},
    );
    await ctx.db.store.positions.softDelete(deleted!, T0 + MINUTE);
    await portfolioWith({ state: 'halted' }, {});
    await portfolioWith({ autoTradingEnabled: false }, {});
    expect((await takeAll(schedule(), SLOT, 10)).sort()).toEqual([on]);
  });

  it('takes the same way inside a write transaction', async () => {
    const ids = await portfolioWith({}, ...many(3));
    const taken = await ctx.db.store.transaction((tx) => tx.schedule.takeDue(SLOT, 10));
    expect(taken.map((p) => p.id)).toEqual(ids);
    expect(await schedule().takeDue(SLOT, 10)).toEqual([]);
  });

  it('never gives a position to two engines taking the same slot at the same moment', async () => {
    const ids = await portfolioWith({}, ...many(120));
    const other = await ctx.db.openAnother(ctx.clock);
    // Four takers per store, outside any transaction: on PostgreSQL their statements overlap.
    const takers = [schedule(), other.schedule].flatMap((repo) =>
      Array.from({ length: 4 }, () => takeAll(repo, SLOT, 5)),
    );
    const taken = (await Promise.all(takers)).flat();
    expect(taken.sort()).toEqual(ids);
  });

  it.skipIf(dialect !== 'postgres')(
    'passes over the batch another engine is taking instead of waiting for it',
    async () => {
      const ids = await portfolioWith({}, ...many(6));
      const other = await ctx.db.openAnother(ctx.clock);
      // The first take is not committed yet (its transaction also holds the writers' lock) when the
      // other engine takes: it gets the next positions at once, none of the first's.
      const [mine, theirs] = await ctx.db.store.transaction(async (tx) => {
        const held = await tx.schedule.takeDue(SLOT, 3);
        return [held, await other.schedule.takeDue(SLOT, 10)];
      });
      expect(mine.map((p) => p.id)).toEqual(ids.slice(0, 3));
      expect(theirs.map((p) => p.id)).toEqual(ids.slice(3));
      expect(await other.schedule.takeDue(SLOT, 10)).toEqual([]);
    },
  );
});
