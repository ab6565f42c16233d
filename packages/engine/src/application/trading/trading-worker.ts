import type { EventId } from '../../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import { type ProcessLiveness, UNKNOWN_LIVENESS } from '../ports/process-liveness.js';
import type { Store } from '../ports/store.js';
import type { Timers } from '../ports/timers.js';
import type { WorkerHandle, WorkerSnapshot } from '../ports/worker-handle.js';
import type { WorkerSettings } from '../records.js';
import { closeOwnBrokenCycles, recoverAbandonedWork } from './abandoned-work.js';
import type { LiveTradingOrchestrator } from './live-trading-orchestrator.js';
import { errorText } from './plan-recorder.js';

import { HEARTBEAT_MS } from './worker-timing.js';

export { HEARTBEAT_MS };

/** The scheduled slot an instant falls in: slot S spans [S·interval, (S+1)·interval). */
export const slotOf = (at: number, intervalMs: number): number => Math.floor(at / intervalMs);

export interface WorkerIdentity {
  readonly instanceId: string;
  readonly host: string;
  readonly pid: number;
}

export interface WorkerDeps {
  readonly orchestrator: LiveTradingOrchestrator;
  readonly store: Store;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly identity: WorkerIdentity;
  /** Told whenever the worker's state changes (a trading thread forwards it to the API thread). */
  readonly onSnapshot?: (snapshot: WorkerSnapshot) => void;
  /** Tells a dead engine process from a live one on this host (default: only stale heartbeats tell). */
  readonly liveness?: ProcessLiveness;
  /** From the environment; used until an operator changes the settings through the API. */
  readonly defaults: { readonly enabled: boolean; readonly intervalSeconds: number };
}

/**
 * The timer that trades with nobody watching (DESIGN §5.3). Cycles never overlap: the next one is
 * scheduled when the current one ends. After downtime it runs one cycle on fresh prices, never a replay
 * of missed slots. Settings live in the database, so the API of any process can change them.
 */
export class TradingWorker implements WorkerHandle {
  private settings: WorkerSettings | null = null;
  private started = false;
  private stopping = false;
  private cycleTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private current: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private nextCycleAt: number | null = null;
  private heartbeatAt: number | null = null;
  private lastCycleId: string | null = null;
  /** A tick failed: a cycle of ours may have been left running, to be closed before the next one. */
  private cycleBroke = false;
  private readonly startedAt: number;

  constructor(private readonly deps: WorkerDeps) {
    this.startedAt = deps.clock.now();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.settings = await this.loadSettings();
    await this.recordLifecycle('WorkerStarted', {
      interval_seconds: this.settings.intervalSeconds,
      enabled: this.settings.enabled,
      host: this.deps.identity.host,
      pid: this.deps.identity.pid,
    });
    await this.takeOverAbandonedWork();
    await this.reconcileAtStartUp();
    this.heartbeatTimer = this.deps.timers.setInterval(() => void this.beat(), HEARTBEAT_MS);
    if (this.settings.enabled) this.schedule(0);
    await this.beat();
  }

  /**
   * Before the first cycle, every order a crash left open is settled with the broker (DESIGN §5.4),
   * whether or not the worker is enabled. A failure here is logged; every cycle reconciles again.
   */
  private async reconcileAtStartUp(): Promise<void> {
    try {
      await this.deps.orchestrator.reconcileOpenOrders({ kind: 'start-up' });
    } catch (error) {
      this.deps.logger.error(
        { err: error },
        `reconciling open orders at start-up failed: ${errorText(error)}`,
      );
    }
  }

  /** Frees what dead engines held (this one's previous run after a SIGKILL, say); checked at every heartbeat. */
  private async takeOverAbandonedWork(): Promise<void> {
    try {
      await recoverAbandonedWork(this.abandonedWorkDeps());
    } catch (error) {
      this.deps.logger.error(
        { err: error },
        `taking over the work of stopped engines failed: ${errorText(error)}`,
      );
    }
  }

  private abandonedWorkDeps() {
    const { store, clock, ids, logger, identity } = this.deps;
    return {
      store,
      clock,
      ids,
      logger,
      liveness: this.deps.liveness ?? UNKNOWN_LIVENESS,
      self: identity.instanceId,
    };
  }

  /** Re-reads the settings (after an API change) and reschedules accordingly. */
  async refresh(): Promise<void> {
    if (!this.started || this.stopping) return;
    const before = this.settings;
    const latest = await this.loadSettings();
    if (this.stopping) return; // stop() began while the settings were read: schedule nothing, beat nothing
    this.settings = latest;
    const changed =
      before?.enabled !== this.settings.enabled || before?.intervalSeconds !== this.settings.intervalSeconds;
    if (!changed) return;
    this.deps.logger.info(
      { enabled: this.settings.enabled, interval_seconds: this.settings.intervalSeconds },
      'worker settings changed',
    );
    if (this.current) return; // the running cycle schedules the next one with the new settings
    this.clearCycleTimer();
    if (this.settings.enabled) this.schedule(before?.enabled ? this.settings.intervalSeconds * 1000 : 0);
    await this.beat();
  }

