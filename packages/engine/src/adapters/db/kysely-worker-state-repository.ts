import type { WorkerStateRepository } from '../../application/ports/store.js';
import type { WorkerInstanceRecord, WorkerSettings } from '../../application/records.js';
import type { CycleId } from '../../domain/ids.js';
import type { DbExecutor } from './db-executor.js';
import { bool, flag, instant, instantOrNull, iso, isoOrNull } from './row-codecs.js';

export class KyselyWorkerStateRepository implements WorkerStateRepository {
  constructor(private readonly db: DbExecutor) {}

  async getSettings(): Promise<WorkerSettings | null> {
    const row = await this.db
      .selectFrom('worker_settings')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!row) return null;
    return {
      enabled: bool(row.enabled),
      intervalSeconds: row.interval_seconds,
      updatedAt: instant(row.updated_at),
      updatedBy: row.updated_by,
    };
  }

  async saveSettings(s: WorkerSettings): Promise<void> {
    const values = {
      enabled: flag(s.enabled),
      interval_seconds: s.intervalSeconds,
      updated_at: iso(s.updatedAt),
      updated_by: s.updatedBy,
    };
    await this.db
      .insertInto('worker_settings')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  async upsertInstance(i: WorkerInstanceRecord): Promise<void> {
    const values = {
      host: i.host,
      pid: i.pid,
      started_at: iso(i.startedAt),
      heartbeat_at: iso(i.heartbeatAt),
      stopped_at: isoOrNull(i.stoppedAt),
      last_cycle_id: i.lastCycleId,
      next_cycle_at: isoOrNull(i.nextCycleAt),
      enabled: flag(i.enabled),
      interval_seconds: i.intervalSeconds,
    };
    await this.db
      .insertInto('worker_instances')
      .values({ instance_id: i.instanceId, ...values })
      .onConflict((oc) => oc.column('instance_id').doUpdateSet(values))
      .execute();
  }

  async listInstances(): Promise<WorkerInstanceRecord[]> {
    const rows = await this.db
      .selectFrom('worker_instances')
      .selectAll()
      .orderBy('heartbeat_at', 'desc')
      .limit(50)
      .execute();
    return rows.map((r) => ({
      instanceId: r.instance_id,
      host: r.host,
      pid: r.pid,
      startedAt: instant(r.started_at),
      heartbeatAt: instant(r.heartbeat_at),
      stoppedAt: instantOrNull(r.stopped_at),
      lastCycleId: r.last_cycle_id as CycleId | null,
      nextCycleAt: instantOrNull(r.next_cycle_at),
      enabled: bool(r.enabled),
      intervalSeconds: r.interval_seconds,
    }));
  }
}
