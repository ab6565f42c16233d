import { checkFill } from '../../domain/apply-fill.js';
import type { Decimal } from '../../domain/decimal.js';
import type { Instant, PositionId, TradeId } from '../../domain/ids.js';
import { type OrderStatus, transitionOrder } from '../../domain/order-status.js';
import type { Band } from '../../domain/position-state.js';
import type { BrokerReport } from '../ports/broker.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Repositories } from '../ports/store.js';
import type { OrderRecord, PositionRecord, TradeRecord } from '../records.js';
import type { EventChain } from './event-chain.js';
import { positionChangePayload } from './event-payloads.js';
import { freshPositions } from './fresh-positions.js';

/** Field-by-field copies: these run for every order of a cycle, where object spread is needlessly slow. */
function withOrderStatus(
  o: OrderRecord,
  status: OrderStatus,
  reason: string | null,
  at: Instant,
): OrderRecord {
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    portfolioId: o.portfolioId,
    positionId: o.positionId,
    cycleId: o.cycleId,
    symbol: o.symbol,
    side: o.side,
    qty: o.qty,
    price: o.price,
    estFee: o.estFee,
    commissionRate: o.commissionRate,
    status,
    reason,
    source: o.source,
    createdAt: o.createdAt,
    updatedAt: at,
  };
}

export function withPositionState(
  p: PositionRecord,
  shares: Decimal,
  cash: Decimal,
  anchor: Decimal | null,
  at: Instant,
  orders?: { day: string | null; today: number },
): PositionRecord {
  return {
    id: p.id,
    portfolioId: p.portfolioId,
    symbol: p.symbol,
    shares,
    cash,
    anchor,
    invested: p.invested,
    autoTradingEnabled: p.autoTradingEnabled,
    params: p.params,
    ordersDay: orders ? orders.day : p.ordersDay,
    ordersToday: orders ? orders.today : p.ordersToday,
    version: p.version + 1,
    createdAt: p.createdAt,
    updatedAt: at,
  };
}

export type SubmitResult = BrokerReport | { readonly status: 'error'; readonly error: string };
export type FillOutcome = 'filled' | 'rejected' | 'pending';

/** A broker's answer for one order (at most one per position in a call), and where its events go. */
export interface Submission {
  readonly order: OrderRecord;
  readonly result: SubmitResult;
  /** The band the order was sized for: a fill may not push the position out of it. */
  readonly band: Band;
  /** The position's chain of events the recorded ones continue (a cycle's, or a reconciliation's). */
  readonly chain: EventChain;
  /** Set when reconciliation learnt the answer after the fact; the events say so. */
  readonly reconciled?: boolean;
}

/** What recording a batch of broker answers writes, collected so it can be written in a few statements. */
class ExecutionBatch {
  readonly trades: TradeRecord[] = [];
  readonly orders: OrderRecord[] = [];
  readonly positions: PositionRecord[] = [];
  readonly outcomes = new Map<PositionId, FillOutcome>();

  constructor(
    readonly ids: IdGenerator,
    readonly now: Instant,
  ) {}

  moveOrder(order: OrderRecord, status: OrderStatus, reason: string | null): void {
    this.orders.push(withOrderStatus(order, transitionOrder(order.status, status), reason, this.now));
  }
}

/**
 * Records what the broker answered, in one transaction: trades, order states, position state and the
 * ExecutionRecorded / PositionUpdated events (with whatever each chain already holds). Positions are
 * read fresh inside the transaction, so a deposit that landed since the evaluation is never overwritten.
 * A cycle records its fills here, and reconciliation records the fills it recovers here too.
 */
export async function recordExecutions(
  tx: Repositories,
  submissions: readonly Submission[],
  known: ReadonlyMap<PositionId, PositionRecord>,
  ids: IdGenerator,
  now: Instant,
): Promise<{ fills: Map<PositionId, FillOutcome>; positions: PositionRecord[] }> {
  const fresh = await freshPositions(
    tx,
    submissions.flatMap((s) => known.get(s.order.positionId) ?? []),
  );
  const batch = new ExecutionBatch(ids, now);
  for (const s of submissions)
    batch.outcomes.set(s.order.positionId, recordOne(batch, s, fresh.get(s.order.positionId)));
  await tx.trades.insertMany(batch.trades);
  await tx.orders.saveMany(batch.orders);
  await tx.positions.saveMany(batch.positions);
  await tx.audit.append(submissions.flatMap((s) => s.chain.drafts));
  return { fills: batch.outcomes, positions: batch.positions };
}

function recordOne(batch: ExecutionBatch, s: Submission, position: PositionRecord | undefined): FillOutcome {
  const { order, result, chain } = s;
  if (result.status === 'error') {
    chain.add('OrderSubmissionFailed', {
      order_id: order.id,
      client_order_id: order.clientOrderId,
      error: result.error,
    });
    return 'pending';
  }
  if (result.status === 'pending') {
    batch.moveOrder(order, 'submitted', null);
    return 'pending';
  }
  if (result.status === 'rejected')
    return close(s, batch, 'rejected', `the broker rejected the order: ${result.reason}`);
  // Cancelled or expired at the broker: it did not fill and never will (counted with the rejections).
  if (result.status !== 'filled') return close(s, batch, result.status, result.reason);
  if (!position)
    return close(s, batch, 'rejected', 'the position was deleted before the fill could be recorded');
  const fill = { side: order.side, qty: result.qty, price: result.price, fee: result.fee };
  const checked = checkFill(position, fill, s.band);
  if (!checked.ok) return close(s, batch, 'rejected', checked.reason);
  const trade: TradeRecord = {
    id: batch.ids.next() as TradeId,
    orderId: order.id,
    portfolioId: order.portfolioId,
    positionId: order.positionId,
    symbol: order.symbol,
    ...fill,
    executedAt: result.executedAt,
  };
  batch.trades.push(trade);
  batch.moveOrder(order, 'filled', null);
  const after = checked.state;
  batch.positions.push(withPositionState(position, after.shares, after.cash, after.anchor, batch.now));
  chain.add(
    'ExecutionRecorded',
    marked(s, {
      order_id: order.id,
      trade_id: trade.id,
      side: order.side,
      qty: trade.qty.toFixed(),
      price: trade.price.toFixed(),
      fee: trade.fee.toFixed(),
      status: 'filled',
      executed_at: new Date(trade.executedAt).toISOString(),
    }),
  );
  chain.add('PositionUpdated', marked(s, positionChangePayload('fill', position, after)));
  return 'filled';
}

/** A reconciled answer says so in its events' payloads. */
function marked(s: Submission, payload: Record<string, unknown>): Record<string, unknown> {
  if (s.reconciled) payload.reconciled = true;
  return payload;
}

/** The order ends without a fill: rejected (by the broker or by the fill check), cancelled or expired. */
function close(
  s: Submission,
  batch: ExecutionBatch,
  status: 'rejected' | 'cancelled' | 'expired',
  reason: string,
): FillOutcome {
  const { order } = s;
  batch.moveOrder(order, status, reason);
  s.chain.add(
    'ExecutionRecorded',
    marked(s, {
      order_id: order.id,
      trade_id: null,
      side: order.side,
      qty: order.qty.toFixed(),
      price: null,
      fee: null,
      status,
      reason,
    }),
  );
  return 'rejected';
}
