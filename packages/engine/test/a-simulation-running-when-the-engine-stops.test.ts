/**
 * Simulation jobs survive nothing: stopping the engine (SIGTERM) cancels a running one and still exits
 * cleanly, and a job the engine was running when it died (SIGKILL) is failed at the next start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  type EngineProcess,
  engineSettings,
  ensureBuilt,
  killHard,
  running,
  STARTUP_MS,
  startBallast,
  stop,
  waitFor,
  writeSeesawCsv,
} from './support/engine-process.js';

/** Half a minute of work: five million volatile one-minute bars, 0.1 % triggers, up to 1 000 orders a day. */
const LONG_RUN = {
  bars: { kind: 'synthetic', seed: 5, bars: 5_000_000, interval_minutes: 1, volatility_pct_per_year: 60 },
  cash: '100000',
  params: { trigger: { up_pct: 0.1, down_pct: 0.1 }, guardrails: { max_orders_per_day: 1000 } },
};

let dir = '';
let settings: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'ballast-lab-stop-'));
  settings = { ...engineSettings(dir, await writeSeesawCsv(dir, 50)), TRADING_WORKER_ENABLED: 'false' };
}, 180_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Starts the long run and waits until its progress has moved. */
async function startLongRun(engine: EngineProcess): Promise<string> {
  const api = client(engine);
  const { id } = (await api.post('/v1/simulations', LONG_RUN)) as { id: string };
  await waitFor(
    'the simulation to make progress',
    async () => ((await api.get(`/v1/simulations/${id}`)) as { progress: number }).progress > 0 || undefined,
    STARTUP_MS,
    engine,
  );
  return id;
}

describe('a simulation running when the engine stops', () => {
  it('is cancelled by SIGTERM, and the engine still exits cleanly', async () => {
    const engine = await startBallast('serve', settings);
    const id = await startLongRun(engine);
    expect(await stop(engine)).toEqual({ code: 0, signal: null });
    expect(engine.logs.some((l) => l.msg === 'stopped cleanly')).toBe(true);

    const again = await startBallast('serve', settings);
    const job = await client(again).get(`/v1/simulations/${id}`);
    expect(job).toMatchObject({
      status: 'cancelled',
      error: 'the engine was stopped during the simulation',
      result: null,
    });
    await stop(again);
  }, 90_000);

  it('is failed at the next start when the engine died during it', async () => {
    const engine = await startBallast('serve', settings);
    const id = await startLongRun(engine);
    await killHard(engine);

    const again = await startBallast('serve', settings);
    const api = client(again);
    expect(await api.get(`/v1/simulations/${id}`)).toMatchObject({
      status: 'failed',
      error: 'the engine stopped during the simulation',
      result: null,
    });
    const ends = await api.events({ type: 'SimulationCompleted' });
    expect(ends.find((e) => e.payload.simulation_id === id)).toMatchObject({
      source: 'simulation',
      actor: 'admin',
      payload: { status: 'failed', error: 'the engine stopped during the simulation' },
    });
    await stop(again);
  }, 90_000);
});
