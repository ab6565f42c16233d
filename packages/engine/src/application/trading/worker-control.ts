import type { CycleSummary, WorkerSettingsBody, WorkerStatus } from '@ballast/contracts';
import { changeEvent, type Requester } from '../audit-draft.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Store } from '../ports/store.js';
import type { CycleRecord, WorkerInstanceRecord, WorkerSettings } from '../records.js';
import { HEARTBEAT_MS, type TradingWorker } from './trading-worker.js';

/** An instance whose heartbeat is older than this is shown as not alive. */
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

export function cycleSummary(c: CycleRecord): CycleSummary {
  return {
    id: c.id,
    source: c.source,
    actor: c.actor,
    instance_id: c.instanceId,
    status: c.status,
    started_at: iso(c.startedAt)!,
    finished_at: iso(c.finishedAt),
    duration_ms: c.durationMs,
    positions: c.positions,
    counts: c.counts,
    error: c.error,
  };
}

/**
 * Reads and changes the worker's settings. Changes are persisted and audited, so a restart keeps the
 * operator's choice; every worker process picks them up at its next heartbeat (this one at once).
 */
export class WorkerControl {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly defaults: { readonly enabled: boolean; readonly intervalSeconds: number },
    private readonly localWorker: TradingWorker | null,
  ) {}

  async settings(): Promise<WorkerSettings> {
    return (
      (await this.store.worker.getSettings()) ?? { ...this.defaults, updatedAt: 0, updatedBy: 'environment' }
    );
  }

  async update(body: WorkerSettingsBody, by: Requester): Promise<WorkerStatus> {
    await this.store.transaction(async (tx) => {
      const before = (await tx.worker.getSettings()) ?? {
        ...this.defaults,
        updatedAt: 0,
        updatedBy: 'environment',
      };
      const after: WorkerSettings = {
        enabled: body.enabled ?? before.enabled,
        intervalSeconds: body.interval_seconds ?? before.intervalSeconds,
        updatedAt: this.clock.now(),
        updatedBy: by.actor,
      };
      await tx.worker.saveSettings(after);
      await tx.audit.append([
        changeEvent(
          this.ids,
          this.clock,
          by,
          'WorkerSettingsChanged',
          {},
          {
            enabled: { before: before.enabled, after: after.enabled },
            interval_seconds: { before: before.intervalSeconds, after: after.intervalSeconds },
          },
        ),
      ]);
    });
    await this.localWorker?.refresh();
    return this.status();
  }

  async status(): Promise<WorkerStatus> {
    const [settings, instances, last] = await Promise.all([
      this.settings(),
      this.store.worker.listInstances(),
      this.store.cycles.latest('worker'),
    ]);
    const now = this.clock.now();
    const alive = (i: WorkerInstanceRecord) => i.stoppedAt === null && now - i.heartbeatAt <= STALE_AFTER_MS;
    const local = this.localWorker?.snapshot();
    const freshest = instances.find(alive) ?? null;
    const running = local ? local.running : settings.enabled && freshest !== null;
    return {
      running,
      enabled: settings.enabled,
      interval_seconds: settings.intervalSeconds,
      last_cycle: last ? cycleSummary(last) : null,
      next_cycle_at: iso(local ? local.nextCycleAt : (freshest?.nextCycleAt ?? null)),
      instance_id: local?.instanceId ?? freshest?.instanceId ?? null,
      heartbeat_at: iso(local ? local.heartbeatAt : (freshest?.heartbeatAt ?? null)),
      settings_updated_at: settings.updatedAt === 0 ? null : iso(settings.updatedAt),
      settings_updated_by: settings.updatedAt === 0 ? null : settings.updatedBy,
      instances: instances.slice(0, 20).map((i) => ({
        instance_id: i.instanceId,
        host: i.host,
        pid: i.pid,
        started_at: iso(i.startedAt)!,
        heartbeat_at: iso(i.heartbeatAt)!,
        stopped_at: iso(i.stoppedAt),
        last_cycle_id: i.lastCycleId,
        alive: alive(i),
      })),
    };
  }
}
