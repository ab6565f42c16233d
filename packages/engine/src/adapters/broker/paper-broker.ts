import type { Broker, BrokerReport, OrderTicket } from '../../application/ports/broker.js';
import type { Clock } from '../../application/ports/clock.js';
import { Decimal, roundFee } from '../../domain/decimal.js';

const REMEMBERED_ORDERS = 50_000;

export interface PaperBrokerOptions {
  /** Price slippage against the trader, in basis points (0 = fill exactly at the evaluated price). */
  readonly slippageBps?: number;
}

/**
 * Fills every order at once at the evaluated price (plus optional slippage) with the position's
 * commission rate. It remembers what it filled, so asking again for a client order id returns the same
 * fill instead of filling twice.
 */
export class PaperBroker implements Broker {
  readonly name = 'paper';
  private readonly fills = new Map<string, BrokerReport>();
  private readonly slippage: Decimal;

  constructor(
    private readonly clock: Clock,
    options: PaperBrokerOptions = {},
  ) {
    this.slippage = new Decimal(options.slippageBps ?? 0).div(10_000);
  }

  async submit(ticket: OrderTicket): Promise<BrokerReport> {
    const known = this.fills.get(ticket.clientOrderId);
    if (known) return known;
    const factor = ticket.side === 'buy' ? this.slippage.add(1) : new Decimal(1).sub(this.slippage);
    const price = this.slippage.isZero() ? ticket.price : ticket.price.mul(factor).toDecimalPlaces(4);
    const fee = roundFee(ticket.qty.mul(price).mul(ticket.commissionRate));
    const report: BrokerReport = {
      status: 'filled',
      qty: ticket.qty,
      price,
      fee,
      executedAt: this.clock.now(),
    };
    this.fills.set(ticket.clientOrderId, report);
    // Remember recent orders only: a resend comes within moments, and a process that runs for months
    // must not keep every fill it ever made in memory.
    if (this.fills.size > REMEMBERED_ORDERS) this.fills.delete(this.fills.keys().next().value!);
    return report;
  }

  async getOrder(clientOrderId: string): Promise<BrokerReport | null> {
    return this.fills.get(clientOrderId) ?? null;
  }
}
