import type { RunCycleResult } from '@ballast/contracts';
import type { EventId, Instant } from '../../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { QuoteResult } from '../ports/market-data.js';
import type { Store } from '../ports/store.js';
import type { CycleRecord } from '../records.js';
import type { CycleTally } from './cycle-tally.js';

interface CycleRecorderDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Writes the cycle's row and its CycleStarted event, with the quotes it fetched; returns the event's id. */
export async function recordCycleStart(
  deps: CycleRecorderDeps,
  cycle: CycleRecord,
  quotes: ReadonlyMap<string, QuoteResult>,
  /** For a scheduled cycle, the slot its positions are taken for. */
  extra: { readonly slot?: number } = {},
): Promise<EventId> {
  const { store, ids } = deps;
  const eventId = ids.next() as EventId;
  const ok = [...quotes.values()].filter((q) => q.ok);
  await store.transaction(async (tx) => {
    await tx.cycles.insert(cycle);
    await tx.quotes.upsertMany(
      ok.map((q) => ({ symbol: q.symbol, price: q.price, quotedAt: q.quotedAt, provider: q.provider })),
    );
    await tx.audit.append([
      cycleEvent(eventId, 'CycleStarted', cycle, null, cycle.startedAt, {
        positions: cycle.positions,
        symbols: quotes.size,
        quotes_failed: quotes.size - ok.length,
        ...extra,
      }),
    ]);
  });
  return eventId;
}

/** Closes the cycle's row with its counts and writes CycleCompleted; returns the cycle's summary. */
export async function recordCycleEnd(
  deps: CycleRecorderDeps,
  cycle: CycleRecord,
  startedEventId: EventId,
  tally: CycleTally,
  interrupted: boolean,
): Promise<RunCycleResult> {
  const { store, clock, ids } = deps;
  const finished = clock.now();
  const done: CycleRecord = {
    ...cycle,
    status: interrupted ? 'interrupted' : 'completed',
    finishedAt: finished,
    durationMs: finished - cycle.startedAt,
    counts: tally.counts,
    error: interrupted
      ? `stopped before ${cycle.positions - tally.counts.evaluated} positions were evaluated`
      : null,
  };
  await store.transaction(async (tx) => {
    await tx.cycles.update(done);
    await tx.audit.append([
      cycleEvent(ids.next() as EventId, 'CycleCompleted', done, startedEventId, finished, {
        status: done.status,
        ...tally.counts,
        duration_ms: done.durationMs,
      }),
    ]);
  });
  return summaryOf(done, tally);
}

function cycleEvent(
  id: EventId,
  type: 'CycleStarted' | 'CycleCompleted',
  c: CycleRecord,
  parentId: EventId | null,
  at: Instant,
  payload: Record<string, unknown>,
) {
  return {
    id,
    type,
    occurredAt: at,
    source: c.source,
    actor: c.actor,
    cycleId: c.id,
    parentId,
    portfolioId: null,
    positionId: null,
    symbol: null,
    payload,
  };
}

function summaryOf(c: CycleRecord, tally: CycleTally): RunCycleResult {
  return {
    id: c.id,
    source: c.source,
    actor: c.actor,
    instance_id: c.instanceId,
    status: c.status,
    started_at: new Date(c.startedAt).toISOString(),
    finished_at: c.finishedAt === null ? null : new Date(c.finishedAt).toISOString(),
    duration_ms: c.durationMs,
    positions: c.positions,
    counts: c.counts,
    error: c.error,
    results: tally.results,
  };
}
