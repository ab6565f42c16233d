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

export type BrokerReport =
  | {
      readonly status: 'filled';
      readonly qty: Decimal;
      readonly price: Decimal;
      readonly fee: Decimal;
      readonly executedAt: Instant;
    }
  | { readonly status: 'pending' }
  | { readonly status: 'rejected'; readonly reason: string };

export interface Broker {
  readonly name: string;
  submit(ticket: OrderTicket): Promise<BrokerReport>;
  /** The broker's view of an order sent earlier, or null if it never arrived. */
  getOrder(clientOrderId: string): Promise<BrokerReport | null>;
}
