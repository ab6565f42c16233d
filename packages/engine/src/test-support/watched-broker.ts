import type { Broker, BrokerReport, FinalBrokerReport, OrderTicket } from '../application/ports/broker.js';

type Trouble = 'none' | 'answer-lost' | 'refusing' | 'unreachable';

/**
 * A real broker, watched and made to fail on cue: it counts what reaches it per client order id, and
 * can lose its answers (the broker records the fill, then the connection drops: the engine never hears
 * of it — a crash between the broker's record and the engine's), refuse orders (nothing reaches the
 * broker), or be unreachable altogether.
 */
export class WatchedBroker implements Broker {
  readonly name = 'watched';
  /** Submits that reached the inner broker, per client order id. */
  readonly sent = new Map<string, number>();
  readonly calls: string[] = [];
  private trouble: Trouble = 'none';

  constructor(private readonly inner: Broker) {}

  /** From now on the broker fills what it is sent, but the answer never comes back. */
  loseAnswers(): this {
    this.trouble = 'answer-lost';
    return this;
  }

  /** From now on every order is refused before it reaches the broker. */
  refuseOrders(): this {
    this.trouble = 'refusing';
    return this;
  }

  /** From now on no call reaches the broker at all. */
  goDown(): this {
    this.trouble = 'unreachable';
    return this;
  }

  recover(): this {
    this.trouble = 'none';
    return this;
  }

  /** The most times any one client order id reached the broker (1 = nothing was ever sent twice). */
  mostSendsOfOneOrder(): number {
    return Math.max(0, ...this.sent.values());
  }

  async submit(ticket: OrderTicket): Promise<BrokerReport> {
    this.calls.push(`submit ${ticket.clientOrderId}`);
    if (this.trouble === 'refusing' || this.trouble === 'unreachable') throw new Error('connection refused');
    this.sent.set(ticket.clientOrderId, (this.sent.get(ticket.clientOrderId) ?? 0) + 1);
    const report = await this.inner.submit(ticket);
    if (this.trouble === 'answer-lost') throw new Error('connection reset after the order was sent');
    return report;
  }

  async getOrder(clientOrderId: string): Promise<BrokerReport | null> {
    this.calls.push(`getOrder ${clientOrderId}`);
    if (this.trouble === 'unreachable') throw new Error('connection refused');
    return this.inner.getOrder(clientOrderId);
  }

  async cancel(clientOrderId: string): Promise<FinalBrokerReport> {
    this.calls.push(`cancel ${clientOrderId}`);
    if (this.trouble === 'unreachable') throw new Error('connection refused');
    return this.inner.cancel(clientOrderId);
  }
}
