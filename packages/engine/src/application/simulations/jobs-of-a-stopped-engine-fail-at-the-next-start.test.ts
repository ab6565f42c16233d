import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test-support/engine-harness.js';
import { makeLabJob } from '../../test-support/record-factories.js';
import { STALE_JOB_MS } from './lab-jobs.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** A pid no process can have (above Linux's largest pid_max). */
const GONE_PID = 4_194_305;

describe('jobs an engine was running when it stopped', () => {
  it('are failed at the next start, with a SimulationCompleted or OptimizationCompleted saying why', async () => {
    const now = h.clock.now();
    const here = hostname();
    const died = makeLabJob({
      status: 'running',
      startedAt: now,
      heartbeatAt: now,
      runner: { host: here, pid: GONE_PID },
    });
    const restarted = makeLabJob({
      kind: 'optimization',
      runner: { host: here, pid: process.pid },
      request: { rank_by: 'sharpe' },
    });
    const silent = makeLabJob({
      status: 'running',
      heartbeatAt: now - STALE_JOB_MS - 1,
      runner: { host: 'elsewhere', pid: 7 },
    });
    const alive = makeLabJob({
      status: 'running',
      heartbeatAt: now - 10_000,
      runner: { host: 'elsewhere', pid: 7 },
    });
    const finished = makeLabJob({
      status: 'completed',
      finishedAt: now,
      runner: { host: here, pid: GONE_PID },
    });
    for (const job of [died, restarted, silent, alive, finished]) await h.store.labJobs.insert(job);

    expect(await h.simulations.recover()).toBe(3);

    const status = async (job: typeof died) => (await h.store.labJobs.get(job.kind, job.id))!;
    expect(await status(died)).toMatchObject({
      status: 'failed',
      error: 'the engine stopped during the simulation',
      finishedAt: now,
    });
    expect(await status(restarted)).toMatchObject({
      status: 'failed',
      error: 'the engine stopped during the optimization',
    });
    expect(await status(silent)).toMatchObject({ status: 'failed' });
    // Another engine's job with a fresh heartbeat may well be running: it is left alone.
    expect(await status(alive)).toMatchObject({ status: 'running', error: null });
    expect(await status(finished)).toMatchObject({ status: 'completed' });

    const events = (await h.store.audit.list({ source: 'simulation', order: 'asc' }, { limit: 10 })).items;
    expect(events.map((e) => [e.type, e.actor, e.payload.status, e.payload.error])).toEqual([
      ['SimulationCompleted', 'token:ops', 'failed', 'the engine stopped during the simulation'],
      ['OptimizationCompleted', 'token:ops', 'failed', 'the engine stopped during the optimization'],
      ['SimulationCompleted', 'token:ops', 'failed', 'the engine stopped during the simulation'],
    ]);
    expect(await h.simulations.recover()).toBe(0);
  });
});
