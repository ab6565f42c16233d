import type { OptimizationRequest, SampleBars, SimulationRequest } from '@ballast/contracts';
import type { Requester } from '../audit-draft.js';
import type { Page, PageRequest } from '../ports/page.js';
import type { SampleLibrary } from '../ports/sample-library.js';
import type { ComputeHooks, PreparedBars, SimulationCompute } from '../ports/simulation-compute.js';
import type { PositionService } from '../positions/position-service.js';
import type { LabJobKind, LabJobRecord } from '../records.js';
import { type BarsPlan, barsInvalid, planBars } from './bars-plan.js';
import { planGrid, runGrid } from './grid-plan.js';
import { type JobOpening, type JobResult, LabJobs, type LabJobsDeps, notFoundJob } from './lab-jobs.js';
import { type RunStart, resolveStart, runSpecOf, startFacts } from './run-start.js';

export interface SimulationLabDeps extends LabJobsDeps {
  readonly positions: PositionService;
  readonly samples: SampleLibrary;
  readonly compute: SimulationCompute;
}

/** What a job does once its bars are read. */
type LabWork = (bars: PreparedBars, hooks: ComputeHooks) => Promise<JobResult>;

/** How long a shutdown waits for running jobs to stop before the threads are ended anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * The simulation lab (DESIGN §9): simulations and optimizations as jobs. Starting one checks the request
 * and reads the bars first — a bad parameter or CSV line is a 400, and nothing is stored — then stores
 * the job, audits it and runs it off this thread; its result is read back when it is done.
 */
export class SimulationLab {
  private readonly jobs: LabJobs;

  constructor(private readonly deps: SimulationLabDeps) {
    this.jobs = new LabJobs(deps);
  }

  startSimulation(request: SimulationRequest, by: Requester): Promise<LabJobRecord> {
    return this.jobs.withRoom(() => this.simulation(request, by));
  }

  startOptimization(request: OptimizationRequest, by: Requester): Promise<LabJobRecord> {
    return this.jobs.withRoom(() => this.optimization(request, by));
  }

  private async simulation(request: SimulationRequest, by: Requester): Promise<LabJobRecord> {
    const start = await resolveStart(request, this.deps.positions);
    const plan = await planBars(request.bars, start.position, this.deps);
    const facts = { ...startFacts(start), bars: plan.stored };
    return this.launch(
      plan,
      { kind: 'simulation', name: request.name ?? null, start, facts },
      by,
      async (bars, hooks) => {
        const o = await this.deps.compute.simulate(bars, runSpecOf(start), hooks);
        const headline = { metrics: o.metrics, buy_and_hold: o.buyAndHold };
        return { outcome: headline, resultJson: o.resultJson, completed: headline };
      },
    );
  }

  private async optimization(request: OptimizationRequest, by: Requester): Promise<LabJobRecord> {
    const start = await resolveStart(request, this.deps.positions);
    const grid = planGrid(request.grid, start.params);
    const plan = await planBars(request.bars, start.position, this.deps);
    const ranking = { rankBy: request.rank_by, descending: request.descending };
    const facts = {
      ...startFacts(start),
      bars: plan.stored,
      grid: request.grid,
      rank_by: request.rank_by,
      descending: request.descending ?? null,
      combinations: grid.combinations.length,
    };
    const opening = {
      kind: 'optimization' as const,
      name: request.name ?? null,
      start,
      facts,
      total: grid.combinations.length,
    };
    return this.launch(plan, opening, by, async (bars, hooks) => {
      const { rows, buyAndHold } = await runGrid(this.deps.compute, bars, grid, start, ranking, hooks);
      const best = rows[0]?.error === null ? rows[0] : null;
      const completed = {
        best: best && { params: best.params, metrics: best.metrics },
        buy_and_hold: buyAndHold,
        combinations: rows.length,
        not_run: rows.length - grid.runnable,
      };
      return { outcome: { best, buy_and_hold: buyAndHold }, resultJson: JSON.stringify(rows), completed };
    });
  }

  /** A job and its stored result (JSON text: the SimulationResult, or the ranked rows). */
  async get(kind: LabJobKind, id: string): Promise<{ job: LabJobRecord; resultJson: string | null }> {
    const job = await this.deps.store.labJobs.get(kind, id);
    if (!job) throw notFoundJob(kind, id);
    return {
      job,
      resultJson: job.status === 'completed' ? await this.deps.store.labJobs.getResult(kind, id) : null,
    };
  }

  list(kind: LabJobKind, page: PageRequest): Promise<Page<LabJobRecord>> {
    return this.deps.store.labJobs.list(kind, page);
  }

  cancel(kind: LabJobKind, id: string, by: Requester): Promise<LabJobRecord> {
    return this.jobs.cancel(kind, id, by);
  }

  samples(): Promise<SampleBars[]> {
    return this.deps.samples.list();
  }

  /** At start-up: the jobs an engine was running when it stopped are failed. */
  recover(): Promise<number> {
    return this.jobs.recover();
  }

  /** Cancels the running jobs, waits a little for them to stop, then ends the threads. */
  async close(): Promise<void> {
    const stopped = this.jobs.abortAll();
    let timer: unknown;
    const grace = new Promise<void>((resolve) => {
      timer = this.deps.timers.setTimeout(resolve, SHUTDOWN_GRACE_MS);
    });
    await Promise.race([stopped, grace]);
    this.deps.timers.clearTimeout(timer);
    await this.deps.compute.close();
    await stopped;
  }

  /** Reads the bars (a 400 when they cannot be read), opens the job and runs `work` over them. */
  private async launch(
    plan: BarsPlan,
    o: {
      kind: LabJobKind;
      name: string | null;
      start: RunStart;
      facts: Record<string, unknown>;
      total?: number;
    },
    by: Requester,
    work: LabWork,
  ): Promise<LabJobRecord> {
    const bars = await this.prepare(plan);
    const view = o.start.position;
    const opening: JobOpening = {
      kind: o.kind,
      name: o.name,
      total: o.total ?? bars.count,
      subject: view && {
        portfolioId: view.position.portfolioId,
        positionId: view.position.id,
        symbol: view.position.symbol,
      },
      bars: {
        source: plan.description,
        count: bars.count,
        first_at: new Date(bars.firstAt).toISOString(),
        last_at: new Date(bars.lastAt).toISOString(),
      },
      barsText: plan.keptText,
      request: { name: o.name, ...o.facts },
      started: o.facts,
    };
    const job = await this.jobs.open(opening, by).catch((error: unknown) => {
      this.deps.compute.release(bars);
      throw error;
    });
    this.runOver(job, bars, work);
    return job;
  }

  private runOver(job: LabJobRecord, bars: PreparedBars, work: LabWork): void {
    this.jobs.run(job, async (hooks) => {
      try {
        return await work(bars, hooks);
      } finally {
        this.deps.compute.release(bars);
      }
    });
  }

  private async prepare(plan: BarsPlan): Promise<PreparedBars> {
    const prepared = await this.deps.compute.prepare(plan.spec);
    if (prepared.ok) return prepared.bars;
    const field = plan.stored.kind === 'csv' ? 'bars.csv' : 'bars';
    const where = (prepared.details ?? {}) as Record<string, unknown>;
    throw barsInvalid(prepared.message, field, where);
  }
}
