import type { RunCycleResult } from '@ballast/contracts';
import { ZERO } from '../../domain/decimal.js';
import type { CycleId, EventId, Instant, PositionId } from '../../domain/ids.js';
import { notFound } from '../app-error.js';
import type { Broker } from '../ports/broker.js';
import type { Clock } from '../ports/clock.js';
import type { CycleRunner, RunOptions } from '../ports/cycle-runner.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { MarketData, QuoteResult } from '../ports/market-data.js';
import type { PositionForTrading, Store } from '../ports/store.js';
import type { Timers } from '../ports/timers.js';
import { type CycleRecord, EMPTY_COUNTS } from '../records.js';
import { CycleTally } from './cycle-tally.js';
import { EventChain } from './event-chain.js';
import { recordExecutions, type Submission } from './execution-recorder.js';
import { errorText, recordPlans } from './plan-recorder.js';
import { PositionCache } from './position-cache.js';
import { PositionClaims } from './position-claims.js';
import type { CycleContext, PositionPlan } from './position-plan.js';
import { type ClientOrderIdFor, PositionPlanner } from './position-planner.js';

export interface OrchestratorDeps {
  readonly store: Store;
  readonly marketData: MarketData;
  readonly broker: Broker;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly timers: Timers;
  readonly logger: Logger;
  readonly clientOrderIdFor: ClientOrderIdFor;
  /** Positions evaluated, written and sent together; bigger is faster, smaller keeps the API snappier. */
  readonly batchSize?: number;
  readonly instanceId?: string;
}

/**
 * Runs trading cycles (DESIGN §5.1). The worker and the API call the same code; only `source` and
 * `actor` differ. Per batch: claim → load fresh → decide (pure) → write decisions and orders → send →
 * write fills. One failing position records an EvaluationFailed event and never stops the others.
 */
export class LiveTradingOrchestrator implements CycleRunner {
  private readonly planner: PositionPlanner;
  private readonly claims: PositionClaims;
  private readonly positions = new PositionCache();
  private readonly batchSize: number;

  constructor(private readonly deps: OrchestratorDeps) {
    this.planner = new PositionPlanner(deps.ids, deps.clientOrderIdFor);
    this.claims = new PositionClaims(deps.store, deps.clock, deps.timers);
    this.batchSize = deps.batchSize ?? 500;
  }

  /** Every position that trades automatically: auto-trading on (position and portfolio), portfolio active, anchor set. */
  getActivePositionsForTrading() {
    return this.deps.store.positions.listActiveForTrading();
  }

  async runCycle(options: RunOptions): Promise<RunCycleResult> {
    const positions = await this.getActivePositionsForTrading();
    return this.run(positions, options, false);
  }

  /** Runs one position whatever its auto-trading switch (an explicit request); a halted portfolio still blocks orders. */
  async runCycleForPosition(id: PositionId, options: RunOptions): Promise<RunCycleResult> {
    const position = await this.deps.store.positions.get(id);
    if (!position) throw notFound('position', id);
    return this.run([{ id, symbol: position.symbol }], options, true);
  }

