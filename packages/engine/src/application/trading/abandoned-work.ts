import type { EventId } from '../../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { ProcessLiveness } from '../ports/process-liveness.js';
import type { Store } from '../ports/store.js';
import type { CycleRecord, WorkerInstanceRecord } from '../records.js';
import { claimOwner } from './position-claims.js';
import { STALE_AFTER_MS } from './worker-timing.js';

export interface AbandonedWorkDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly liveness: ProcessLiveness;
  /** This engine: never taken for dead. */
  readonly self: string;
}

/**
 * What an engine that died (SIGKILL, power loss) left behind, taken over by one that lives: its
 * unfinished cycles are closed as interrupted (with a CycleCompleted event saying why), the
 * positions it held are released at once, and it is marked stopped. Its open orders are settled by
 * reconciliation. An engine is dead when its process is gone (same host) or its heartbeat is stale.
 */
export async function recoverAbandonedWork(deps: AbandonedWorkDeps): Promise<number> {
  const now = deps.clock.now();
  const instances = await deps.store.worker.listInstances();
  const dead = instances.filter(
    (i) =>
      i.instanceId !== deps.self &&
      i.stoppedAt === null &&
      (now - i.heartbeatAt > STALE_AFTER_MS || deps.liveness.isGone(i.host, i.pid)),
  );
  for (const instance of dead) await takeOver(deps, instance);
  return dead.length;
}

/**
 * This engine's own scheduled cycles that an error cut short (the database went away mid-cycle, say):
 * closed as failed, their claims released. Run before each scheduled cycle — the worker runs one at a
 * time, so none of its scheduled cycles can still be going.
 */
export async function closeOwnBrokenCycles(deps: AbandonedWorkDeps): Promise<number> {
  const { store, clock, self } = deps;
  const broken = (await store.cycles.listRunningOf(self)).filter((c) => c.source === 'worker');
  if (broken.length === 0) return 0;
  const now = clock.now();
  await store.transaction(async (tx) => {
    const closed = broken.map((c) =>
      closedCycle(c, 'failed', now, 'an error ended this cycle before it completed (see the engine log)'),
    );
    for (const c of closed) {
      await tx.cycles.update(c);
      await tx.positions.releaseClaimsHeldBy(claimOwner(self, c.id));
    }
    await tx.audit.append(closed.map((c) => completedEvent(deps, c)));
  });
  deps.logger.warn(
    { cycles: broken.length },
    `closed ${broken.length} scheduled cycles an error had cut short`,
  );
  return broken.length;
}

function closedCycle(
  c: CycleRecord,
  status: 'interrupted' | 'failed',
  at: number,
  error: string,
): CycleRecord {
  return { ...c, status, finishedAt: at, durationMs: at - c.startedAt, error };
}

async function takeOver(deps: AbandonedWorkDeps, instance: WorkerInstanceRecord): Promise<void> {
  const { store, clock } = deps;
  const now = clock.now();
  const why = `the engine ${instance.instanceId} stopped during this cycle (found by ${deps.self})`;
  const { cycles, claims } = await store.transaction(async (tx) => {
    const running = await tx.cycles.listRunningOf(instance.instanceId);
    const closed = running.map((c) => closedCycle(c, 'interrupted', now, why));
    for (const c of closed) await tx.cycles.update(c);
    await tx.audit.append(closed.map((c) => completedEvent(deps, c)));
    const released = await tx.positions.releaseClaimsHeldBy(claimOwner(instance.instanceId, ''));
    await tx.worker.upsertInstance({ ...instance, stoppedAt: now, enabled: false });
    return { cycles: closed.length, claims: released };
  });
  deps.logger.warn(
    { instance_id: instance.instanceId, cycles, claims },
    `took over after the engine ${instance.instanceId} stopped without finishing: ${cycles} cycles closed as interrupted, ${claims} positions released`,
  );
}

function completedEvent(deps: AbandonedWorkDeps, c: CycleRecord) {
  return {
    id: deps.ids.next() as EventId,
    type: 'CycleCompleted' as const,
    occurredAt: c.finishedAt!,
    source: 'system' as const,
    actor: deps.self,
    cycleId: c.id,
    parentId: null,
    portfolioId: null,
    positionId: null,
    symbol: null,
    payload: { status: c.status, ...c.counts, duration_ms: c.durationMs, error: c.error },
  };
}
