import type { Broker } from '../ports/broker.js';
import type { OrderRecord } from '../records.js';
import type { SubmitResult } from './execution-recorder.js';
import { errorText } from './plan-recorder.js';

/**
 * Sends a batch's stored orders to the broker, all at once: they are independent, and the broker
 * adapter decides how to take them (the paper broker records them in one transaction; a networked one
 * bounds its own concurrency). Answers come back in the orders' order. A broker that fails (throws)
 * gives an `error` result: the order stays open, its position is blocked by the open-order guardrail,
 * and reconciliation asks the broker about it later — it is never simply sent again.
 */
export function sendOrders(broker: Broker, orders: readonly OrderRecord[]): Promise<SubmitResult[]> {
  return Promise.all(orders.map((o) => sendOne(broker, o)));
}

async function sendOne(broker: Broker, o: OrderRecord): Promise<SubmitResult> {
  try {
    return await broker.submit({
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      qty: o.qty,
      price: o.price,
      commissionRate: o.commissionRate,
    });
  } catch (error) {
    return { status: 'error', error: errorText(error) };
  }
}
