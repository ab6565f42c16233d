import type { CycleSummary, WorkerSettingsBody, WorkerStatus } from '@ballast/contracts';
import { changeEvent, type Requester } from '../audit-draft.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Store } from '../ports/store.js';
import type { WorkerHandle } from '../ports/worker-handle.js';
import type { CycleRecord, WorkerInstanceRecord, WorkerSettings } from '../records.js';
import { STALE_AFTER_MS } from './worker-timing.js';

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
interface Effective {
  readonly enabled: boolean;
  readonly intervalSeconds: number;
  readonly chosen: WorkerSettings | null;
}

/**
 * Reads and changes the worker's settings. Changes are persisted and audited, so a restart keeps the
 * operator's choice; every worker process picks them up at its next heartbeat (this one at once).
 * Status looks at every worker instance that writes a heartbeat, so an API process reports a worker
 * that runs in another process truthfully.
 */
export class WorkerControl {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly defaults: { readonly enabled: boolean; readonly intervalSeconds: number },
    private readonly localWorker: WorkerHandle | null,
  ) {}

  async update(body: WorkerSettingsBody, by: Requester): Promise<WorkerStatus> {
    const before = await this.effective(await this.store.worker.listInstances());
    const recorded = await this.store.transaction(async (tx) => {
      const after: WorkerSettings = {
        enabled: body.enabled ?? before.enabled,
        intervalSeconds: body.interval_seconds ?? before.intervalSeconds,
        updatedAt: this.clock.now(),
        updatedBy: by.actor,
      };
      await tx.worker.saveSettings(after);
      return tx.audit.append([
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
    by.onRecorded?.(recorded);
    await this.localWorker?.refresh();
    return this.status();
  }

  /**
   * What the worker is doing. Without the database (an outage) it still answers, from what this
   * process knows, and says that the database could not be reached.
   */
  async status(): Promise<WorkerStatus> {
    try {
      const [instances, last] = await Promise.all([
        this.store.worker.listInstances(),
        this.store.cycles.latest('worker'),
      ]);
      return await this.composeStatus(instances, last);
    } catch (error) {
      return this.withoutDatabase(error);
    }
  }

  private withoutDatabase(error: unknown): WorkerStatus {
    const local = this.localWorker?.snapshot() ?? null;
    return {
      running: local?.running ?? false,
      enabled: local?.enabled ?? this.defaults.enabled,
      interval_seconds: local?.intervalSeconds ?? this.defaults.intervalSeconds,
      last_cycle: null,
      next_cycle_at: iso(local?.nextCycleAt ?? null),
      instance_id: local?.instanceId ?? null,
      heartbeat_at: iso(local?.heartbeatAt ?? null),
      heartbeat_stale_after_seconds: STALE_AFTER_MS / 1000,
      settings_updated_at: null,
      settings_updated_by: null,
      instances: [],
      database: { ok: false, error: error instanceof Error ? error.message : String(error) },
    };
  }

  private async composeStatus(
    instances: WorkerInstanceRecord[],
    last: CycleRecord | null,
  ): Promise<WorkerStatus> {
    const settings = await this.effective(instances);
    const now = this.clock.now();
    const alive = (i: WorkerInstanceRecord) => i.stoppedAt === null && now - i.heartbeatAt <= STALE_AFTER_MS;
    const local = this.localWorker?.snapshot() ?? undefined;
    const others = instances.filter((i) => i.instanceId !== local?.instanceId && alive(i));
    const scheduling = others.find((i) => i.enabled) ?? null;
    const shown = local?.running ? null : (scheduling ?? (local ? null : (others[0] ?? null)));
    return {
      running: (local?.running ?? false) || scheduling !== null,
      enabled: settings.enabled,
      interval_seconds: settings.intervalSeconds,
      last_cycle: last ? cycleSummary(last) : null,
      next_cycle_at: iso(shown ? shown.nextCycleAt : (local?.nextCycleAt ?? null)),
      instance_id: shown ? shown.instanceId : (local?.instanceId ?? null),
      heartbeat_at: iso(shown ? shown.heartbeatAt : (local?.heartbeatAt ?? null)),
      heartbeat_stale_after_seconds: STALE_AFTER_MS / 1000,
      settings_updated_at: settings.chosen ? iso(settings.chosen.updatedAt) : null,
      settings_updated_by: settings.chosen?.updatedBy ?? null,
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
      database: { ok: true, error: null },
    };
  }

  /**
   * The settings in force: the operator's stored choice; before anyone chose, what the live worker
   * instances run with (each took its environment's default); with none alive, this process's default.
   */
  private async effective(instances: readonly WorkerInstanceRecord[]): Promise<Effective> {
    const chosen = await this.store.worker.getSettings();
    if (chosen) return { enabled: chosen.enabled, intervalSeconds: chosen.intervalSeconds, chosen };
    const now = this.clock.now();
    const live = instances.filter((i) => i.stoppedAt === null && now - i.heartbeatAt <= STALE_AFTER_MS);
    const enabledOne = live.find((i) => i.enabled);
    if (enabledOne) return { enabled: true, intervalSeconds: enabledOne.intervalSeconds, chosen: null };
    const local = this.localWorker?.snapshot();
    return {
      enabled: local?.enabled ?? this.defaults.enabled,
      intervalSeconds: local?.intervalSeconds ?? this.defaults.intervalSeconds,
      chosen: null,
    };
  }
}
