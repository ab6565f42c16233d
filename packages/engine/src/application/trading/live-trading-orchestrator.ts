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
import { recordCycleEnd, recordCycleStart } from './cycle-recorder.js';
import { CycleTally } from './cycle-tally.js';
import { type CycleWork, inBatches, slotWork } from './cycle-work.js';
import { EventChain } from './event-chain.js';
import { recordExecutions, type Submission } from './execution-recorder.js';
import {
  DEFAULT_ORDER_GRACE_MS,
  OrderReconciler,
  type ReconcileTrigger,
  type ReconciliationSummary,
} from './order-reconciler.js';
import { sendOrders } from './order-sender.js';
import { errorText, recordPlans } from './plan-recorder.js';
import { PositionCache } from './position-cache.js';
import { claimOwner, PositionClaims } from './position-claims.js';
import type { CycleContext, PositionPlan } from './position-plan.js';
import { type ClientOrderIdFor, PositionPlanner } from './position-planner.js';
import { screenQuote } from './quote-screen.js';

/** A provider that has not answered by then is down, for this cycle. */
export const DEFAULT_QUOTE_TIMEOUT_MS = 10_000;

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
  /** How long a cycle waits for prices before it records them as failed (DEFAULT_QUOTE_TIMEOUT_MS). */
  readonly quoteTimeoutMs?: number;
  /** How old an order the broker never received must be before reconciliation cancels it (DEFAULT_ORDER_GRACE_MS). */
  readonly orderGraceMs?: number;
}

/**
 * Runs trading cycles (DESIGN §5.1). The worker and the API call the same code; only `source` and
 * `actor` differ. A cycle first reconciles the orders left open (a crash, a broker failure); then per
 * batch: claim → load fresh → decide (pure) → write decisions and orders → send → write fills. One
 * failing position records an EvaluationFailed event and never stops the others.
 */
export class LiveTradingOrchestrator implements CycleRunner {
  private readonly planner: PositionPlanner;
  private readonly claims: PositionClaims;
  private readonly reconciler: OrderReconciler;
  private readonly positions = new PositionCache();
  private readonly batchSize: number;

  constructor(private readonly deps: OrchestratorDeps) {
    this.planner = new PositionPlanner(deps.ids, deps.clientOrderIdFor);
    this.claims = new PositionClaims(deps.store, deps.clock, deps.timers);
    this.reconciler = new OrderReconciler({
      store: deps.store,
      broker: deps.broker,
      clock: deps.clock,
      ids: deps.ids,
      logger: deps.logger,
      claims: this.claims,
      actor: deps.instanceId ?? 'engine',
      graceMs: deps.orderGraceMs ?? DEFAULT_ORDER_GRACE_MS,
    });
    this.batchSize = deps.batchSize ?? 500;
  }

  /**
   * Settles every order still open with what the broker's record says (docs/decisions/0013): on
   * start-up, and at the start of every cycle. With nothing open it costs one indexed query.
   */
  async reconcileOpenOrders(trigger: ReconcileTrigger): Promise<ReconciliationSummary> {
    const summary = await this.reconciler.reconcile(trigger);
    if (summary.open > 0)
      this.deps.logger.info(
        { trigger: trigger.kind, ...summary },
        `reconciled ${summary.open} open orders with the broker: ${summary.settled} settled, ${summary.busy} held by another cycle`,
      );
    return summary;
  }

  /** Every position that trades automatically: auto-trading on (position and portfolio), portfolio active, anchor set. */
  getActivePositionsForTrading() {
    return this.deps.store.positions.listActiveForTrading();
  }

  async runCycle(options: RunOptions): Promise<RunCycleResult> {
    const positions = await this.getActivePositionsForTrading();
    return this.run(inBatches(positions, this.batchSize), options, false);
  }

  /**
   * The worker's cycle for one scheduled slot (DESIGN §5.4): positions are taken for the slot a batch
   * at a time, in the database, so engines sharing it split the due positions between them and each
   * position is evaluated once per slot, by one of them.
   */
  async runScheduledCycle(slot: number, options: RunOptions): Promise<RunCycleResult> {
    const candidates = await this.getActivePositionsForTrading();
    const work = await slotWork(this.deps.store, slot, candidates, this.batchSize);
    return this.run(work, options, false, { slot });
  }

