import type { RunCycleResult } from '@ballast/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../adapters/broker/client-order-id.js';
import { PaperBroker } from '../../adapters/broker/paper-broker.js';
import type { TestClock } from '../../adapters/clock/test-clock.js';
import { KyselyPaperOrderBook } from '../../adapters/db/kysely-paper-order-book.js';
import { NodeTimers } from '../../adapters/timers/node-timers.js';
import { type Harness, SILENT_LOGGER, startHarness } from '../../test-support/engine-harness.js';
import type { Broker, BrokerReport, OrderTicket } from '../ports/broker.js';
import type { RunOptions } from '../ports/cycle-runner.js';
import { LiveTradingOrchestrator, type OrchestratorDeps } from './live-trading-orchestrator.js';
import { HEARTBEAT_MS, TradingWorker, type WorkerDeps } from './trading-worker.js';
import { WorkerControl } from './worker-control.js';

const IDENTITY = { instanceId: 'w-test', host: 'test', pid: 1 };
const DEFAULTS = { enabled: true, intervalSeconds: 1 };
const ALICE = { source: 'api/manual' as const, actor: 'alice' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns something truthy; fails with `what` instead of hanging the suite. */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | false,
) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Real Node timers that also write down every delay the worker schedules a cycle with. With
 * `manualHeartbeat` the heartbeat interval is kept instead of started, so the test fires it when it
 * wants (the real one is HEARTBEAT_MS = 5 s).
 */
class WorkerTimers extends NodeTimers {
  readonly cycleDelays: number[] = [];
  readonly intervals: { fn: () => void; ms: number }[] = [];

  constructor(
    private readonly manualHeartbeat = false,
    /** Moved on by each delay as it passes, so the engine's clock sees the time go by. */
    private readonly clock: TestClock | null = null,
  ) {
    super();
  }

  override setTimeout(fn: () => void, ms: number): unknown {
    this.cycleDelays.push(ms);
    return super.setTimeout(() => {
      this.clock?.advance(ms);
      fn();
    }, ms);
  }

  override setInterval(fn: () => void, ms: number): unknown {
    this.intervals.push({ fn, ms });
    return this.manualHeartbeat ? null : super.setInterval(fn, ms);
  }

  override clearInterval(handle: unknown): void {
    if (handle !== null) super.clearInterval(handle);
  }

  fireHeartbeat(): void {
    for (const { fn } of this.intervals) fn();
  }
}

/** The real orchestrator, watched: counts cycles running at once; each cycle lasts as long as the test says. */
class OverlapProbe extends LiveTradingOrchestrator {
  active = 0;
  maxActive = 0;
  finished = 0;

  constructor(
    deps: OrchestratorDeps,
    private readonly testClock: TestClock,
    private readonly durationsMs: number[],
  ) {
    super(deps);
  }

  override async runScheduledCycle(slot: number, options: RunOptions): Promise<RunCycleResult> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const result = await super.runScheduledCycle(slot, options);
      const ms = this.durationsMs.shift() ?? 100;
      await sleep(ms);
      this.testClock.advance(ms); // the engine's clock sees the cycle take as long as it really did
      return result;
    } finally {
      this.active--;
      this.finished++;
    }
  }
}

/** A paper broker that holds the first order until the test lets it through. */
class GatedBroker extends PaperBroker {
  readonly arrived = deferred();
  private readonly gate = deferred();

  override async submit(ticket: OrderTicket): Promise<BrokerReport> {
    this.arrived.resolve();
    await this.gate.promise;
    return super.submit(ticket);
  }

  release(): void {
    this.gate.resolve();
  }
}

let h: Harness;
const workers: TradingWorker[] = [];

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop('test over');
  await h.close();
});

function orchestratorDeps(broker: Broker = h.broker): OrchestratorDeps {
  return {
    store: h.store,
    marketData: h.market,
    broker,
    clock: h.clock,
    ids: h.ids,
    timers: h.timers,
    logger: SILENT_LOGGER,
    clientOrderIdFor,
  };
}

function startWorker(over: Partial<WorkerDeps> = {}): { worker: TradingWorker; timers: WorkerTimers } {
  const timers = (over.timers as WorkerTimers | undefined) ?? new WorkerTimers(false, h.clock);
  const worker = new TradingWorker({
    orchestrator: h.orchestrator,
    store: h.store,
    clock: h.clock,
    timers,
    ids: h.ids,
    logger: SILENT_LOGGER,
    identity: IDENTITY,
    defaults: DEFAULTS,
    ...over,
  });
  workers.push(worker);
  return { worker, timers };
}

async function workerCycles() {
  return (await h.store.cycles.list({ source: 'worker' }, { limit: 100 })).items;
}

async function eventsOfType(
  type: 'WorkerStarted' | 'WorkerStopped' | 'WorkerSettingsChanged' | 'CycleStarted',
) {
  return (await h.store.audit.list({ type, order: 'asc' }, { limit: 100 })).items;
}

