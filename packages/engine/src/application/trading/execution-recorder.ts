import { checkFill } from '../../domain/apply-fill.js';
import type { Instant, PositionId, TradeId } from '../../domain/ids.js';
import { transitionOrder } from '../../domain/order-status.js';
import type { PositionState } from '../../domain/position-state.js';
import type { BrokerReport } from '../ports/broker.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Repositories } from '../ports/store.js';
import type { OrderRecord, PositionRecord, TradeRecord } from '../records.js';
import { EventChain } from './event-chain.js';
import { positionChangePayload } from './event-payloads.js';
import type { CycleContext, PositionPlan } from './position-plan.js';

export type SubmitResult = BrokerReport | { readonly status: 'error'; readonly error: string };
export type FillOutcome = 'filled' | 'rejected' | 'pending';

export interface Submission {
  readonly plan: PositionPlan;
  readonly order: OrderRecord;
  readonly result: SubmitResult;
}

/**
 * Records what the broker answered, in one transaction: trades, order states, position state and the
 * ExecutionRecorded / PositionUpdated events. Positions are read fresh inside the transaction, so a
 * deposit that landed since the evaluation is never overwritten.
 */
export async function recordExecutions(
  tx: Repositories,
  cycle: CycleContext,
  submissions: readonly Submission[],
  ids: IdGenerator,
  now: Instant,
): Promise<Map<PositionId, FillOutcome>> {
  const fresh = new Map(
    (await tx.positions.getMany(submissions.map((s) => s.order.positionId))).map((p) => [p.id, p]),
  );
  const outcomes = new Map<PositionId, FillOutcome>();
  const trades: TradeRecord[] = [];
  const chains: EventChain[] = [];
  for (const s of submissions) {
    const chain = new EventChain(ids, cycle, s.plan.item.position, s.plan.lastEventId, now);
    chains.push(chain);
    const outcome = await recordOne(tx, s, fresh.get(s.order.positionId), chain, ids, now, trades);
    if (outcome) outcomes.set(s.order.positionId, outcome);
  }
  await tx.trades.insertMany(trades);
  await tx.audit.append(chains.flatMap((c) => c.drafts));
  return outcomes;
}

async function recordOne(
  tx: Repositories,
  s: Submission,
  position: PositionRecord | undefined,
  chain: EventChain,
  ids: IdGenerator,
  now: Instant,
  trades: TradeRecord[],
): Promise<FillOutcome | null> {
  const { order, result } = s;
  if (result.status === 'error') {
    chain.add('OrderSubmissionFailed', {
      order_id: order.id,
      client_order_id: order.clientOrderId,
      error: result.error,
    });
    return 'pending';
  }
  if (result.status === 'pending') {
    await tx.orders.setStatus(order.id, transitionOrder(order.status, 'submitted'), null, now);
    return 'pending';
  }
  const reject = async (reason: string): Promise<FillOutcome> => {
    await tx.orders.setStatus(order.id, transitionOrder(order.status, 'rejected'), reason, now);
    chain.add('ExecutionRecorded', {
      order_id: order.id,
      trade_id: null,
      side: order.side,
      qty: order.qty.toFixed(),
      price: null,
      fee: null,
      status: 'rejected',
      reason,
    });
    return 'rejected';
  };
  if (result.status === 'rejected') return reject(`the broker rejected the order: ${result.reason}`);
  if (!position) return reject('the position was deleted before the fill could be recorded');
  const fill = { side: order.side, qty: result.qty, price: result.price, fee: result.fee };
  const checked = checkFill(position, fill, s.plan.band);
  if (!checked.ok) return reject(checked.reason);
  const trade: TradeRecord = {
    id: ids.next() as TradeId,
    orderId: order.id,
    portfolioId: order.portfolioId,
    positionId: order.positionId,
    symbol: order.symbol,
    ...fill,
    executedAt: result.executedAt,
  };
  trades.push(trade);
  await tx.orders.setStatus(order.id, transitionOrder(order.status, 'filled'), null, now);
  await writePosition(tx, position, checked.state, now);
  chain.add('ExecutionRecorded', {
    order_id: order.id,
    trade_id: trade.id,
    side: order.side,
    qty: trade.qty.toFixed(),
    price: trade.price.toFixed(),
    fee: trade.fee.toFixed(),
    status: 'filled',
    executed_at: new Date(trade.executedAt).toISOString(),
  });
  chain.add('PositionUpdated', positionChangePayload('fill', position, checked.state));
  return 'filled';
}

async function writePosition(
  tx: Repositories,
  before: PositionRecord,
  after: PositionState,
  now: Instant,
): Promise<void> {
  const saved = await tx.positions.update({
    ...before,
    shares: after.shares,
    cash: after.cash,
    anchor: after.anchor,
    updatedAt: now,
  });
  if (!saved) throw new Error(`position ${before.id} changed inside the fill transaction`);
}