  private async run(
    positions: { id: PositionId; symbol: string }[],
    options: RunOptions,
    withResults: boolean,
  ): Promise<RunCycleResult> {
    const { clock, ids } = this.deps;
    const started = clock.now();
    const cycle: CycleRecord = {
      id: ids.next() as CycleId,
      source: options.source,
      actor: options.actor,
      instanceId: this.deps.instanceId ?? null,
      status: 'running',
      startedAt: started,
      finishedAt: null,
      durationMs: null,
      positions: positions.length,
      counts: EMPTY_COUNTS,
      error: null,
    };
    const quotes = await this.fetchQuotes([...new Set(positions.map((p) => p.symbol))]);
    const startedEventId = await this.recordStart(cycle, quotes);
    const context: CycleContext = {
      id: cycle.id,
      source: options.source,
      actor: options.actor,
      startedEventId,
      quotes,
    };
    const tally = new CycleTally(withResults);
    let interrupted = false;
    for (let i = 0; i < positions.length; i += this.batchSize) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      await this.runBatch(context, positions.slice(i, i + this.batchSize), tally);
      // SQLite calls are synchronous: without this the API would wait for the whole cycle.
      await this.deps.timers.yieldToEventLoop();
    }
    return this.recordEnd(cycle, startedEventId, tally, interrupted);
  }

  /** One call for all distinct symbols of the cycle; a failing provider yields a failed quote per symbol. */
  private async fetchQuotes(symbols: string[]): Promise<Map<string, QuoteResult>> {
    const { marketData } = this.deps;
    try {
      const quotes = symbols.length === 0 ? [] : await marketData.getQuotes(symbols);
      return new Map(quotes.map((q) => [q.symbol, q]));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn(
        { err: error, provider: marketData.name },
        'market data failed for the whole cycle',
      );
      return new Map(
        symbols.map((symbol) => [
          symbol,
          { ok: false, symbol, error: message, provider: marketData.name } as const,
        ]),
      );
    }
  }

  private async recordStart(cycle: CycleRecord, quotes: Map<string, QuoteResult>): Promise<EventId> {
    const { store, ids } = this.deps;
    const eventId = ids.next() as EventId;
    const ok = [...quotes.values()].filter((q) => q.ok);
    await store.transaction(async (tx) => {
      await tx.cycles.insert(cycle);
      await tx.quotes.upsertMany(
        ok.map((q) => ({ symbol: q.symbol, price: q.price, quotedAt: q.quotedAt, provider: q.provider })),
      );
      await tx.audit.append([
        cycleEvent(eventId, 'CycleStarted', cycle, null, cycle.startedAt, {
          positions: cycle.positions,
          symbols: quotes.size,
          quotes_failed: quotes.size - ok.length,
        }),
      ]);
    });
    return eventId;
  }

  private async recordEnd(
    cycle: CycleRecord,
    startedEventId: EventId,
    tally: CycleTally,
    interrupted: boolean,
  ): Promise<RunCycleResult> {
    const { store, clock, ids } = this.deps;
    const finished = clock.now();
    const done: CycleRecord = {
      ...cycle,
      status: interrupted ? 'interrupted' : 'completed',
      finishedAt: finished,
      durationMs: finished - cycle.startedAt,
      counts: tally.counts,
      error: interrupted
        ? `stopped before ${cycle.positions - tally.counts.evaluated} positions were evaluated`
        : null,
    };
    await store.transaction(async (tx) => {
      await tx.cycles.update(done);
      await tx.audit.append([
        cycleEvent(ids.next() as EventId, 'CycleCompleted', done, startedEventId, finished, {
          status: done.status,
          ...tally.counts,
          duration_ms: done.durationMs,
        }),
      ]);
    });
    return summaryOf(done, tally);
  }

  /**
   * One batch: claim → load → decide → write → send → record fills → release. SQLite calls are
   * synchronous, so the batch yields to the event loop between steps: the API keeps answering while a
   * cycle runs (each step of a 500-position batch takes a few tens of milliseconds at most).
   */
  private async runBatch(
    cycle: CycleContext,
    batch: { id: PositionId; symbol: string }[],
    tally: CycleTally,
  ): Promise<void> {
    const { store, timers, ids, clock } = this.deps;
    const owner = cycle.id;
    const claimed = await this.claims.claim(
      batch.map((p) => p.id),
      owner,
    );
    let released = false;
    try {
      await timers.yieldToEventLoop();
      const loaded = await this.positions.load(store, claimed);
      await timers.yieldToEventLoop();
      const now = clock.now();
      const plans = loaded.map((item) => this.planSafely(cycle, item, now));
      await this.recordBusy(cycle, batch, claimed, tally);
      await timers.yieldToEventLoop();
      const recorded = await recordPlans(this.deps, cycle, plans, now, tally);
      this.positions.remember(recorded.positions.values());
      await timers.yieldToEventLoop();
      const submissions = await this.submit(recorded.plans);
      // Fills and the release of the claims commit together: one transaction, one fsync.
      const executed = await store.transaction(async (tx) => {
        const outcomes =
          submissions.length > 0
            ? await recordExecutions(tx, cycle, submissions, recorded.positions, ids, clock.now())
            : { fills: new Map(), positions: [] };
        await tx.positions.release(claimed, owner);
        return outcomes;
      });
      released = true;
      this.positions.remember(executed.positions);
      tally.addFills(executed.fills);
    } finally {
      if (!released) await this.claims.release(claimed, owner);
    }
  }

  /** A bug or bad data in one position becomes an EvaluationFailed event, never a failed batch. */
  private planSafely(cycle: CycleContext, item: PositionForTrading, now: Instant): PositionPlan {
    try {
      return this.planner.plan(cycle, item, now);
    } catch (error) {
      this.deps.logger.error(
        { err: error, cycle_id: cycle.id, position_id: item.position.id },
        'position evaluation failed',
      );
      const chain = new EventChain(this.deps.ids, cycle, item.position, cycle.startedEventId, now);
      chain.add('EvaluationFailed', { error: errorText(error), stage: 'evaluate' });
      const band = { min: ZERO, max: ZERO };
      return {
        item,
        outcome: 'error',
        reason: errorText(error),
        drafts: chain.drafts,
        lastEventId: chain.lastId,
        order: null,
        newAnchor: null,
        tradingDay: '',
        band,
      };
    }
  }

  /** Positions another cycle held for longer than the claim wait are reported, not silently dropped. */
  private async recordBusy(
    cycle: CycleContext,
    batch: { id: PositionId; symbol: string }[],
    claimed: PositionId[],
    tally: CycleTally,
  ): Promise<void> {
    if (claimed.length === batch.length) return;
    const got = new Set(claimed);
    const busy = batch.filter((p) => !got.has(p.id));
    const now = this.deps.clock.now();
    const drafts = busy.map((p) => ({
      id: this.deps.ids.next() as EventId,
      type: 'EvaluationFailed' as const,
      occurredAt: now,
      source: cycle.source,
      actor: cycle.actor,
      cycleId: cycle.id,
      parentId: cycle.startedEventId,
      portfolioId: null,
      positionId: p.id,
      symbol: p.symbol,
      payload: {
        error: 'the position is being evaluated by another cycle',
        code: 'POSITION_BUSY',
        stage: 'claim',
      },
    }));
    await this.deps.store.transaction((tx) => tx.audit.append(drafts));
    for (const p of busy)
      tally.add(p.id, p.symbol, 'error', 'the position is being evaluated by another cycle', null);
  }

  private async submit(plans: readonly PositionPlan[]): Promise<Submission[]> {
    const out: Submission[] = [];
    for (const plan of plans) {
      if (!plan.order) continue;
      const o = plan.order;
      try {
        const result = await this.deps.broker.submit({
          clientOrderId: o.clientOrderId,
          symbol: o.symbol,
          side: o.side,
          qty: o.qty,
          price: o.price,
          commissionRate: o.commissionRate,
        });
        out.push({ plan, order: o, result });
      } catch (error) {
        out.push({
          plan,
          order: o,
          result: { status: 'error', error: error instanceof Error ? error.message : String(error) },
        });
      }
    }
    return out;
  }
}

function cycleEvent(
  id: EventId,
  type: 'CycleStarted' | 'CycleCompleted',
  c: CycleRecord,
  parentId: EventId | null,
  at: Instant,
  payload: Record<string, unknown>,
) {
  return {
    id,
    type,
    occurredAt: at,
    source: c.source,
    actor: c.actor,
    cycleId: c.id,
    parentId,
    portfolioId: null,
    positionId: null,
    symbol: null,
    payload,
  };
}

function summaryOf(c: CycleRecord, tally: CycleTally): RunCycleResult {
  return {
    id: c.id,
    source: c.source,
    actor: c.actor,
    instance_id: c.instanceId,
    status: c.status,
    started_at: new Date(c.startedAt).toISOString(),
    finished_at: c.finishedAt === null ? null : new Date(c.finishedAt).toISOString(),
    duration_ms: c.durationMs,
    positions: c.positions,
    counts: c.counts,
    error: c.error,
    results: tally.results,
  };
}
