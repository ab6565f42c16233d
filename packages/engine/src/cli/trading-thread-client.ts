import { Worker } from 'node:worker_threads';
import type { RunCycleResult } from '@ballast/contracts';
import { AppError } from '../application/app-error.js';
import type { CycleRunner, RunOptions } from '../application/ports/cycle-runner.js';
import type { Logger } from '../application/ports/logger.js';
import type { WorkerHandle, WorkerSnapshot } from '../application/ports/worker-handle.js';
import type { PositionId } from '../domain/ids.js';
import type { FromTradingThread, ToTradingThread } from './trading-thread-messages.js';

const RESTART_DELAY_MS = 2_000;
const STOP_TIMEOUT_MS = 60_000;

type Pending = { resolve: (r: RunCycleResult) => void; reject: (e: Error) => void };

/**
 * The API thread's side of the trading thread: starts it, forwards manual cycles and settings changes,
 * keeps its latest snapshot for the status endpoint, restarts it if it dies, and stops it gracefully.
 */
export class TradingThread implements CycleRunner, WorkerHandle {
  private worker: Worker | null = null;
  private latest: WorkerSnapshot | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping = false;
  private stopped: (() => void) | null = null;

  constructor(private readonly logger: Logger) {}

  /** Starts the thread and resolves once its worker runs (or rejects if it cannot start). */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./trading-thread.js', import.meta.url));
      this.worker = worker;
      worker.on('message', (m: FromTradingThread) => {
        if (m.kind === 'ready') resolve();
        this.handle(m);
      });
      worker.once('error', (error) => {
        this.logger.error({ err: error }, 'the trading thread failed');
        reject(error);
      });
      worker.once('exit', (code) => this.exited(code));
    });
  }

  snapshot(): WorkerSnapshot | null {
    return this.latest;
  }

  async refresh(): Promise<void> {
    this.post({ kind: 'refresh' });
  }

  runCycle(options: RunOptions): Promise<RunCycleResult> {
    return this.call(options.actor);
  }

  runCycleForPosition(id: PositionId, options: RunOptions): Promise<RunCycleResult> {
    return this.call(options.actor, id);
  }

  /** Asks the worker to finish the batch in hand and stop; resolves when the thread has ended. */
  stop(reason: string): Promise<void> {
    this.stopping = true;
    if (!this.worker) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.logger.error({}, 'the trading thread did not stop in time; terminating it');
        void this.worker?.terminate();
      }, STOP_TIMEOUT_MS);
      this.stopped = () => {
        clearTimeout(timer);
        resolve();
      };
      this.post({ kind: 'stop', reason });
    });
  }

  private call(actor: string, positionId?: string): Promise<RunCycleResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.worker || this.stopping) {
        reject(new AppError('WORKER_UNAVAILABLE', 'the trading engine is restarting or stopping; try again'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.post(
        positionId === undefined
          ? { kind: 'runCycle', id, actor }
          : { kind: 'runCycle', id, actor, positionId },
      );
    });
  }

  private handle(m: FromTradingThread): void {
    if (m.kind === 'ready' || m.kind === 'snapshot') this.latest = m.snapshot;
    else if (m.kind === 'result') this.settle(m.id)?.resolve(m.result);
    else if (m.kind === 'failed') {
      const error = m.error.code
        ? new AppError(m.error.code, m.error.message, m.error.details)
        : new Error(m.error.message);
      this.settle(m.id)?.reject(error);
    }
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private post(message: ToTradingThread): void {
    this.worker?.postMessage(message);
  }

  /** A thread that ends without being asked to is restarted: trading must go on. */
  private exited(code: number): void {
    this.worker = null;
    this.latest = null;
    for (const [, p] of this.pending)
      p.reject(
        new AppError('WORKER_UNAVAILABLE', 'the trading engine restarted during the request; try again'),
      );
    this.pending.clear();
    if (this.stopping) {
      this.stopped?.();
      return;
    }
    this.logger.error(
      { code },
      `the trading thread ended unexpectedly (exit code ${code}); restarting it in ${RESTART_DELAY_MS / 1000} s`,
    );
    setTimeout(() => {
      if (!this.stopping)
        this.start().catch((error: unknown) =>
          this.logger.error({ err: error }, 'restarting the trading thread failed'),
        );
    }, RESTART_DELAY_MS);
  }
}