describe('the worker starts trading on its own', () => {
  it('runs a first cycle at once as source "worker", says it started, and leaves a heartbeat', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 97);
    const { worker, timers } = startWorker();
    await worker.start();

    expect(timers.cycleDelays[0]).toBe(0); // the first cycle is due now, not one interval later
    const [started, ...more] = await eventsOfType('WorkerStarted');
    expect(more).toEqual([]);
    expect(started).toMatchObject({
      source: 'worker',
      actor: 'w-test',
      payload: { instance_id: 'w-test', enabled: true, interval_seconds: 1, host: 'test', pid: 1 },
    });
    expect(await h.store.worker.listInstances()).toEqual([
      expect.objectContaining({
        instanceId: 'w-test',
        host: 'test',
        pid: 1,
        stoppedAt: null,
        heartbeatAt: h.clock.now(),
      }),
    ]);

    const cycle = await waitFor('the first worker cycle to complete', async () => {
      const latest = await h.store.cycles.latest('worker');
      return latest?.status === 'completed' ? latest : null;
    });
    await worker.idle();
    expect(cycle).toMatchObject({ source: 'worker', actor: 'w-test', counts: { orders: 1, fills: 1 } });
    const events = await h.store.audit.listByCycle(cycle.id);
    expect(events.map((e) => e.type)).toContain('ExecutionRecorded');
    for (const e of events) expect(e).toMatchObject({ source: 'worker', actor: 'w-test' });
    expect(events[0]!.seq).toBeGreaterThan(started!.seq);
    expect((await h.store.positions.get(position.id))!.anchor!.toFixed()).toBe('97');
    expect((await h.store.worker.listInstances())[0]!.lastCycleId).toBe(cycle.id);
  });
});

describe('cycles never overlap', () => {
  it('starts each cycle with its slot, at once for a slot already under way, never before the previous one ends', async () => {
    await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 100);
    // The first cycle overruns the 1 s interval (1.2 s); the next ones take 0.1 s.
    const probe = new OverlapProbe(orchestratorDeps(), h.clock, [1_200, 100, 100]);
    const { worker, timers } = startWorker({ orchestrator: probe });
    await worker.start();
    await waitFor('three cycles and the fourth scheduled', () => timers.cycleDelays.length >= 4);
    await worker.stop('enough');

    expect(probe.maxActive).toBe(1);
    expect(probe.finished).toBe(3);
    // The clock starts on a slot boundary. Start at once; after the 1.2 s overrun the next slot has
    // begun, so its cycle starts at once (after the end); that one ends 0.3 s into its slot, so the
    // next waits 0.7 s for the boundary; from then on each waits 0.9 s.
    expect(timers.cycleDelays).toEqual([0, 0, 700, 900]);
    const cycles = await workerCycles();
    expect(cycles.map((c) => c.status)).toEqual(['completed', 'completed', 'completed']);
  });
});

describe('stopping the worker', () => {
  it('waits for the cycle in hand, records it and WorkerStopped, marks the instance stopped, and starts nothing after', async () => {
    const { position } = await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 97);
    const broker = new GatedBroker(new KyselyPaperOrderBook(h.store.executor), h.clock);
    const { worker } = startWorker({ orchestrator: new LiveTradingOrchestrator(orchestratorDeps(broker)) });
    await worker.start();
    await broker.arrived.promise; // the cycle is at the broker with an order in hand

    let stopped = false;
    const stopping = worker.stop('shutting down').then(() => {
      stopped = true;
    });
    await sleep(100);
    expect(stopped).toBe(false); // still waiting for the order to come back
    expect(worker.snapshot()).toMatchObject({ running: false, inCycle: true });
    broker.release();
    await stopping;

    const [cycle, ...others] = await workerCycles();
    expect(others).toEqual([]);
    expect(cycle).toMatchObject({ status: 'completed', counts: { orders: 1, fills: 1 } });
    expect((await h.store.positions.get(position.id))!.shares.toFixed()).toBe('55.234455');
    const cycleEvents = await h.store.audit.listByCycle(cycle!.id);
    expect(cycleEvents.at(-1)!.type).toBe('CycleCompleted');
    const [stoppedEvent, ...moreStops] = await eventsOfType('WorkerStopped');
    expect(moreStops).toEqual([]);
    expect(stoppedEvent).toMatchObject({
      source: 'worker',
      actor: 'w-test',
      payload: { instance_id: 'w-test', reason: 'shutting down' },
    });
    expect(stoppedEvent!.seq).toBeGreaterThan(cycleEvents.at(-1)!.seq);
    expect(await h.store.worker.listInstances()).toEqual([
      expect.objectContaining({ instanceId: 'w-test', stoppedAt: h.clock.now(), lastCycleId: cycle!.id }),
    ]);
    expect(worker.snapshot()).toMatchObject({ running: false, nextCycleAt: null, inCycle: false });

    h.market.set('ACME', 90); // a price that would trade, if anything still ran
    await sleep(1_300); // longer than the 1 s interval
    expect(await workerCycles()).toHaveLength(1);
    expect(await h.store.audit.lastSeq()).toBe(stoppedEvent!.seq);
  });
});

