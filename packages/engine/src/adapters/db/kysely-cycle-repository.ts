import type { CycleCounts, EventSource } from '@ballast/contracts';
import type { Selectable } from 'kysely';
import type { Page, PageRequest } from '../../application/ports/page.js';
import type { CycleRepository } from '../../application/ports/store.js';
import type { CycleRecord, CycleStatus } from '../../application/records.js';
import type { CycleId } from '../../domain/ids.js';
import { pageById } from './cursor.js';
import type { CyclesTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { instant, instantOrNull, iso, isoOrNull } from './row-codecs.js';

function cycleFromRow(r: Selectable<CyclesTable>): CycleRecord {
  return {
    id: r.id as CycleId,
    source: r.source as EventSource,
    actor: r.actor,
    instanceId: r.instance_id,
    status: r.status as CycleStatus,
    startedAt: instant(r.started_at),
    finishedAt: instantOrNull(r.finished_at),
    durationMs: r.duration_ms,
    positions: r.positions,
    counts: JSON.parse(r.counts) as CycleCounts,
    error: r.error,
  };
}

function rowOf(c: CycleRecord): Selectable<CyclesTable> {
  return {
    id: c.id,
    source: c.source,
    actor: c.actor,
    instance_id: c.instanceId,
    status: c.status,
    started_at: iso(c.startedAt),
    finished_at: isoOrNull(c.finishedAt),
    duration_ms: c.durationMs,
    positions: c.positions,
    counts: JSON.stringify(c.counts),
    error: c.error,
  };
}

export class KyselyCycleRepository implements CycleRepository {
  constructor(private readonly db: DbExecutor) {}

  async insert(c: CycleRecord): Promise<void> {
    await this.db.insertInto('cycles').values(rowOf(c)).execute();
  }

  async update(c: CycleRecord): Promise<void> {
    const { id, ...changes } = rowOf(c);
    await this.db.updateTable('cycles').set(changes).where('id', '=', id).execute();
  }

  async get(id: CycleId): Promise<CycleRecord | null> {
    const row = await this.db.selectFrom('cycles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? cycleFromRow(row) : null;
  }

  /** Cycle ids are time-ordered (UUIDv7), so the id alone orders them newest first. */
  async list(filter: { source?: EventSource | undefined }, page: PageRequest): Promise<Page<CycleRecord>> {
    let q = this.db.selectFrom('cycles').selectAll();
    if (filter.source) q = q.where('source', '=', filter.source);
    return pageById(q, page, cycleFromRow);
  }

  async latest(source: EventSource): Promise<CycleRecord | null> {
    const row = await this.db
      .selectFrom('cycles')
      .selectAll()
      .where('source', '=', source)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? cycleFromRow(row) : null;
  }

  async listRunningOf(instanceId: string): Promise<CycleRecord[]> {
    const rows = await this.db
      .selectFrom('cycles')
      .selectAll()
      .where('status', '=', 'running')
      .where('instance_id', '=', instanceId)
      .orderBy('id')
      .execute();
    return rows.map(cycleFromRow);
  }
}
