import { availableParallelism } from 'node:os';
import type { SimulationMetrics } from '@ballast/contracts';
import {
  type BarsSpec,
  ComputeCancelled,
  type ComputeHooks,
  type EvaluationOutcome,
  type PreparedBars,
  type PrepareOutcome,
  type RunSpec,
  type SimulationCompute,
  type SimulationOutcome,
} from '../../application/ports/simulation-compute.js';
import type { SharedBars } from './shared-bars.js';
import type { FromSimulationThread, ToSimulationThread } from './simulation-thread-messages.js';
import { type PooledThread, WorkerThreadPool } from './worker-thread-pool.js';

/** The thread script, next to this file in the build (`dist/adapters/compute/`). */
export const SIMULATION_THREAD_SCRIPT = new URL('./simulation-thread.js', import.meta.url);

type Request = Exclude<ToSimulationThread, { kind: 'forget' }>;
type Build = (id: number, bars: SharedBars | undefined, cancel: Int32Array) => Request;

/**
 * Simulations on a pool of worker threads, one per core. Bars are prepared by one thread, kept in
 * shared memory, and sent to each other thread once; an optimization's runs are split in chunks over
 * every thread. Cancelling sets a flag in shared memory that the threads read between slices of bars.
 */
export class WorkerThreadSimulationCompute implements SimulationCompute {
  private readonly pool: WorkerThreadPool;
  private readonly bars = new Map<string, SharedBars>();
  private nextId = 1;

  constructor(options: { script?: URL; threads?: number } = {}) {
    this.pool = new WorkerThreadPool(
      options.script ?? SIMULATION_THREAD_SCRIPT,
      options.threads ?? availableParallelism(),
    );
  }

  get threads(): number {
    return this.pool.size;
  }

  async prepare(spec: BarsSpec): Promise<PrepareOutcome> {
    const key = `bars-${process.pid}-${this.nextId++}`;
    const answer = await this.run<FromSimulationThread>(
      key,
      (id) => ({ kind: 'prepare', id, key, spec }),
      null,
      (m) => (m.kind === 'prepared' || m.kind === 'refused' ? m : undefined),
      // A request waits for this check before its answer: ahead of the runs already queued.
      { first: true },
    ).done;
    if (answer.kind === 'refused') return { ok: false, message: answer.message, details: answer.details };
    if (answer.kind !== 'prepared') throw new Error(`unexpected answer ${answer.kind}`);
    this.bars.set(key, answer.bars);
    const { times } = answer.bars;
    return {
      ok: true,
      bars: { key, count: times.length, firstAt: times[0]!, lastAt: times[times.length - 1]! },
    };
  }

  simulate(bars: PreparedBars, run: RunSpec, hooks: ComputeHooks): Promise<SimulationOutcome> {
    const { flag: cancel, dispose } = cancelFlag(hooks.signal);
    const request = this.run(
      bars.key,
      (id, shared) => ({
        kind: 'simulate',
        id,
        key: bars.key,
        run,
        cancel,
        ...(shared ? { bars: shared } : {}),
      }),
      { ...hooks, cancel },
      (m) => (m.kind === 'simulated' ? m.outcome : undefined),
    );
    const stopWatching = onAbort(hooks.signal, () => request.withdraw());
    return request.done.finally(() => {
      dispose();
      stopWatching();
    });
  }

