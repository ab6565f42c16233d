import { expect, it } from 'vitest';
import type { EventFilter } from '../../application/ports/store.js';
import type { EventDraft, StoredEvent } from '../../application/records.js';
import type { CycleId, PortfolioId, PositionId } from '../../domain/ids.js';
import { describeEachDialect, type TestDialect, useTestStore } from '../../test-support/dialects.js';
import { MINUTE, makeEventDraft, plain, T0 } from '../../test-support/record-factories.js';
import { GENESIS_HASH } from './kysely-audit-log.js';

/** How each dialect lets an operator with raw access switch the append-only trigger off. */
const DISABLE_UPDATE_GUARD: Record<TestDialect, string> = {
  sqlite: 'DROP TRIGGER events_append_only_update',
  postgres: 'ALTER TABLE events DISABLE TRIGGER events_append_only',
};

const C1 = 'cycle-c1' as CycleId;
const C2 = 'cycle-c2' as CycleId;
const P1 = 'portfolio-p1' as PortfolioId;
const P2 = 'portfolio-p2' as PortfolioId;
const X1 = 'position-x1' as PositionId;
const X2 = 'position-x2' as PositionId;
const X3 = 'position-x3' as PositionId;

describeEachDialect('the audit log', (dialect) => {
  const ctx = useTestStore(dialect);
  const audit = () => ctx.db.store.audit;
  const append = (...drafts: EventDraft[]) => ctx.db.store.transaction((tx) => tx.audit.append(drafts));

  /** Five events over four minutes, from two cycles, two sources, two portfolios and three positions. */
  async function story(): Promise<StoredEvent[]> {
    const out = await append(
      makeEventDraft({ cycleId: C1, portfolioId: P1, positionId: X1 }),
      makeEventDraft({ type: 'TriggerEvaluated', cycleId: C1, portfolioId: P1, positionId: X1 }),
    );
    ctx.clock.set(T0 + MINUTE);
    out.push(
      ...(await append(
        makeEventDraft({
          type: 'OrderCreated',
          source: 'api/manual',
          cycleId: C2,
          portfolioId: P1,
          positionId: X2,
        }),
      )),
    );
    ctx.clock.set(T0 + 2 * MINUTE);
    out.push(
      ...(await append(
        makeEventDraft({ source: 'api/manual', cycleId: C2, portfolioId: P2, positionId: X3 }),
      )),
    );
    ctx.clock.set(T0 + 3 * MINUTE);
    out.push(...(await append(makeEventDraft({ type: 'CycleCompleted', symbol: null, payload: {} }))));
    return out;
  }

  const seqs = async (filter: EventFilter, limit = 50) =>
    (await audit().list(filter, { limit })).items.map((e) => e.seq);

  it('gives each event the next seq, chains its hash from the genesis, and stores it as returned', async () => {
    const stored = await story();
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stored[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.prevHash).toBe(stored[i - 1]!.hash);
    expect(stored.map((e) => e.recordedAt)).toEqual([T0, T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE]);
    for (const e of stored) expect(plain(await audit().get(e.seq))).toEqual(plain(e));
    const read = await audit().get(1);
    expect(typeof read!.seq).toBe('number');
    expect(await audit().get(6)).toBeNull();
    expect(await audit().lastSeq()).toBe(5);
  });

  it('never records an event before the last one, even when the clock goes back', async () => {
    ctx.clock.set(T0 + MINUTE);
    await append(makeEventDraft());
    ctx.clock.set(T0);
    const [later] = await append(makeEventDraft());
    expect(later!.recordedAt).toBe(T0 + MINUTE);
  });

  it('appends only inside a transaction, and announces events only once they are committed', async () => {
    expect(await audit().lastSeq()).toBe(0);
    await expect(audit().append([makeEventDraft()])).rejects.toThrow(/inside store.transaction/);
    const announced: number[][] = [];
    ctx.db.store.onEventsCommitted((events) => announced.push(events.map((e) => e.seq)));
    await expect(
      ctx.db.store.transaction(async (tx) => {
        await tx.audit.append([makeEventDraft()]);
        throw new Error('the cycle failed half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await audit().lastSeq()).toBe(0);
    await append(makeEventDraft(), makeEventDraft());
    expect(announced).toEqual([[1, 2]]);
  });

  it('lists by source, type, portfolio, position and cycle, newest first unless asked', async () => {
    await story();
    expect(await seqs({})).toEqual([5, 4, 3, 2, 1]);
    expect(await seqs({ order: 'asc' })).toEqual([1, 2, 3, 4, 5]);
    expect(await seqs({ source: 'api/manual' })).toEqual([4, 3]);
    expect(await seqs({ type: 'PriceEvent' })).toEqual([4, 1]);
    expect(await seqs({ portfolio_id: P1 })).toEqual([3, 2, 1]);
    expect(await seqs({ position_id: X1 })).toEqual([2, 1]);
    expect(await seqs({ cycle_id: C2 })).toEqual([4, 3]);
    expect(await seqs({ cycle_id: C2, type: 'OrderCreated', source: 'api/manual' })).toEqual([3]);
    expect(await seqs({ afterSeq: 3, order: 'asc' })).toEqual([4, 5]);
  });

  it('lists a time range of recorded_at: since inclusive, until exclusive', async () => {
    await story();
    const at = (ms: number) => new Date(ms).toISOString();
    expect(await seqs({ since: at(T0 + MINUTE) })).toEqual([5, 4, 3]);
    expect(await seqs({ until: at(T0 + MINUTE) })).toEqual([2, 1]);
    expect(await seqs({ since: at(T0 + 1), until: at(T0 + 3 * MINUTE) })).toEqual([4, 3]);
    expect(await seqs({ since: at(T0 + 10 * MINUTE) })).toEqual([]);
    expect(await seqs({ until: at(T0 - 1) })).toEqual([]);
  });

  it('pages with a cursor in both directions, and says when there is no next page', async () => {
    await story();
    const first = await audit().list({}, { limit: 2 });
    expect(first.items.map((e) => e.seq)).toEqual([5, 4]);
    const second = await audit().list({}, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.seq)).toEqual([3, 2]);
    const last = await audit().list({}, { limit: 2, cursor: second.nextCursor! });
    expect(last).toMatchObject({ items: [{ seq: 1 }], nextCursor: null });
    const up = await audit().list({ order: 'asc', source: 'worker' }, { limit: 2 });
    expect(up.items.map((e) => e.seq)).toEqual([1, 2]);
    const upNext = await audit().list(
      { order: 'asc', source: 'worker' },
      { limit: 2, cursor: up.nextCursor! },
    );
    expect(upNext).toMatchObject({ items: [{ seq: 5 }], nextCursor: null });
  });

  it('lists one cycle oldest first', async () => {
    const stored = await story();
    expect(plain(await audit().listByCycle(C1))).toEqual(plain(stored.slice(0, 2)));
    expect((await audit().listByCycle(C2)).map((e) => e.seq)).toEqual([3, 4]);
    expect(await audit().listByCycle('cycle-none' as CycleId)).toEqual([]);
  });

  it('verifies a chain longer than one read (2 500 events), reporting progress', async () => {
    const drafts = Array.from({ length: 2_500 }, (_, i) => makeEventDraft({ payload: { i } }));
    await append(...drafts);
    const progress: number[] = [];
    expect(await audit().verify((n) => progress.push(n))).toEqual({
      ok: true,
      checked: 2_500,
      first_bad_seq: null,
      reason: null,
    });
    expect(progress).toEqual([2_000, 2_500]);
  });

  it('refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL) in the database itself', async () => {
    await story();
    await expect(ctx.db.query(`UPDATE events SET actor = 'mallory' WHERE seq = 2`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.db.query('DELETE FROM events WHERE seq = 5')).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(ctx.db.query('TRUNCATE events')).rejects.toThrow(/append-only/);
    expect(await audit().lastSeq()).toBe(5);
    expect(await audit().verify()).toMatchObject({ ok: true, checked: 5 });
  });

  it('finds an event altered behind the trigger’s back', async () => {
    await story();
    await ctx.db.query(DISABLE_UPDATE_GUARD[dialect]);
    await ctx.db.query(`UPDATE events SET actor = 'mallory' WHERE seq = 3`);
    expect(await audit().verify()).toEqual({
      ok: false,
      checked: 2,
      first_bad_seq: 3,
      reason: 'hash does not match the event content (the event was altered)',
    });
  });
});
