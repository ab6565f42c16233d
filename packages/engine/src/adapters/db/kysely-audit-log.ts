import { hash } from 'node:crypto';
import type { AuditVerifyResult, EventSource, EventType } from '@ballast/contracts';
import type { Selectable } from 'kysely';
import type { Clock } from '../../application/ports/clock.js';
import type { Page, PageRequest } from '../../application/ports/page.js';
import type { AuditLog, EventFilter } from '../../application/ports/store.js';
import type { EventDraft, StoredEvent } from '../../application/records.js';
import type { CycleId, EventId, Instant, PortfolioId, PositionId } from '../../domain/ids.js';
import { type BulkWriter, portableBulkWriter } from './bulk-writer.js';
import { decodeSeqCursor, encodeCursor } from './cursor.js';
import type { EventsTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { instant, iso } from './row-codecs.js';

export const GENESIS_HASH = '0'.repeat(64);
/** 15 columns × 500 rows per INSERT stays well inside SQLite's bound-value limit. */
const VERIFY_CHUNK = 2000;

type EventRow = Selectable<EventsTable>;

type HashedFields = Omit<EventRow, 'payload' | 'prev_hash' | 'hash'>;

/**
 * The canonical text of an event, the part its hash covers: a JSON array of every envelope field but
 * the hashes and the payload, in this fixed order, then a newline, then the payload's JSON text exactly
 * as stored. One native `JSON.stringify` of a short array per event, and anyone can recompute it from
 * the stored columns (docs/decisions/0004-audit-hash-chain.md).
 */
export function hashedText(r: HashedFields, payloadText: string): string {
  const envelope = JSON.stringify([
    Number(r.seq),
    r.id,
    r.type,
    r.occurred_at,
    r.recorded_at,
    r.source,
    r.actor,
    r.cycle_id,
    r.parent_id,
    r.portfolio_id,
    r.position_id,
    r.symbol,
  ]);
  return `${envelope}\n${payloadText}`;
}

/** hash = sha256(prev_hash + canonical event), hex. */
export function chainHash(prevHash: string, row: HashedFields, payloadText: string): string {
  return hash('sha256', prevHash + hashedText(row, payloadText), 'hex');
}

export function eventFromRow(r: EventRow): StoredEvent {
  return {
    id: r.id as EventId,
    seq: Number(r.seq),
    type: r.type as EventType,
    occurredAt: instant(r.occurred_at),
    recordedAt: instant(r.recorded_at),
    source: r.source as EventSource,
    actor: r.actor,
    cycleId: r.cycle_id as CycleId | null,
    parentId: r.parent_id as EventId | null,
    portfolioId: r.portfolio_id as PortfolioId | null,
    positionId: r.position_id as PositionId | null,
    symbol: r.symbol,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The append-only, hash-chained audit trail. `append` must run inside a write transaction: it reads
 * the head of the chain and extends it, so two writers can never interleave. Outside one (no
 * `onAppended`), it refuses before writing anything.
 */
export class KyselyAuditLog implements AuditLog {
  constructor(
    private readonly db: DbExecutor,
    private readonly clock: Clock,
    private readonly onAppended: ((events: StoredEvent[]) => void) | null,
    private readonly bulk: BulkWriter = portableBulkWriter,
  ) {}

  async append(drafts: readonly EventDraft[]): Promise<StoredEvent[]> {
    if (!this.onAppended) throw new Error('audit events must be appended inside store.transaction()');
    if (drafts.length === 0) return [];
    const head = await this.db
      .selectFrom('events')
      .select(['seq', 'hash', 'recorded_at'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = head ? Number(head.seq) : 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    // recorded_at never goes back, even if the system clock does: time ranges rely on it (seqAtOrAfter).
    const recordedAt = Math.max(this.clock.now(), head ? instant(head.recorded_at) : 0);
    const recordedText = iso(recordedAt);
    const rows: EventRow[] = new Array(drafts.length);
    const stored: StoredEvent[] = new Array(drafts.length);
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      seq += 1;
      const payload = JSON.stringify(d.payload);
      const row: EventRow = {
        seq,
        id: d.id,
        type: d.type,
        occurred_at: iso(d.occurredAt),
        recorded_at: recordedText,
        source: d.source,
        actor: d.actor,
        cycle_id: d.cycleId,
        parent_id: d.parentId,
        portfolio_id: d.portfolioId,
        position_id: d.positionId,
        symbol: d.symbol,
        payload,
        prev_hash: prevHash,
        hash: '',
      };
      row.hash = chainHash(prevHash, row, payload);
      prevHash = row.hash;
      rows[i] = row;
      stored[i] = {
        id: d.id,
        type: d.type,
        occurredAt: d.occurredAt,
        source: d.source,
        actor: d.actor,
        cycleId: d.cycleId,
        parentId: d.parentId,
        portfolioId: d.portfolioId,
        positionId: d.positionId,
        symbol: d.symbol,
        payload: d.payload,
        seq,
        recordedAt,
        prevHash: row.prev_hash,
        hash: row.hash,
      };
    }
    await this.bulk.appendEvents(this.db, rows);
    this.onAppended(stored);
    return stored;
  }

  async list(filter: EventFilter, page: PageRequest): Promise<Page<StoredEvent>> {
    const ascending = filter.order === 'asc';
    let q = this.db.selectFrom('events').selectAll();
    if (filter.source) q = q.where('source', '=', filter.source);
    if (filter.type) q = q.where('type', '=', filter.type);
    if (filter.portfolio_id) q = q.where('portfolio_id', '=', filter.portfolio_id);
    if (filter.position_id) q = q.where('position_id', '=', filter.position_id);
    if (filter.cycle_id) q = q.where('cycle_id', '=', filter.cycle_id);
    if (filter.since) q = q.where('seq', '>=', await this.seqAtOrAfter(Date.parse(filter.since)));
    if (filter.until) q = q.where('seq', '<', await this.seqAtOrAfter(Date.parse(filter.until)));
    if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
    if (page.cursor) q = q.where('seq', ascending ? '>' : '<', decodeSeqCursor(page.cursor));
    const rows = await q
      .orderBy('seq', ascending ? 'asc' : 'desc')
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit).map(eventFromRow);
    const nextCursor = rows.length > page.limit ? encodeCursor(items[items.length - 1]!.seq) : null;
    return { items, nextCursor };
  }

  /**
   * The first seq recorded at or after `at` (one past the last seq if none): a binary search over the
   * primary key, valid because `recorded_at` never decreases with seq.
   */
  private async seqAtOrAfter(at: Instant): Promise<number> {
    const target = iso(at);
    let lo = 1;
    let hi = (await this.lastSeq()) + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = await this.db
        .selectFrom('events')
        .select('recorded_at')
        .where('seq', '=', mid)
        .executeTakeFirst();
      if (row && row.recorded_at >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  async listByCycle(id: CycleId): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('cycle_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map(eventFromRow);
  }

  async get(seq: number): Promise<StoredEvent | null> {
    const row = await this.db.selectFrom('events').selectAll().where('seq', '=', seq).executeTakeFirst();
    return row ? eventFromRow(row) : null;
  }

  async lastSeq(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select('seq')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? Number(row.seq) : 0;
  }

  /** Walks the whole chain: gap-free `seq` from 1, each `prev_hash` the previous hash, each hash recomputed. */
  async verify(onProgress?: (checked: number) => void): Promise<AuditVerifyResult> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const rows = await this.db
        .selectFrom('events')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(VERIFY_CHUNK)
        .execute();
      for (const row of rows) {
        const problem = checkLink(row, expectedSeq, prevHash);
        if (problem)
          return { ok: false, checked: expectedSeq - 1, first_bad_seq: Number(row.seq), reason: problem };
        prevHash = row.hash;
        expectedSeq += 1;
      }
      onProgress?.(expectedSeq - 1);
      if (rows.length < VERIFY_CHUNK)
        return { ok: true, checked: expectedSeq - 1, first_bad_seq: null, reason: null };
    }
  }
}

function checkLink(row: EventRow, expectedSeq: number, prevHash: string): string | null {
  if (Number(row.seq) !== expectedSeq) return `sequence gap: expected seq ${expectedSeq}, found ${row.seq}`;
  if (row.prev_hash !== prevHash) return 'prev_hash does not match the hash of the previous event';
  const { payload, prev_hash: _p, hash, ...envelope } = row;
  const recomputed = chainHash(prevHash, envelope, payload);
  return recomputed === hash ? null : 'hash does not match the event content (the event was altered)';
}
