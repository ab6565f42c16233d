import type { BarsSummary } from '@ballast/contracts';
import type { EventId } from '../../domain/ids.js';
import { AppError } from '../app-error.js';
import type { Requester } from '../audit-draft.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { ProcessLiveness } from '../ports/process-liveness.js';
import { ComputeCancelled, type ComputeHooks } from '../ports/simulation-compute.js';
import type { Store } from '../ports/store.js';
import type { Timers } from '../ports/timers.js';
import type { LabJobEnd, LabJobKind, LabJobRecord } from '../records.js';
import { JobProgress } from './job-progress.js';
import { type JobSubject, LabJobEvents } from './lab-job-events.js';

export interface LabJobsDeps {
  readonly store: Store;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** This engine, as written on the jobs it runs. */
  readonly runner: { readonly host: string; readonly pid: number };
  readonly liveness: ProcessLiveness;
}

/** A new job: what it is, how much work it is, and what its Started event says. */
export interface JobOpening {
  readonly kind: LabJobKind;
  readonly name: string | null;
  readonly total: number;
  readonly subject: JobSubject | null;
  readonly bars: BarsSummary;
  /** An uploaded CSV, kept with the job for later runs over the same bars. */
  readonly barsText: string | null;
  readonly request: Record<string, unknown>;
  readonly started: Record<string, unknown>;
}

/** What finished work hands back: the headline, the result, and what the Completed event adds. */
export interface JobResult {
  readonly outcome: Record<string, unknown>;
  readonly resultJson: string;
  readonly completed: Record<string, unknown>;
}

/** At most this many jobs run (or wait for a thread) in one engine at a time. */
export const MAX_ACTIVE_JOBS = 8;
/** A job whose engine has not written its heartbeat for this long is taken for dead. */
export const STALE_JOB_MS = 2 * 60_000;

interface Active {
  readonly controller: AbortController;
  settled: Promise<void>;
  shutdown: boolean;
}

/**
 * The life of a lab job, whatever its kind: opened (row and Started event in one transaction), run off
 * this thread with its progress stored, ended once (row and Completed event together; whoever ends it
 * first — the work, a cancel, a shutdown, the next start after a crash — wins, and the rest change
 * nothing). Every event has source `simulation` and the actor who asked.
 */
export class LabJobs {
  private readonly active = new Map<string, Active>();
  private readonly events: LabJobEvents;
  private starting = 0;

  constructor(private readonly deps: LabJobsDeps) {
    this.events = new LabJobEvents(deps);
  }

  /**
   * Runs `start` (checking a request, reading its bars, opening its job) unless the engine already runs
   * as many jobs as it takes, counting those still starting.
   */
  async withRoom<T>(start: () => Promise<T>): Promise<T> {
    const busy = this.active.size + this.starting;
    if (busy >= MAX_ACTIVE_JOBS)
      throw new AppError(
        'SIMULATION_LAB_BUSY',
        `${busy} simulations and optimizations are running; wait for one to finish or cancel one`,
        { running: busy },
      );
    this.starting++;
    try {
      return await start();
    } finally {
      this.starting--;
    }
  }

  async open(o: JobOpening, by: Requester): Promise<LabJobRecord> {
    const { ids, clock, runner, store } = this.deps;
    const now = clock.now();
    const id = ids.next();
    const startedEventId = ids.next() as EventId;
    const job: LabJobRecord = {
      id,
      kind: o.kind,
      name: o.name,
      status: 'queued',
      done: 0,
      total: o.total,
      requestedBy: by.actor,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      heartbeatAt: now,
      runner,
      error: null,
      fromPosition: (o.subject?.positionId ?? null) as LabJobRecord['fromPosition'],
      bars: o.bars,
      request: o.request,
      outcome: null,
      startedEventId,
    };
    const started = this.events.started(job, by.actor, o.subject, { ...o.started, bars: o.bars });
    const recorded = await store.transaction(async (tx) => {
      await tx.labJobs.insert(job, o.barsText);
      return tx.audit.append([started]);
    });
    by.onRecorded?.(recorded);
    return job;
  }

  /** Runs the work in the background; its end is stored and audited. */
  run(job: LabJobRecord, work: (hooks: ComputeHooks) => Promise<JobResult>): void {
    const { store, clock, logger } = this.deps;
    const entry: Active = { controller: new AbortController(), settled: Promise.resolve(), shutdown: false };
    const progress = new JobProgress(
      job.id,
      { done: 0, total: job.total },
      { ...this.deps, jobs: store.labJobs },
      () => entry.controller.abort(),
    );
    const hooks: ComputeHooks = {
      signal: entry.controller.signal,
      onStart: () =>
        void store.labJobs
          .markRunning(job.id, clock.now())
          .catch((error: unknown) =>
            logger.warn({ err: error, job: job.id }, 'could not mark a lab job running'),
          ),
      onProgress: (done, total) => progress.report(done, total),
    };
    this.active.set(job.id, entry);
    entry.settled = this.closeWhenDone(job, work(hooks), entry, progress);
  }

