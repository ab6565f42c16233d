import type { Broker, BrokerReport, FinalBrokerReport, OrderTicket } from '../../application/ports/broker.js';
import type { Clock } from '../../application/ports/clock.js';
import { Decimal, roundFee } from '../../domain/decimal.js';
import type { PaperOrder, PaperOrderBook } from './paper-order-book.js';

export interface PaperBrokerOptions {
  /** Price slippage against the trader, in basis points (0 = fill exactly at the evaluated price). */
  readonly slippageBps?: number;
  /**
   * A round trip per order, as a real broker's: half before the broker records it, half before the
   * answer is back. Rehearses the windows a crash can fall into (stored, sent, filled, not yet heard).
   */
  readonly latencyMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Why the paper broker refuses an order it was asked to cancel before it arrived. */
export const CANCELLED_BEFORE_ARRIVAL = 'cancelled on request before the order arrived';

/**
 * Fills every order at once at the evaluated price (plus optional slippage) with the position's
 * commission rate, and keeps a durable record of every order it answered (PaperOrderBook) — the fill,
 * or the cancellation of an id it never received. The first answer for a client order id is final:
 * a resend gets the same fill, and a cancelled id is refused, so nothing fills twice or late.
 */
export class PaperBroker implements Broker {
  readonly name = 'paper';
  private readonly slippage: Decimal;
  private readonly halfTrip: () => Promise<void>;

  constructor(
    private readonly book: PaperOrderBook,
    private readonly clock: Clock,
    options: PaperBrokerOptions = {},
  ) {
    this.slippage = new Decimal(options.slippageBps ?? 0).div(10_000);
    const half = (options.latencyMs ?? 0) / 2;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.halfTrip = half > 0 ? () => sleep(half) : async () => {};
  }

  async submit(ticket: OrderTicket): Promise<BrokerReport> {
    const factor = ticket.side === 'buy' ? this.slippage.add(1) : new Decimal(1).sub(this.slippage);
    const price = this.slippage.isZero() ? ticket.price : ticket.price.mul(factor).toDecimalPlaces(4);
    await this.halfTrip();
    const now = this.clock.now();
    const kept = await this.book.keepFirst({
      clientOrderId: ticket.clientOrderId,
      status: 'filled',
      symbol: ticket.symbol,
      side: ticket.side,
      qty: ticket.qty,
      price,
      fee: roundFee(ticket.qty.mul(price).mul(ticket.commissionRate)),
      executedAt: now,
      recordedAt: now,
    });
    await this.halfTrip();
    return reportOf(kept);
  }

  async getOrder(clientOrderId: string): Promise<BrokerReport | null> {
    const kept = await this.book.get(clientOrderId);
    return kept ? reportOf(kept) : null;
  }

  async cancel(clientOrderId: string): Promise<FinalBrokerReport> {
    const kept = await this.book.keepFirst({
      clientOrderId,
      status: 'cancelled',
      reason: CANCELLED_BEFORE_ARRIVAL,
      recordedAt: this.clock.now(),
    });
    return reportOf(kept);
  }
}

function reportOf(order: PaperOrder): FinalBrokerReport {
  if (order.status === 'cancelled') return { status: 'cancelled', reason: order.reason };
  return {
    status: 'filled',
    qty: order.qty,
    price: order.price,
    fee: order.fee,
    executedAt: order.executedAt,
  };
}