  /** Runs one position whatever its auto-trading switch (an explicit request); a halted portfolio still blocks orders. */
  async runCycleForPosition(id: PositionId, options: RunOptions): Promise<RunCycleResult> {
    const position = await this.deps.store.positions.get(id);
    if (!position) throw notFound('position', id);
    return this.run(inBatches([{ id, symbol: position.symbol }], this.batchSize), options, true);
  }

  private async run(
    work: CycleWork,
    options: RunOptions,
    withResults: boolean,
    scheduled: { slot: number } | null = null,
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
      positions: work.expected,
      counts: EMPTY_COUNTS,
      error: null,
    };
    // Before anything is evaluated: a settled order no longer blocks its position in this cycle.
    await this.reconcileOpenOrders({ kind: 'cycle', cycleId: cycle.id });
    const quotes = await this.fetchQuotes(work.symbols);
    const startedEventId = await recordCycleStart(this.deps, cycle, quotes, scheduled ?? {});
    const context: CycleContext = {
      id: cycle.id,
      source: options.source,
      actor: options.actor,
      startedEventId,
      quotes,
    };
    const tally = new CycleTally(withResults);
    let interrupted = false;
    let evaluated = 0;
    // A batch smaller than a full one was the last: the cycle is complete without asking for more.
    for (let more = true; more; ) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const batch = await work.next();
      more = batch.length === this.batchSize;
      if (batch.length === 0) break;
      evaluated += batch.length;
      await this.runBatch(context, batch, tally);
      // SQLite calls are synchronous: without this the API would wait for the whole cycle.
      await this.deps.timers.yieldToEventLoop();
    }
    // A scheduled cycle evaluates what it took; the others took the rest of the slot.
    const done = scheduled && !interrupted ? { ...cycle, positions: evaluated } : cycle;
    return recordCycleEnd(this.deps, done, startedEventId, tally, interrupted);
  }

  /**
   * One call for all distinct symbols of the cycle. A failing or silent provider (no answer within
   * the quote timeout) yields a failed quote per symbol; an absurd price fails its symbol only.
   */
  private async fetchQuotes(symbols: string[]): Promise<Map<string, QuoteResult>> {
    const { marketData, timers } = this.deps;
    const failAll = (message: string) =>
      new Map(
        symbols.map((symbol) => [
          symbol,
          { ok: false, symbol, error: message, provider: marketData.name } as const,
        ]),
      );
    if (symbols.length === 0) return new Map();
    const timeoutMs = this.deps.quoteTimeoutMs ?? DEFAULT_QUOTE_TIMEOUT_MS;
    const silent = `${marketData.name} did not answer within ${timeoutMs / 1000} s`;
    try {
      let timer: unknown = null;
      const answer = await Promise.race([
        marketData.getQuotes(symbols),
        new Promise<null>((resolve) => {
          timer = timers.setTimeout(() => resolve(null), timeoutMs);
        }),
      ]).finally(() => timers.clearTimeout(timer));
      if (answer === null) {
        this.deps.logger.warn(
          { provider: marketData.name },
          `market data failed for the whole cycle: ${silent}`,
        );
        return failAll(silent);
      }
      const last = await this.deps.store.quotes.getMany(symbols);
      return new Map(answer.map((q) => [q.symbol, screenQuote(q, last.get(q.symbol))]));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn(
        { err: error, provider: marketData.name },
        'market data failed for the whole cycle',
      );
      return failAll(message);
    }
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
    const owner = claimOwner(this.deps.instanceId, cycle.id);
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
      const { submissions, at } = await this.send(cycle, recorded.plans);
      // Fills and the release of the claims commit together: one transaction, one fsync.
      const executed = await store.transaction(async (tx) => {
        const outcomes =
          submissions.length > 0
            ? await recordExecutions(tx, submissions, recorded.positions, ids, at)
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

  /** Sends the batch's orders; each answer continues its position's chain of events, as of `at`. */
  private async send(
    cycle: CycleContext,
    plans: readonly PositionPlan[],
  ): Promise<{ submissions: Submission[]; at: Instant }> {
    const withOrders = plans.filter((p) => p.order !== null);
    const results = await sendOrders(
      this.deps.broker,
      withOrders.map((p) => p.order!),
    );
    const at = this.deps.clock.now();
    const submissions = withOrders.map((plan, i) => ({
      order: plan.order!,
      result: results[i]!,
      band: plan.band,
      chain: new EventChain(this.deps.ids, cycle, plan.item.position, plan.lastEventId, at),
    }));
    return { submissions, at };
  }
}
