import { expect, it } from 'vitest';
import type { SymbolQuoteRecord } from '../../application/records.js';
import { Decimal } from '../../domain/decimal.js';
import type { CycleId } from '../../domain/ids.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import { MINUTE, makeCycle, makeWorkerInstance, plain, T0 } from '../../test-support/record-factories.js';

describeEachDialect('the cycle repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const cycles = () => ctx.db.store.cycles;

  it('stores a running cycle and then its outcome', async () => {
    const cycle = makeCycle();
    await cycles().insert(cycle);
    expect(plain(await cycles().get(cycle.id))).toEqual(plain(cycle));
    const done = {
      ...cycle,
      status: 'completed' as const,
      finishedAt: T0 + 1_250,
      durationMs: 1_250,
      counts: { ...cycle.counts, evaluated: 3, orders: 1, fills: 1, holds: 2 },
      error: null,
    };
    await cycles().update(done);
    expect(plain(await cycles().get(cycle.id))).toEqual(plain(done));
    expect(await cycles().get('cycle-missing' as CycleId)).toBeNull();
  });

  it('lists newest first in pages, by source, and finds the latest of a source', async () => {
    const a = makeCycle();
    const b = makeCycle({ source: 'api/manual', actor: 'token:ops', instanceId: null });
    const c = makeCycle();
    for (const cycle of [a, b, c]) await cycles().insert(cycle);
    const first = await cycles().list({}, { limit: 2 });
    expect(first.items.map((x) => x.id)).toEqual([c.id, b.id]);
    expect(await cycles().list({}, { limit: 2, cursor: first.nextCursor! })).toMatchObject({
      items: [{ id: a.id }],
      nextCursor: null,
    });
    expect((await cycles().list({ source: 'worker' }, { limit: 10 })).items.map((x) => x.id)).toEqual([
      c.id,
      a.id,
    ]);
    expect((await cycles().latest('worker'))!.id).toBe(c.id);
    expect((await cycles().latest('api/manual'))!.id).toBe(b.id);
    expect(await cycles().latest('simulation')).toBeNull();
  });
});

describeEachDialect('the worker state repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const worker = () => ctx.db.store.worker;

  it('has no settings on a new database, then keeps the last ones saved', async () => {
    expect(await worker().getSettings()).toBeNull();
    const first = { enabled: false, intervalSeconds: 30, updatedAt: T0, updatedBy: 'token:ops' };
    await worker().saveSettings(first);
    expect(await worker().getSettings()).toEqual(first);
    const second = { enabled: true, intervalSeconds: 5, updatedAt: T0 + MINUTE, updatedBy: 'admin' };
    await worker().saveSettings(second);
    expect(await worker().getSettings()).toEqual(second);
  });

  it('keeps one row per instance, most recent heartbeat first, at most 50', async () => {
    const quiet = makeWorkerInstance({ heartbeatAt: T0 });
    const busy = makeWorkerInstance({ heartbeatAt: T0 + MINUTE });
    await worker().upsertInstance(quiet);
    await worker().upsertInstance(busy);
    const stopped = {
      ...quiet,
      heartbeatAt: T0 + 2 * MINUTE,
      stoppedAt: T0 + 2 * MINUTE,
      lastCycleId: 'cycle-9' as CycleId,
      nextCycleAt: null,
      enabled: false,
    };
    await worker().upsertInstance(stopped);
    expect(plain(await worker().listInstances())).toEqual(plain([stopped, busy]));
    for (let i = 0; i < 60; i++)
      await worker().upsertInstance(makeWorkerInstance({ heartbeatAt: T0 + (3 + i) * MINUTE }));
    const listed = await worker().listInstances();
    expect(listed).toHaveLength(50);
    expect(listed[0]!.heartbeatAt).toBe(T0 + 62 * MINUTE);
  });
});

describeEachDialect('the quote repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const quotes = () => ctx.db.store.quotes;
  const quote = (symbol: string, price: string, at = T0): SymbolQuoteRecord => ({
    symbol,
    price: new Decimal(price),
    quotedAt: at,
    provider: 'simulated',
  });

  it('keeps the last price per symbol, and leaves out symbols it has never seen', async () => {
    await quotes().upsertMany([quote('ACME', '97.125'), quote('BOLT', '12')]);
    await quotes().upsertMany([{ ...quote('ACME', '98.5', T0 + MINUTE), provider: 'replay' }]);
    const got = await quotes().getMany(['ACME', 'BOLT', 'NOPE']);
    expect(plain([...got.values()].sort((a, b) => a.symbol.localeCompare(b.symbol)))).toEqual(
      plain([{ ...quote('ACME', '98.5', T0 + MINUTE), provider: 'replay' }, quote('BOLT', '12')]),
    );
    expect(await quotes().getMany([])).toEqual(new Map());
  });

  it('writes and reads more symbols than one statement holds (1 100)', async () => {
    const many = Array.from({ length: 1_100 }, (_, i) => quote(`S${i}`, `${i}.5`));
    await quotes().upsertMany(many);
    const got = await quotes().getMany(many.map((q) => q.symbol));
    expect(got.size).toBe(1_100);
    expect(got.get('S1099')!.price.toFixed()).toBe('1099.5');
  });
});