  async evaluate(
    bars: PreparedBars,
    runs: readonly RunSpec[],
    benchmark: RunSpec,
    hooks: ComputeHooks,
  ): Promise<EvaluationOutcome> {
    const { flag: cancel, dispose } = cancelFlag(hooks.signal);
    const size = Math.max(1, Math.min(32, Math.ceil(runs.length / (this.pool.size * 4))));
    const chunks = Array.from({ length: Math.max(1, Math.ceil(runs.length / size)) }, (_, k) =>
      runs.slice(k * size, (k + 1) * size),
    );
    const done = chunks.map(() => 0);
    let started = false;
    const chunkHooks = (k: number) => ({
      signal: hooks.signal,
      cancel,
      onStart: () => {
        if (!started) hooks.onStart?.();
        started = true;
      },
      onProgress: (n: number) => {
        done[k] = n;
        hooks.onProgress(
          done.reduce((a, b) => a + b, 0),
          runs.length,
        );
      },
    });
    const answers = chunks.map((chunk, k) =>
      this.run(
        bars.key,
        (id, shared) => ({
          kind: 'evaluate',
          id,
          key: bars.key,
          runs: chunk,
          benchmark: k === 0 ? benchmark : null,
          cancel,
          ...(shared ? { bars: shared } : {}),
        }),
        chunkHooks(k),
        (m) => (m.kind === 'evaluated' ? m : undefined),
      ),
    );
    const stopWatching = onAbort(hooks.signal, () => {
      for (const answer of answers) answer.withdraw();
    });
    // One failure stops the other chunks.
    for (const answer of answers) answer.done.catch(() => Atomics.store(cancel, 0, 1));
    const results = await Promise.all(answers.map((a) => a.done)).finally(() => {
      dispose();
      stopWatching();
    });
    return {
      metrics: results.flatMap((r) => r.metrics),
      buyAndHold: results[0]!.buyAndHold as SimulationMetrics,
    };
  }

  release(bars: PreparedBars): void {
    this.bars.delete(bars.key);
    this.pool.broadcast({ kind: 'forget', key: bars.key } satisfies ToSimulationThread, (t) =>
      t.holds.delete(bars.key),
    );
  }

  close(): Promise<void> {
    this.bars.clear();
    return this.pool.close();
  }

  /**
   * One request on whichever thread is free (preferably one that holds the bars), its progress to the
   * hooks, settled by the first answer `accept` takes, or by `cancelled`, `refused` or `failed`.
   * `withdraw` takes it out of the queue if it has not started (it then rejects as cancelled).
   */
  private run<R>(
    key: string,
    build: Build,
    hooks: (Partial<ComputeHooks> & { cancel: Int32Array }) | null,
    accept: (m: FromSimulationThread) => R | undefined,
    queueing: { first?: boolean } = {},
  ): { done: Promise<R>; withdraw(): void } {
    const id = this.nextId++;
    let withdraw = () => {};
    const done = new Promise<R>((resolve, reject) => {
      const task = {
        prefers: (t: PooledThread) => t.holds.has(key),
        begin: (t: PooledThread) => {
          hooks?.onStart?.();
          const shared = t.holds.has(key) ? undefined : this.bars.get(key);
          t.holds.add(key);
          t.post(build(id, shared, hooks?.cancel ?? new Int32Array(1)));
        },
        receive: (message: unknown) => {
          const m = message as FromSimulationThread;
          if (m.id !== id) return false;
          if (m.kind === 'progress') {
            hooks?.onProgress?.(m.done, m.total);
            return false;
          }
          const value = accept(m);
          if (value !== undefined) resolve(value);
          else if (m.kind === 'cancelled') reject(new ComputeCancelled());
          else reject(new Error(m.kind === 'failed' ? m.message : `unexpected answer ${m.kind}`));
          return true;
        },
        fail: reject,
      };
      const takeBack = this.pool.submit(task, queueing);
      withdraw = () => {
        if (takeBack()) reject(new ComputeCancelled());
      };
    });
    return { done, withdraw: () => withdraw() };
  }
}

/**
 * Runs `fn` once when the signal aborts (at once if it has); the returned function stops listening,
 * so a signal shared by many runs (a terminal's Ctrl-C) does not collect a listener per run.
 */
function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    fn();
    return () => {};
  }
  signal.addEventListener('abort', fn, { once: true });
  return () => signal.removeEventListener('abort', fn);
}

/** A flag in shared memory the threads read between slices; set when the signal aborts. */
function cancelFlag(signal: AbortSignal): { flag: Int32Array; dispose: () => void } {
  const flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const dispose = onAbort(signal, () => Atomics.store(flag, 0, 1));
  return { flag, dispose };
}
