import { ZERO } from '../../domain/decimal.js';
import type { CycleId, EventId, Instant } from '../../domain/ids.js';
import { type Band, bandOf } from '../../domain/position-state.js';
import type { Broker } from '../ports/broker.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { Repositories, Store } from '../ports/store.js';
import type { EventDraft, OrderRecord } from '../records.js';
import { EventChain } from './event-chain.js';
import { recordExecutions } from './execution-recorder.js';
import { errorText } from './plan-recorder.js';
import { claimOwner, LEASE_MS, type PositionClaims } from './position-claims.js';
import {
  type BrokerAnswer,
  decideReconciliation,
  type ReconciliationDecision,
} from './reconciliation-decision.js';

/**
 * How old an order the broker has never heard of must be before it is cancelled there: one claim
 * lease. A younger one may still be on its way from the cycle that stored it.
 */
export const DEFAULT_ORDER_GRACE_MS = LEASE_MS;

/** What set a reconciliation off: an engine starting, or the start of a cycle (worker or manual). */
export type ReconcileTrigger =
  | { readonly kind: 'start-up' }
  | { readonly kind: 'cycle'; readonly cycleId: CycleId };

export interface ReconciliationSummary {
  /** Orders open when it began. */
  readonly open: number;
  /** Orders it gave their final state: filled, rejected, cancelled or expired. */
  readonly settled: number;
  /** Orders of positions another cycle held: left to it, and asked about again next time. */
  readonly busy: number;
}

export interface ReconcilerDeps {
  readonly store: Store;
  readonly broker: Broker;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly claims: PositionClaims;
  /** Who the audit trail names: reconciliation is the engine's own doing (source `system`). */
  readonly actor: string;
  readonly graceMs: number;
}

/**
 * Settles the orders a crash or a broker failure left open (docs/decisions/0013): for each one, under
 * its position's claim, it asks the broker, and records what the broker's own record says — the fill
 * exactly as a cycle would, a rejection, or, for an order the broker never received, a cancellation it
 * first makes at the broker so the order can never fill later. Nothing is ever sent again.
 */
export class OrderReconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  async reconcile(trigger: ReconcileTrigger): Promise<ReconciliationSummary> {
    const { store, claims, ids } = this.deps;
    const open = await store.orders.listOpen();
    if (open.length === 0) return { open: 0, settled: 0, busy: 0 };
    const owner = claimOwner(this.deps.actor, ids.next());
    const claimed = await claims.claimNow([...new Set(open.map((o) => o.positionId))], owner);
    const held = new Set(claimed);
    let settled = 0;
    try {
      // Read again under the claims: an order its own cycle settled in the meantime is not touched.
      const mine =
        held.size === 0 ? [] : (await store.orders.listOpen()).filter((o) => held.has(o.positionId));
      for (const order of mine) if (await this.settle(order, trigger)) settled += 1;
    } finally {
      await claims.release(claimed, owner);
    }
    return { open: open.length, settled, busy: open.filter((o) => !held.has(o.positionId)).length };
  }

  /** Asks the broker about one order and records the decision; true when the order is now final. */
  private async settle(order: OrderRecord, trigger: ReconcileTrigger): Promise<boolean> {
    const decision = decideReconciliation(order, await this.ask(order));
    if (!decision) return false;
    const now = this.deps.clock.now();
    try {
      return await this.deps.store.transaction((tx) => this.record(tx, order, decision, trigger, now));
    } catch (error) {
      await this.recordFailure(order, error, now);
      return false;
    }
  }

  private async ask(order: OrderRecord): Promise<BrokerAnswer> {
    const { broker, clock, graceMs } = this.deps;
    try {
      const report = await broker.getOrder(order.clientOrderId);
      if (report) return { kind: 'known', report };
      // Young, and its cycle may still be sending it: wait. Once that cycle has ended (or was closed as
      // interrupted after its engine died), nobody will send it any more, whatever its age.
      if (clock.now() - order.createdAt < graceMs && (await this.cycleMayStillSend(order)))
        return { kind: 'too_young' };
      return { kind: 'cancelled_at_broker', report: await broker.cancel(order.clientOrderId) };
    } catch (error) {
      return { kind: 'unreachable', error: errorText(error) };
    }
  }

  private async cycleMayStillSend(order: OrderRecord): Promise<boolean> {
    const cycle = await this.deps.store.cycles.get(order.cycleId);
    return cycle === null || cycle.status === 'running';
  }

  /** The decision event, then whatever the broker's answer records (through the cycle's own recorder). */
  private async record(
    tx: Repositories,
    order: OrderRecord,
    d: ReconciliationDecision,
    trigger: ReconcileTrigger,
    now: Instant,
  ): Promise<boolean> {
    // Under the claim nothing else moves the order; should a lease have run out, the fresh row decides.
    if ((await tx.orders.get(order.id))?.status !== order.status) return false;
    const decided = this.event(order, 'OrderReconciled', now, {
      order_id: order.id,
      client_order_id: order.clientOrderId,
      order_status: order.status,
      broker_status: d.brokerStatus,
      cancelled_at_broker: d.cancelledAtBroker,
      reason: d.reason,
      trigger: trigger.kind,
      trigger_cycle_id: trigger.kind === 'cycle' ? trigger.cycleId : null,
    });
    await tx.audit.append([decided]);
    if (!d.result) return false;
    const position = await tx.positions.get(order.positionId);
    // The band the position has now (a deleted position's fill is refused before any band is needed).
    const g = position?.params.guardrails;
    const band: Band = g ? bandOf(g.minStockPct, g.maxStockPct) : { min: ZERO, max: ZERO };
    const chain = new EventChain(this.deps.ids, this.trace(order), subjectOf(order), decided.id, now);
    const submission = { order, result: d.result, band, chain, reconciled: true };
    const known = new Map(position ? [[position.id, position]] : []);
    const { fills } = await recordExecutions(tx, [submission], known, this.deps.ids, now);
    return fills.get(order.positionId) !== 'pending';
  }

  /** A reconciliation that cannot be written leaves the order open; the trail and the log say why. */
  private async recordFailure(order: OrderRecord, error: unknown, now: Instant): Promise<void> {
    this.deps.logger.error(
      { err: error, order_id: order.id, position_id: order.positionId },
      'reconciling an open order failed; it stays open',
    );
    const failed = this.event(order, 'EvaluationFailed', now, {
      error: errorText(error),
      stage: 'reconcile',
      order_id: order.id,
    });
    await this.deps.store
      .transaction((tx) => tx.audit.append([failed]))
      .catch((e: unknown) =>
        this.deps.logger.error(
          { err: e, order_id: order.id },
          'could not record the failure in the audit trail',
        ),
      );
  }

  /** Reconciliation continues the order's own trace: its cycle id, as the engine itself (`system`). */
  private trace(order: OrderRecord) {
    return { id: order.cycleId, source: 'system' as const, actor: this.deps.actor };
  }

  private event(
    order: OrderRecord,
    type: EventDraft['type'],
    at: Instant,
    payload: Record<string, unknown>,
  ): EventDraft {
    const trace = this.trace(order);
    return {
      id: this.deps.ids.next() as EventId,
      type,
      occurredAt: at,
      source: trace.source,
      actor: trace.actor,
      cycleId: trace.id,
      parentId: null,
      portfolioId: order.portfolioId,
      positionId: order.positionId,
      symbol: order.symbol,
      payload,
    };
  }
}

function subjectOf(order: OrderRecord) {
  return { portfolioId: order.portfolioId, id: order.positionId, symbol: order.symbol };
}
