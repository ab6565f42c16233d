/**
 * The independence check of DESIGN §1, automated: the real `ballast serve` process trades on its own
 * timer with no console, no browser and nobody logged in; it stops cleanly on SIGTERM, and a restart on
 * the same database keeps every event, keeps trading and keeps the hash chain intact.
 *
 * Only HTTP (global fetch) and the process's own stdout are used: no import of engine internals.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditEvent,
  AuditVerifyResult,
  CycleDetail,
  CycleSummary,
  Portfolio,
  Position,
  RunCycleResult,
  WorkerStatus,
} from '@ballast/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BALLAST,
  client,
  engineEnv,
  engineSettings,
  ensureBuilt,
  FIRST_TRADE_MS,
  killHard,
  ROOT,
  running,
  startBallast,
  stop,
  waitFor,
  writeSeesawCsv,
} from './support/engine-process.js';

let dir = '';

beforeAll(() => {
  ensureBuilt();
}, 180_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the worker trades with the console closed', () => {
  it('trades on its own, stops cleanly on SIGTERM and resumes after a restart with the audit trail intact', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ballast-independence-'));
    const csv = await writeSeesawCsv(dir, 3_000);
    const env = { ...engineSettings(dir, csv), TRADING_WORKER_ENABLED: 'true' };

    // 1. The real server, started the way an operator starts it; nobody opens the console.
    const first = await startBallast('serve', env);
    const api = client(first);

    // 2. A portfolio and a position, created by a script through the public API.
    const portfolio = Portfolio.parse(
      await api.post('/v1/portfolios', { name: 'Independence check', market_hours: 'always' }),
    );
    const position = Position.parse(
      await api.post(`/v1/portfolios/${portfolio.id}/positions`, {
        symbol: 'SEESAW',
        shares: '50',
        cash: '5000',
        anchor: '100',
        params: { guardrails: { max_orders_per_day: 100_000 } },
      }),
    );

    // … and the worker trades it on its own timer.
    const traded = await waitFor(
      'worker events with an OrderCreated and an ExecutionRecorded for the position',
      async () => {
        const page = await api.events({ source: 'worker', position_id: position.id, limit: '500' });
        const types = new Set(page.map((e) => e.type));
        return types.has('OrderCreated') && types.has('ExecutionRecorded') ? page : undefined;
      },
      FIRST_TRADE_MS,
      first,
    );
    for (const e of traded) {
      expect(e.source, first.output()).toBe('worker');
      expect(e.actor, 'worker events name the instance that wrote them').toBe(first.instanceId);
    }
    const fill = traded.find((e) => e.type === 'ExecutionRecorded')!;
    expect(fill.payload.status, JSON.stringify(fill)).toBe('filled');

    // 3. A manual run goes through the same orchestrator but is recorded as api/manual.
    const manual = RunCycleResult.parse(await api.post(`/v1/trading/cycle?position_id=${position.id}`));
    expect(manual).toMatchObject({ source: 'api/manual', status: 'completed', positions: 1 });
    expect(manual.counts.evaluated, JSON.stringify(manual)).toBe(1);
    const detail = CycleDetail.parse(await api.get(`/v1/trading/cycles/${manual.id}`));
    expect(detail.cycle.source).toBe('api/manual');
    expect(detail.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['CycleStarted', 'PriceEvent', 'TriggerEvaluated', 'CycleCompleted']),
    );
    for (const e of detail.events)
      expect([e.type, e.source, e.cycle_id]).toEqual([e.type, 'api/manual', manual.id]);
    const byCycleId = await api.events({ cycle_id: manual.id, limit: '500' });
    expect(byCycleId.map((e) => e.id).sort()).toEqual(detail.events.map((e) => e.id).sort());

    const status = WorkerStatus.parse(await api.get('/v1/trading/worker/status'));
    expect(status, JSON.stringify(status)).toMatchObject({
      running: true,
      enabled: true,
      interval_seconds: 1,
      instance_id: first.instanceId,
      last_cycle: { source: 'worker', actor: first.instanceId },
    });
    expect(status.heartbeat_at, JSON.stringify(status)).not.toBeNull();
    expect(Date.now() - Date.parse(status.heartbeat_at!), 'the heartbeat is fresh').toBeLessThan(15_000);
    expect(status.instances.find((i) => i.instance_id === first.instanceId)?.alive).toBe(true);

    // 4. SIGTERM: the worker finishes what it has in hand, records it, and the process exits 0.
    const before = await api.allEvents();
    const firstExit = await stop(first);
    expect(firstExit, first.output()).toEqual({ code: 0, signal: null });
    expect(
      first.logs.some((l) => l.msg === 'stopped cleanly'),
      first.output(),
    ).toBe(true);

    // 5. A restart on the same database: nothing lost, trading resumes, the chain verifies.
    const second = await startBallast('serve', env);
    const api2 = client(second);
    expect(second.instanceId).not.toBe(first.instanceId);
    await waitFor(
      'a fill by the restarted worker',
      async () => {
        const page = await api2.events({ source: 'worker', position_id: position.id, limit: '50' });
        return page.find((e) => e.actor === second.instanceId && e.type === 'ExecutionRecorded');
      },
      FIRST_TRADE_MS,
      second,
    );

    const beforeVerify = await api2.allEvents();
    const verify = AuditVerifyResult.parse(await api2.get('/v1/audit/verify'));
    const afterVerify = await api2.allEvents();
    expect(verify, JSON.stringify(verify)).toMatchObject({ ok: true, first_bad_seq: null });
    expect(verify.checked).toBeGreaterThanOrEqual(beforeVerify.length);
    expect(verify.checked).toBeLessThanOrEqual(afterVerify.length);
    expect(
      afterVerify.map((e) => e.seq),
      'seq is gap-free from 1',
    ).toEqual(afterVerify.map((_, i) => i + 1));

    const smallPages = await api2.allEvents(50);
    expect(
      smallPages.filter((e) => e.seq <= afterVerify.length),
      'pages of 50 walked by cursor give the same events as pages of 500',
    ).toEqual(afterVerify);

    const kept = new Map(afterVerify.map((e) => [e.id, e]));
    const lost = before.filter((e) => kept.get(e.id)?.hash !== e.hash || kept.get(e.id)?.seq !== e.seq);
    expect(lost, 'every event from before the restart is still there, unchanged').toEqual([]);

    expectFirstRunEndedCleanly(afterVerify, first.instanceId);
    const cycles = await api2.all(CycleSummary, '/v1/trading/cycles?source=worker');
    const unfinished = cycles.filter((c) => c.instance_id === first.instanceId && c.finished_at === null);
    expect(unfinished, 'no cycle of the stopped process is left running').toEqual([]);

    const secondExit = await stop(second);
    expect(secondExit, second.output()).toEqual({ code: 0, signal: null });
    expect(
      second.logs.some((l) => l.msg === 'stopped cleanly'),
      second.output(),
    ).toBe(true);

    // The operator's own check, with both processes gone: the whole chain, WorkerStopped events included.
    const verified = execFileSync(process.execPath, [BALLAST, 'audit', 'verify'], {
      cwd: ROOT,
      env: engineEnv({ DATABASE_URL: env.DATABASE_URL }),
      encoding: 'utf8',
    });
    const checked = Number(/audit chain OK: (\d+) events/.exec(verified)?.[1]);
    expect(checked, verified).toBeGreaterThan(afterVerify.length);
  }, 90_000);
});

/** Every worker cycle the first process started has its CycleCompleted, and its WorkerStopped comes last. */
function expectFirstRunEndedCleanly(events: readonly AuditEvent[], instanceId: string): void {
  const mine = events.filter((e) => e.source === 'worker' && e.actor === instanceId);
  const started = mine.filter((e) => e.type === 'CycleStarted').map((e) => e.cycle_id);
  const completed = new Set(mine.filter((e) => e.type === 'CycleCompleted').map((e) => e.cycle_id));
  expect(started.length, 'the first process ran worker cycles').toBeGreaterThan(0);
  expect(
    started.filter((id) => !completed.has(id)),
    'every CycleStarted has a CycleCompleted',
  ).toEqual([]);
  const stopped = mine.filter((e) => e.type === 'WorkerStopped');
  expect(stopped, 'exactly one WorkerStopped').toHaveLength(1);
  const lastCycleSeq = Math.max(...mine.filter((e) => e.cycle_id !== null).map((e) => e.seq));
  expect(stopped[0]!.seq, 'WorkerStopped is written after the last cycle').toBeGreaterThan(lastCycleSeq);
  expect(stopped[0]!.payload).toMatchObject({ instance_id: instanceId, reason: 'shutdown signal' });
}
