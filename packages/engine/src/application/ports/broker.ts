import type { Decimal } from '../../domain/decimal.js';
import type { Instant } from '../../domain/ids.js';
import type { Side } from '../../domain/position-state.js';

/** What is sent to a broker. `clientOrderId` is derived from (position, cycle), so a resend is recognisable. */
export interface OrderTicket {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: Decimal;
  /** The evaluated price; a paper broker fills here. */
  readonly price: Decimal;
  readonly commissionRate: Decimal;
}

/** An order's state at the broker once nothing more can happen to it. */
export type FinalBrokerReport =
  | {
      readonly status: 'filled';
      readonly qty: Decimal;
      readonly price: Decimal;
      readonly fee: Decimal;
      readonly executedAt: Instant;
    }
  | { readonly status: 'rejected'; readonly reason: string }
  | { readonly status: 'cancelled' | 'expired'; readonly reason: string };

export type BrokerReport = FinalBrokerReport | { readonly status: 'pending' };

/**
 * A broker, as the engine sees it. Its record of orders is its own: the engine learns it only through
 * these calls, never by reading it, so reconciliation is real (docs/decisions/0013). Never call a
 * broker inside a store transaction: a network call must not hold the database's write lock.
 */
export interface Broker {
  readonly name: string;
  /**
   * Sends an order. A client order id the broker already knows is answered with what it knows — the
   * earlier fill, or the cancellation that refuses it — never with a second fill.
   */
  submit(ticket: OrderTicket): Promise<BrokerReport>;
  /** The broker's view of an order sent earlier, or null if it never arrived. */
  getOrder(clientOrderId: string): Promise<BrokerReport | null>;
  /**
   * Makes sure the order can never fill from now on, and answers its final state: the fill if it had
   * already filled, else a cancellation the broker keeps, so that a later submit of the same id is
   * refused. Works for an id the broker has never seen.
   */
  cancel(clientOrderId: string): Promise<FinalBrokerReport>;
}
