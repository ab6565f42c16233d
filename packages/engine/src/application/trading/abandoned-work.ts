import type { EventId } from '../../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { ProcessLiveness } from '../ports/process-liveness.js';
import type { Store } from '../ports/store.js';
import type { CycleRecord, WorkerInstanceRecord } from '../records.js';
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

async function takeOver(deps: AbandonedWorkDeps, instance: WorkerInstanceRecord): Promise<void> {
  const { store, clock } = deps;
  const now = clock.now();
  const why = `the engine ${instance.instanceId} stopped during this cycle (found by ${deps.self})`;
  const { cycles, claims } = await store.transaction(async (tx) => {
    const running = await tx.cycles.listRunningOf(instance.instanceId);
    const closed: CycleRecord[] = running.map((c) => ({
      ...c,
      status: 'interrupted',
      finishedAt: now,
      durationMs: now - c.startedAt,
      error: why,
    }));
    for (const c of closed) await tx.cycles.update(c);
    await tx.audit.append(closed.map((c) => completedEvent(deps, c)));
    const released = await tx.positions.releaseClaimsOf(instance.instanceId);
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
