import { expect, it } from 'vitest';
import type { LabJobEnd } from '../../application/records.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import { MINUTE, makeLabJob, T0 } from '../../test-support/record-factories.js';

describeEachDialect('the lab job repository', (dialect) => {
  const ctx = useTestStore(dialect);
  const jobs = () => ctx.db.store.labJobs;
  const completed = (resultJson: string): LabJobEnd => ({
    status: 'completed',
    finishedAt: T0 + MINUTE,
    error: null,
    outcome: { metrics: { return_pct: 12.5 } },
    resultJson,
    done: 1_860,
  });

  it('stores a queued job, then its start, its progress and its end, exactly once', async () => {
    const job = makeLabJob();
    await jobs().insert(job);
    expect(await jobs().get('simulation', job.id)).toEqual(job);
    expect(await jobs().get('optimization', job.id)).toBeNull();

    expect(await jobs().markRunning(job.id, T0 + 1_000)).toBe(true);
    expect(await jobs().markRunning(job.id, T0 + 2_000)).toBe(false);
    expect(await jobs().saveProgress(job.id, 930, 1_860, T0 + 5_000)).toBe(true);
    expect(await jobs().get('simulation', job.id)).toEqual({
      ...job,
      status: 'running',
      startedAt: T0 + 1_000,
      done: 930,
      heartbeatAt: T0 + 5_000,
    });
    expect(await jobs().getResult('simulation', job.id)).toBeNull();

    expect(await jobs().finish(job.id, completed('{"trades":[]}'))).toBe(true);
    // Whoever ends a job first wins: a late cancel, failure or progress changes nothing.
    const late: LabJobEnd = {
      status: 'cancelled',
      finishedAt: T0 + 2 * MINUTE,
      error: 'late',
      outcome: null,
      resultJson: null,
    };
    expect(await jobs().finish(job.id, late)).toBe(false);
    expect(await jobs().saveProgress(job.id, 1, 1_860, T0 + 3 * MINUTE)).toBe(false);
    expect(await jobs().get('simulation', job.id)).toMatchObject({
      status: 'completed',
      finishedAt: T0 + MINUTE,
      done: 1_860,
      error: null,
      outcome: { metrics: { return_pct: 12.5 } },
    });
    expect(await jobs().getResult('simulation', job.id)).toBe('{"trades":[]}');
  });

  it('lists one kind newest first in pages, without results, and finds the unfinished of both kinds', async () => {
    const a = makeLabJob();
    const b = makeLabJob({ kind: 'optimization', request: { rank_by: 'sharpe' } });
    const c = makeLabJob({ status: 'running', startedAt: T0 });
    const d = makeLabJob();
    for (const job of [a, b, c, d]) await jobs().insert(job);
    await jobs().finish(d.id, completed('[]'));
    const first = await jobs().list('simulation', { limit: 2 });
    expect(first.items.map((j) => j.id)).toEqual([d.id, c.id]);
    const second = await jobs().list('simulation', { limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [{ id: a.id }], nextCursor: null });
    expect((await jobs().list('optimization', { limit: 10 })).items).toEqual([b]);
    expect((await jobs().listUnfinished()).map((j) => j.id)).toEqual([a.id, b.id, c.id]);
  });

  it('keeps an uploaded CSV with its job, found by id whatever the kind, and read only on request', async () => {
    const upload = `timestamp,close\n${Array.from({ length: 50_000 }, (_, i) => `2026-01-01T00:${i},1${i}`).join('\n')}`;
    const job = makeLabJob({ kind: 'optimization', request: { bars: { kind: 'csv' } } });
    const plain = makeLabJob();
    await jobs().insert(job, upload);
    await jobs().insert(plain);
    expect(await jobs().getBarsText(job.id)).toBe(upload);
    expect(await jobs().getBarsText(plain.id)).toBeNull();
    expect(await jobs().getBarsText('no-such-job')).toBeNull();
    expect(await jobs().find(job.id)).toEqual(job);
    expect(await jobs().find(plain.id)).toEqual(plain);
    expect(await jobs().find('no-such-job')).toBeNull();
  });

  it('keeps a result of several megabytes whole', async () => {
    const job = makeLabJob({ status: 'running' });
    await jobs().insert(job);
    const trade = {
      index: 1,
      at: '2026-01-06T15:00:00.000Z',
      side: 'buy',
      qty: '5.234455',
      price: '97',
      reason: 'buy trigger',
    };
    const big = JSON.stringify({
      trades: Array.from({ length: 40_000 }, (_, i) => ({ ...trade, index: i })),
    });
    expect(big.length).toBeGreaterThan(4_000_000);
    await jobs().finish(job.id, completed(big));
    expect(await jobs().getResult('simulation', job.id)).toBe(big);
  });
});
