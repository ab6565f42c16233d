/**
 * A simulation thread: reads or generates bars, plays runs over them and measures them, one request at
 * a time, so the API thread never computes. Started by `WorkerThreadSimulationCompute`.
 */
import { parentPort } from 'node:worker_threads';
import {
  prepareBars,
  runEvaluationTask,
  runSimulationTask,
  type TaskHooks,
} from '../../application/simulations/compute-tasks.js';
import type { SimulationBars } from '../../domain/simulation/simulate-bars.js';
import { BARS_READERS } from './bars-readers.js';
import { barsFromShared, type SharedBars, shareBars } from './shared-bars.js';
import type { FromSimulationThread, ToSimulationThread } from './simulation-thread-messages.js';

/** Progress is posted at most this often. */
const PROGRESS_EVERY_MS = 100;

const port = parentPort!;
const send = (message: FromSimulationThread) => port.postMessage(message);
const held = new Map<string, SimulationBars>();

function hooksFor(id: number, cancel: Int32Array): TaskHooks {
  let last = 0;
  return {
    progress(done, total) {
      const now = performance.now();
      if (done < total && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      send({ kind: 'progress', id, done, total });
    },
    cancelled: () => Atomics.load(cancel, 0) !== 0,
  };
}

function barsFor(key: string, shared: SharedBars | undefined): SimulationBars {
  if (shared) held.set(key, barsFromShared(shared));
  const bars = held.get(key);
  if (!bars) throw new Error(`no bars ${key} in this thread`);
  return bars;
}

function handle(m: Exclude<ToSimulationThread, { kind: 'forget' }>): FromSimulationThread {
  if (m.kind === 'prepare') {
    const prepared = prepareBars(m.spec, BARS_READERS);
    if (!prepared.ok)
      return { kind: 'refused', id: m.id, message: prepared.message, details: prepared.details };
    const shared = shareBars(prepared.bars);
    held.set(m.key, { ...prepared.bars, times: shared.times, closes: shared.closes });
    return { kind: 'prepared', id: m.id, bars: shared };
  }
  const hooks = hooksFor(m.id, m.cancel);
  const bars = barsFor(m.key, m.bars);
  if (m.kind === 'simulate') {
    const outcome = runSimulationTask(bars, m.run, hooks);
    return outcome === null ? { kind: 'cancelled', id: m.id } : { kind: 'simulated', id: m.id, outcome };
  }
  const evaluated = runEvaluationTask(bars, m.runs, m.benchmark, hooks);
  return evaluated === null ? { kind: 'cancelled', id: m.id } : { kind: 'evaluated', id: m.id, ...evaluated };
}

port.on('message', (m: ToSimulationThread) => {
  if (m.kind === 'forget') {
    held.delete(m.key);
    return;
  }
  try {
    send(handle(m));
  } catch (error) {
    send({ kind: 'failed', id: m.id, message: error instanceof Error ? error.message : String(error) });
  }
});