  /** Graceful stop: no new cycle; the batch in hand is finished and recorded; then the worker says so. */
  async stop(reason: string): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    this.clearCycleTimer();
    this.deps.timers.clearInterval(this.heartbeatTimer);
    this.abort.abort();
    await this.current;
    this.nextCycleAt = null;
    await this.recordLifecycle('WorkerStopped', { reason });
    await this.beat(true);
  }

  snapshot(): WorkerSnapshot {
    const s = this.settings ?? {
      enabled: this.deps.defaults.enabled,
      intervalSeconds: this.deps.defaults.intervalSeconds,
    };
    return {
      running: this.started && !this.stopping && s.enabled,
      enabled: s.enabled,
      intervalSeconds: s.intervalSeconds,
      nextCycleAt: this.nextCycleAt,
      heartbeatAt: this.heartbeatAt,
      instanceId: this.deps.identity.instanceId,
      inCycle: this.current !== null,
    };
  }

  /** Resolves when the cycle in progress (if any) has ended. */
  async idle(): Promise<void> {
    await this.current;
  }

  private report(): void {
    this.deps.onSnapshot?.(this.snapshot());
  }

  private schedule(delayMs: number): void {
    this.nextCycleAt = this.deps.clock.now() + delayMs;
    this.report();
    this.cycleTimer = this.deps.timers.setTimeout(() => {
      this.cycleTimer = null;
      this.current = this.tick().finally(() => {
        this.current = null;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    if (this.stopping || !this.settings?.enabled) return;
    const started = this.deps.clock.now();
    const intervalMs = this.settings.intervalSeconds * 1000;
    this.nextCycleAt = null;
    try {
      // A cycle of ours that an error cut short (a database outage) is closed before the next one.
      // Only a failed tick can leave one, so the running cycles are not looked for on every tick.
      if (this.cycleBroke) {
        await closeOwnBrokenCycles(this.abandonedWorkDeps());
        this.cycleBroke = false;
      }
      const result = await this.deps.orchestrator.runScheduledCycle(slotOf(started, intervalMs), {
        source: 'worker',
        actor: this.deps.identity.instanceId,
        signal: this.abort.signal,
      });
      this.lastCycleId = result.id;
      const c = result.counts;
      this.deps.logger.info(
        { cycle_id: result.id },
        `worker cycle ${result.status} in ${result.duration_ms} ms: ${c.evaluated} evaluated, ${c.orders} orders, ${c.fills} filled, ${c.skips} blocked by guardrails, ${c.errors} errors`,
      );
    } catch (error) {
      this.cycleBroke = true;
      this.deps.logger.error({ err: error }, `worker cycle failed: ${errorText(error)}`);
    }
    await this.beat();
    if (this.stopping || !this.settings.enabled) return;
    // The next slot starts on its boundary: every engine sharing the database starts it together.
    const due = (slotOf(started, intervalMs) + 1) * intervalMs;
    this.schedule(Math.max(0, due - this.deps.clock.now()));
  }

  /** Heartbeat: tells other processes this instance is alive, and picks up settings changed elsewhere. */
  private async beat(stopped = false): Promise<void> {
    const now = this.deps.clock.now();
    try {
      if (!stopped) {
        const latest = await this.deps.store.worker.getSettings();
        const s = this.settings;
        if (latest && (latest.enabled !== s?.enabled || latest.intervalSeconds !== s?.intervalSeconds))
          await this.refresh();
      }
      const snapshot = this.snapshot();
      await this.deps.store.worker.upsertInstance({
        ...this.deps.identity,
        startedAt: this.startedAt,
        heartbeatAt: now,
        stoppedAt: stopped ? now : null,
        lastCycleId: this.lastCycleId as never,
        nextCycleAt: this.nextCycleAt,
        enabled: !stopped && snapshot.enabled,
        intervalSeconds: snapshot.intervalSeconds,
      });
      this.heartbeatAt = now;
      this.report();
      if (!stopped) await this.takeOverAbandonedWork();
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'worker heartbeat could not be written');
    }
  }

  private async loadSettings(): Promise<WorkerSettings> {
    const stored = await this.deps.store.worker.getSettings();
    return stored ?? { ...this.deps.defaults, updatedAt: this.deps.clock.now(), updatedBy: 'environment' };
  }

  private async recordLifecycle(
    type: 'WorkerStarted' | 'WorkerStopped',
    payload: Record<string, unknown>,
  ): Promise<void> {
    const { ids, clock, identity, store } = this.deps;
    const draft = {
      id: ids.next() as EventId,
      type,
      occurredAt: clock.now(),
      source: 'worker' as const,
      actor: identity.instanceId,
      cycleId: null,
      parentId: null,
      portfolioId: null,
      positionId: null,
      symbol: null,
      payload: { instance_id: identity.instanceId, ...payload },
    };
    await store
      .transaction((tx) => tx.audit.append([draft]))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, `could not record ${type}`));
  }

  private clearCycleTimer(): void {
    if (this.cycleTimer !== null) this.deps.timers.clearTimeout(this.cycleTimer);
    this.cycleTimer = null;
    this.nextCycleAt = null;
  }
}
