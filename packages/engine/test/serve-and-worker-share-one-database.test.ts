/**
 * DESIGN §1: a deployment may run the API (`ballast serve`) and the worker (`ballast worker`) as separate
 * processes on one database. Positions created through the API process are traded by the worker
 * process, the API process's status endpoint sees the worker process, and the worker process obeys a
 * settings change made through the API process at its next heartbeat.
 *
 * Only HTTP (global fetch) and the processes' own stdout are used: no import of engine internals.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CycleSummary, Portfolio, Position, WorkerStatus } from '@ballast/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  type EngineProcess,
  engineSettings,
  ensureBuilt,
  FIRST_TRADE_MS,
  HEARTBEAT_MS,
  killHard,
  running,
  startBallast,
  stop,
  waitFor,
  writeSeesawCsv,
} from './support/engine-process.js';

describe('ballast serve and ballast worker share one database', () => {
  let dir = '';
  let serve: EngineProcess;
  let worker: EngineProcess;
  let api: ReturnType<typeof client>;
  let position: Position;
  const both = () => `${serve?.output()}\n${worker?.output()}`;

  beforeAll(async () => {
    ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ballast-two-processes-'));
    const csv = await writeSeesawCsv(dir, 3_000);
    const shared = { ...engineSettings(dir, csv) };
    // The API process first (it applies the migrations), then the worker process on the same file.
    serve = await startBallast('serve', { ...shared, TRADING_WORKER_ENABLED: 'false' });
    worker = await startBallast('worker', { ...shared, TRADING_WORKER_ENABLED: 'true' });
    api = client(serve);
    const portfolio = Portfolio.parse(
      await api.post('/v1/portfolios', { name: 'Two processes', market_hours: 'always' }),
    );
    position = Position.parse(
      await api.post(`/v1/portfolios/${portfolio.id}/positions`, {
        symbol: 'SEESAW',
        shares: '50',
        cash: '5000',
        anchor: '100',
        params: { guardrails: { max_orders_per_day: 100_000 } },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(running.splice(0).map(killHard));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the worker process trades the positions created through the API process', async () => {
    expect(worker.instanceId).not.toBe(serve.instanceId);
    expect(worker.url, 'the worker process serves no HTTP').toBe('');
    const traded = await waitFor(
      'a fill by the worker process',
      async () => {
        const page = await api.events({ source: 'worker', position_id: position.id, limit: '500' });
        const types = new Set(page.map((e) => e.type));
        return types.has('OrderCreated') && types.has('ExecutionRecorded') ? page : undefined;
      },
      FIRST_TRADE_MS,
      [serve, worker],
    );
    const actors = [...new Set(traded.map((e) => e.actor))];
    expect(actors, "only the worker process trades; the API process's worker is disabled").toEqual([
      worker.instanceId,
    ]);
    const cycles = await api.all(CycleSummary, '/v1/trading/cycles?source=worker');
    expect(cycles.length).toBeGreaterThan(0);
    expect(new Set(cycles.map((c) => c.instance_id)), both()).toEqual(new Set([worker.instanceId]));
  }, 60_000);

  it("the API process's status lists the worker process as alive, with a fresh heartbeat and its last cycle", async () => {
    const status = WorkerStatus.parse(await api.get('/v1/trading/worker/status'));
    const shown = JSON.stringify(status, null, 2);
    const other = status.instances.find((i) => i.instance_id === worker.instanceId);
    expect(other, shown).toMatchObject({ alive: true, stopped_at: null, pid: worker.child.pid });
    expect(Date.now() - Date.parse(other!.heartbeat_at), shown).toBeLessThan(3 * HEARTBEAT_MS);
    expect(status.last_cycle, shown).toMatchObject({ source: 'worker', instance_id: worker.instanceId });
    expect(status.interval_seconds).toBe(1);
  });

  it("the API process's status says the worker is running while the worker process trades", async () => {
    // The settings table is still empty: each process uses its own environment default. The worker
    // process trades every second, so a status that says "not running" misleads the operator.
    const status = WorkerStatus.parse(await api.get('/v1/trading/worker/status'));
    expect(status.running, JSON.stringify(status, null, 2)).toBe(true);
  });

  it('disabling the worker through the API process stops the worker process within one heartbeat', async () => {
    const requestedAt = Date.now();
    const status = WorkerStatus.parse(await api.put('/v1/trading/worker', { enabled: false }));
    // The choice is stored at once; the worker process only learns it at its next heartbeat, and until
    // then the status truthfully still shows it running.
    expect(status).toMatchObject({ enabled: false, settings_updated_by: 'admin' });

    const noticed = await waitFor(
      'the worker process to log the settings change',
      async () => worker.logs.find((l) => l.msg === 'worker settings changed' && l.enabled === false),
      3 * HEARTBEAT_MS,
      [serve, worker],
    );
    const noticedAfterMs = (noticed.time as number) - requestedAt;
    expect(noticedAfterMs, `noticed ${noticedAfterMs} ms after the PUT\n${both()}`).toBeLessThanOrEqual(
      HEARTBEAT_MS + 1_000,
    );

    // Three more intervals of silence: no cycle may start once the change was picked up (one in flight is fine).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const cycles = await api.all(CycleSummary, '/v1/trading/cycles?source=worker');
    const late = cycles.filter(
      (c) => c.instance_id === worker.instanceId && Date.parse(c.started_at) > (noticed.time as number),
    );
    expect(
      late.length,
      `cycles started after the change was noticed: ${JSON.stringify(late)}`,
    ).toBeLessThanOrEqual(1);
    const tooLate = cycles.filter(
      (c) =>
        c.instance_id === worker.instanceId && Date.parse(c.started_at) > requestedAt + HEARTBEAT_MS + 1_000,
    );
    expect(tooLate, 'no worker cycle starts more than a heartbeat after the PUT').toEqual([]);
    const after = WorkerStatus.parse(await api.get('/v1/trading/worker/status'));
    expect(after).toMatchObject({ enabled: false, running: false });
    expect(
      after.instances.find((i) => i.instance_id === worker.instanceId)?.alive,
      'still alive, just idle',
    ).toBe(true);
  }, 60_000);

  it('both processes exit 0 on SIGTERM and say they stopped cleanly', async () => {
    const [workerExit, serveExit] = await Promise.all([stop(worker), stop(serve)]);
    expect(workerExit, worker.output()).toEqual({ code: 0, signal: null });
    expect(serveExit, serve.output()).toEqual({ code: 0, signal: null });
    expect(
      worker.logs.some((l) => l.msg === 'worker stopped cleanly'),
      worker.output(),
    ).toBe(true);
    expect(
      serve.logs.some((l) => l.msg === 'stopped cleanly'),
      serve.output(),
    ).toBe(true);
  }, 30_000);
});

/** A price path that swings 5 % every bar (105, 100, 105, …): each bar fires a trigger against the last fill. */
