import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CycleId, PositionId } from '../../domain/ids.js';
import { describeEachDialect } from '../../test-support/dialects.js';
import { type Harness, SILENT_LOGGER, startHarness } from '../../test-support/engine-harness.js';
import { UNKNOWN_LIVENESS } from '../ports/process-liveness.js';
import { EMPTY_COUNTS } from '../records.js';
import { recoverAbandonedWork } from './abandoned-work.js';
import { claimOwner } from './position-claims.js';
import { STALE_AFTER_MS } from './worker-timing.js';

const DEAD = 'host-a-4242-dead01';

describeEachDialect('the work of an engine that died', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ dialect });
  });
  afterEach(() => h.close());

  /** What a SIGKILL in the middle of a cycle leaves: a running cycle, and claims on its positions. */
  async function leftBehind(heartbeatAgoMs: number) {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    const now = h.clock.now();
    const cycleId = h.ids.next() as CycleId;
    await h.store.transaction(async (tx) => {
      await tx.worker.upsertInstance({
        instanceId: DEAD,
        host: 'host-a',
        pid: 4242,
        startedAt: now - 60_000,
        heartbeatAt: now - heartbeatAgoMs,
        stoppedAt: null,
        lastCycleId: null,
        nextCycleAt: null,
        enabled: true,
        intervalSeconds: 60,
      });
      await tx.cycles.insert({
        id: cycleId,
        source: 'worker',
        actor: DEAD,
        instanceId: DEAD,
        status: 'running',
        startedAt: now - 2_000,
        finishedAt: null,
        durationMs: null,
        positions: 1,
        counts: EMPTY_COUNTS,
        error: null,
      });
      await tx.positions.claim([position.id], claimOwner(DEAD, cycleId), now + 60_000, now);
    });
    return { positionId: position.id as PositionId, cycleId };
  }

  const recover = (liveness = UNKNOWN_LIVENESS) =>
    recoverAbandonedWork({
      store: h.store,
      clock: h.clock,
      ids: h.ids,
      logger: SILENT_LOGGER,
      liveness,
      self: 'host-b-7-alive01',
    });

  it('is taken over once its heartbeat is stale: cycle closed as interrupted, positions released', async () => {
    const { positionId, cycleId } = await leftBehind(STALE_AFTER_MS + 1);
    expect(await recover()).toBe(1);
    expect(await h.store.cycles.get(cycleId)).toMatchObject({ status: 'interrupted' });
    const [closing] = await h.store.audit.listByCycle(cycleId);
    expect(closing).toMatchObject({ type: 'CycleCompleted', source: 'system', actor: 'host-b-7-alive01' });
    expect(closing!.payload.error).toBe(
      `the engine ${DEAD} stopped during this cycle (found by host-b-7-alive01)`,
    );
    expect(
      await h.store.transaction((tx) =>
        tx.positions.claim([positionId], 'next', h.clock.now() + 1, h.clock.now()),
      ),
    ).toEqual([positionId]);
    const [instance] = await h.store.worker.listInstances();
    expect(instance!.stoppedAt).toBe(h.clock.now());
    expect(await recover()).toBe(0);
    expect(await h.store.audit.verify()).toMatchObject({ ok: true });
  });

  it('is left alone while its heartbeat is fresh, unless its process is known to be gone', async () => {
    const { cycleId } = await leftBehind(1_000);
    expect(await recover()).toBe(0);
    expect(await h.store.cycles.get(cycleId)).toMatchObject({ status: 'running' });
    expect(await recover({ isGone: (host, pid) => host === 'host-a' && pid === 4242 })).toBe(1);
    expect(await h.store.cycles.get(cycleId)).toMatchObject({ status: 'interrupted' });
  });
});