describe('stopping while new settings are being read', () => {
  it('stays stopped: nothing scheduled, and the instance row still says stopped', async () => {
    await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 100);
    const { worker } = startWorker();
    await worker.start();
    await waitFor('the first cycle', async () => (await workerCycles()).length === 1);
    await worker.idle();

    // Another process changed the interval; this worker is re-reading it when the shutdown begins.
    await h.store.worker.saveSettings({
      enabled: true,
      intervalSeconds: 2,
      updatedAt: h.clock.now(),
      updatedBy: 'other-process',
    });
    const rereading = worker.refresh();
    await worker.stop('SIGTERM');
    await rereading;

    expect(worker.snapshot()).toMatchObject({ running: false, nextCycleAt: null });
    expect(await h.store.worker.listInstances()).toEqual([
      expect.objectContaining({ instanceId: 'w-test', stoppedAt: h.clock.now() }),
    ]);
  });
});

describe('operators switch the worker off and on', () => {
  it('stops scheduling when disabled through WorkerControl, resumes when re-enabled, persists and audits the change', async () => {
    await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 100);
    const { worker, timers } = startWorker();
    const control = new WorkerControl(h.store, h.ids, h.clock, DEFAULTS, worker);
    await worker.start();
    await waitFor('the first cycle', async () => (await workerCycles()).length === 1);
    await worker.idle();

    const off = await control.update({ enabled: false }, ALICE);
    expect(off).toMatchObject({ running: false, enabled: false, next_cycle_at: null });
    expect(worker.snapshot()).toMatchObject({ running: false, enabled: false, nextCycleAt: null });

    // Persisted: another process (a new control and a new worker on the same database) sees it.
    const elsewhere = new WorkerControl(h.store, h.ids, h.clock, DEFAULTS, null);
    expect(await elsewhere.status()).toMatchObject({ enabled: false, settings_updated_by: 'alice' });
    const { worker: second } = startWorker({ identity: { instanceId: 'w-second', host: 'test', pid: 2 } });
    await second.start();
    expect(second.snapshot()).toMatchObject({ enabled: false, running: false, nextCycleAt: null });

    await sleep(1_300); // longer than the interval: nothing runs while disabled
    expect(await workerCycles()).toHaveLength(1);

    const scheduledBefore = timers.cycleDelays.length;
    const on = await control.update({ enabled: true }, ALICE);
    expect(on).toMatchObject({ running: true, enabled: true });
    expect(timers.cycleDelays[scheduledBefore]).toBe(0); // re-enabled: a cycle at once
    await waitFor('a cycle after re-enabling', async () => (await workerCycles()).length === 2);
    await worker.idle();

    const changes = await eventsOfType('WorkerSettingsChanged');
    expect(changes.map((e) => [e.source, e.actor, e.payload])).toEqual([
      [
        'api/manual',
        'alice',
        { enabled: { before: true, after: false }, interval_seconds: { before: 1, after: 1 } },
      ],
      [
        'api/manual',
        'alice',
        { enabled: { before: false, after: true }, interval_seconds: { before: 1, after: 1 } },
      ],
    ]);
    expect(await h.store.worker.getSettings()).toMatchObject({ enabled: true, updatedBy: 'alice' });
  });

  it('picks up settings another process wrote at its next heartbeat', async () => {
    await h.addPosition({ symbol: 'ACME' });
    h.market.set('ACME', 100);
    const timers = new WorkerTimers(true);
    const { worker } = startWorker({ timers });
    await worker.start();
    expect(timers.intervals.map((i) => i.ms)).toEqual([HEARTBEAT_MS]);
    await waitFor('the first cycle', async () => (await workerCycles()).length === 1);
    await worker.idle();

    // Another process (its API) switches the worker off: nothing changes here until the heartbeat.
    await h.store.worker.saveSettings({
      enabled: false,
      intervalSeconds: 1,
      updatedAt: h.clock.now(),
      updatedBy: 'other-process',
    });
    expect(worker.snapshot()).toMatchObject({ enabled: true, running: true });
    h.clock.advance(HEARTBEAT_MS);
    timers.fireHeartbeat();
    await waitFor('the worker to notice it was disabled', () => !worker.snapshot().enabled);
    expect(worker.snapshot()).toMatchObject({ running: false, nextCycleAt: null });
    await waitFor('the heartbeat row', async () => {
      const [row] = await h.store.worker.listInstances();
      return row?.heartbeatAt === h.clock.now();
    });
    await sleep(1_200);
    expect(await workerCycles()).toHaveLength(1);

    // Switched back on with a longer interval, elsewhere: the next heartbeat starts a cycle at once.
    await h.store.worker.saveSettings({
      enabled: true,
      intervalSeconds: 30,
      updatedAt: h.clock.now(),
      updatedBy: 'other-process',
    });
    timers.fireHeartbeat();
    await waitFor('a cycle after re-enabling elsewhere', async () => (await workerCycles()).length === 2);
    await worker.idle();
    expect(worker.snapshot()).toMatchObject({
      enabled: true,
      running: true,
      intervalSeconds: 30,
      // The next slot boundary: every engine sharing the database starts it together.
      nextCycleAt: (Math.floor(h.clock.now() / 30_000) + 1) * 30_000,
    });
  });
});
