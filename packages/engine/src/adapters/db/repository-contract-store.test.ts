import { expect, it } from 'vitest';
import { TestClock } from '../../adapters/clock/test-clock.js';
import type { PositionId } from '../../domain/ids.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import {
  makeEventDraft,
  makeOrder,
  makePortfolio,
  makePosition,
  nextId,
  T0,
} from '../../test-support/record-factories.js';

describeEachDialect('the store', (dialect) => {
  const ctx = useTestStore(dialect);

  it('commits a transaction whole or not at all', async () => {
    const portfolio = makePortfolio();
    const position = makePosition(portfolio);
    await expect(
      ctx.db.store.transaction(async (tx) => {
        await tx.portfolios.insert(portfolio);
        await tx.positions.insert(position);
        await tx.orders.insertMany([makeOrder(position)]);
        await tx.audit.append([makeEventDraft()]);
        throw new Error('the broker call failed');
      }),
    ).rejects.toThrow('the broker call failed');
    expect(await ctx.db.store.portfolios.count()).toBe(0);
    expect(await ctx.db.store.orders.listOpen()).toEqual([]);
    expect(await ctx.db.store.audit.lastSeq()).toBe(0);
    const value = await ctx.db.store.transaction(async (tx) => {
      await tx.portfolios.insert(portfolio);
      return 'committed';
    });
    expect(value).toBe('committed');
    expect(await ctx.db.store.portfolios.count()).toBe(1);
  });

  it('answers a ping while open, and no longer once closed', async () => {
    const other = await ctx.db.openAnother(new TestClock(T0));
    await expect(other.ping()).resolves.toBeUndefined();
    await other.close();
    await expect(other.ping()).rejects.toThrow();
    await expect(ctx.db.store.ping()).resolves.toBeUndefined();
  });

  // Two engines are two processes. In one process two SQLite connections cannot take turns: the second
  // BEGIN IMMEDIATE blocks the thread the first needs to commit (test/ covers SQLite with processes).
  const twoEngines = it.skipIf(dialect === 'sqlite');

  twoEngines('keeps one gap-free hash chain while two engines append at the same time', async () => {
    const engines = [ctx.db.store, await ctx.db.openAnother(new TestClock(T0))];
    const writes = engines.flatMap((store, e) =>
      Array.from({ length: 15 }, (_, i) =>
        store.transaction((tx) =>
          tx.audit.append(Array.from({ length: 4 }, () => makeEventDraft({ actor: `engine-${e}-${i}` }))),
        ),
      ),
    );
    const appended = (await Promise.all(writes)).flat();
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
    expect(await engines[1]!.audit.verify()).toEqual({
      ok: true,
      checked: 120,
      first_bad_seq: null,
      reason: null,
    });
  });

  twoEngines('never hands one position to two engines claiming at the same time', async () => {
    const engines = [ctx.db.store, await ctx.db.openAnother(new TestClock(T0))];
    const ids = Array.from({ length: 200 }, () => nextId<PositionId>('position'));
    const halves = [ids.slice(0, 100), ids.slice(100)];
    const claims = engines.flatMap((store, e) =>
      [halves[0]!, halves[1]!, ids].map((wanted) =>
        store.transaction((tx) => tx.positions.claim(wanted, `cycle-${e}`, T0 + 60_000, T0)),
      ),
    );
    const results = await Promise.all(claims);
    const byOwner = [results.slice(0, 3).flat(), results.slice(3).flat()];
    expect(new Set(byOwner[0]).size + new Set(byOwner[1]).size).toBe(200);
    expect(byOwner[0]!.filter((id) => byOwner[1]!.includes(id))).toEqual([]);
  });
});
