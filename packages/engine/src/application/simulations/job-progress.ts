import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { LabJobRepository } from '../ports/store.js';
import type { Timers } from '../ports/timers.js';

/** Stored progress moves at most this often, however often the compute reports. */
export const PROGRESS_WRITE_MS = 250;
/** A running job's heartbeat is written at least this often, progress or not. */
export const HEARTBEAT_MS = 15_000;

/**
 * Writes a running job's progress to its row: the latest figures, at most every 250 ms, one write at a
 * time, and a heartbeat every 15 s. A write that finds the job finished (cancelled in this engine or
 * another) calls `onGone`, so the compute stops.
 */
export class JobProgress {
  private timer: unknown = null;
  private readonly heartbeat: unknown;
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly jobId: string,
    private latest: { done: number; total: number },
    private readonly deps: {
      readonly jobs: LabJobRepository;
      readonly clock: Clock;
      readonly timers: Timers;
      readonly logger: Logger;
    },
    private readonly onGone: () => void,
  ) {
    this.heartbeat = deps.timers.setInterval(() => this.write(), HEARTBEAT_MS);
  }

  report(done: number, total: number): void {
    this.latest = { done, total };
    if (this.timer !== null || this.stopped) return;
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      this.write();
    }, PROGRESS_WRITE_MS);
  }

  /** No more writes; resolves once the last one has finished. */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.deps.timers.clearInterval(this.heartbeat);
    return this.writing;
  }

  private write(): void {
    if (this.stopped) return;
    const { done, total } = this.latest;
    this.writing = this.writing.then(async () => {
      if (this.stopped) return;
      try {
        const running = await this.deps.jobs.saveProgress(this.jobId, done, total, this.deps.clock.now());
        if (!running) this.onGone();
      } catch (error) {
        this.deps.logger.warn(
          { err: error, job: this.jobId },
          'could not store the progress of a simulation job',
        );
      }
    });
  }
}