  private async closeWhenDone(
    job: LabJobRecord,
    work: Promise<JobResult>,
    entry: Active,
    progress: JobProgress,
  ) {
    try {
      let end: Omit<LabJobEnd, 'finishedAt'>;
      let extra: Record<string, unknown> = {};
      try {
        const result = await work;
        const { outcome, resultJson } = result;
        end = { status: 'completed', error: null, outcome, resultJson, done: job.total };
        extra = result.completed;
      } catch (error) {
        end = this.failure(job, error, entry.shutdown);
      }
      await progress.stop();
      await this.end(job, { ...end, finishedAt: this.deps.clock.now() }, job.requestedBy, extra);
    } catch (error) {
      this.deps.logger.error({ err: error, job: job.id }, 'a lab job could not be closed');
    } finally {
      this.active.delete(job.id);
    }
  }

  /** Cancels a queued or running job, here or in another engine; a finished one is a 409. */
  async cancel(kind: LabJobKind, id: string, by: Requester): Promise<LabJobRecord> {
    const { store, clock } = this.deps;
    const job = await store.labJobs.get(kind, id);
    if (!job) throw notFoundJob(kind, id);
    const end: LabJobEnd = {
      status: 'cancelled',
      finishedAt: clock.now(),
      error: null,
      outcome: null,
      resultJson: null,
    };
    const event = await this.events.completed(job, end, by.actor, { cancelled_by: by.actor });
    const recorded = await store.transaction(async (tx) => {
      if (await tx.labJobs.finish(id, end)) return tx.audit.append([event]);
      const status = (await tx.labJobs.get(kind, id))?.status ?? job.status;
      throw new AppError(
        `${kind.toUpperCase()}_NOT_CANCELLABLE`,
        `${kind} ${id} is ${status}: only a queued or running one can be cancelled`,
        { status },
      );
    });
    by.onRecorded?.(recorded);
    this.active.get(id)?.controller.abort();
    return (await store.labJobs.get(kind, id))!;
  }

  /**
   * Jobs that were running in an engine that stopped (this one before its restart, or one whose process
   * is gone or whose heartbeat is stale) are failed: nothing survives a restart.
   */
  async recover(): Promise<number> {
    const { clock, runner, liveness, store } = this.deps;
    const now = clock.now();
    const dead = (await store.labJobs.listUnfinished()).filter((j) => {
      if (this.active.has(j.id)) return false;
      const here =
        j.runner.host === runner.host &&
        (j.runner.pid === runner.pid || liveness.isGone(j.runner.host, j.runner.pid));
      return here || now - j.heartbeatAt > STALE_JOB_MS;
    });
    for (const job of dead) {
      const end: LabJobEnd = {
        status: 'failed',
        finishedAt: now,
        error: `the engine stopped during the ${job.kind}`,
        outcome: null,
        resultJson: null,
      };
      await this.end(job, end, job.requestedBy, {});
    }
    if (dead.length > 0)
      this.deps.logger.warn({ jobs: dead.length }, `failed ${dead.length} lab jobs an engine stopped during`);
    return dead.length;
  }

  /** Cancels every running job (they end as cancelled, saying the engine stopped); resolves when they have. */
  abortAll(): Promise<void> {
    const running = [...this.active.values()];
    for (const entry of running) {
      entry.shutdown = true;
      entry.controller.abort();
    }
    return Promise.all(running.map((entry) => entry.settled)).then(() => undefined);
  }

  private failure(job: LabJobRecord, error: unknown, shutdown: boolean): Omit<LabJobEnd, 'finishedAt'> {
    const none = { outcome: null, resultJson: null };
    if (error instanceof AppError) return { status: 'failed', error: error.message, ...none };
    if (shutdown)
      return { status: 'cancelled', error: `the engine was stopped during the ${job.kind}`, ...none };
    if (error instanceof ComputeCancelled) return { status: 'cancelled', error: null, ...none };
    this.deps.logger.error({ err: error, job: job.id }, `a ${job.kind} failed`);
    return {
      status: 'failed',
      error: `the ${job.kind} failed: ${error instanceof Error ? error.message : String(error)}`,
      ...none,
    };
  }

  /** Ends a job unless something else ended it first; the Completed event only when this did. */
  private async end(
    job: LabJobRecord,
    end: LabJobEnd,
    actor: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const event = await this.events.completed(job, end, actor, extra);
    await this.deps.store.transaction(async (tx) => {
      if (await tx.labJobs.finish(job.id, end)) await tx.audit.append([event]);
    });
  }
}

export function notFoundJob(kind: LabJobKind, id: string): AppError {
  return new AppError(`${kind.toUpperCase()}_NOT_FOUND`, `${kind} ${id} does not exist`, { id });
}
