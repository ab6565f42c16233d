import type { Decimal } from '../../domain/decimal.js';
import type { Instant } from '../../domain/ids.js';
import type { Side } from '../../domain/position-state.js';

/** One order as the paper broker keeps it: filled, or cancelled before it ever filled. */
export type PaperOrder =
  | {
      readonly clientOrderId: string;
      readonly status: 'filled';
      readonly symbol: string;
      readonly side: Side;
      readonly qty: Decimal;
      readonly price: Decimal;
      readonly fee: Decimal;
      readonly executedAt: Instant;
      readonly recordedAt: Instant;
    }
  | {
      readonly clientOrderId: string;
      readonly status: 'cancelled';
      readonly reason: string;
      readonly recordedAt: Instant;
    };

/**
 * The paper broker's own durable record, the way a real broker keeps one on its side. Used only by
 * the paper broker: the engine learns what is in it through the Broker port, never by reading it.
 * Each call is a transaction of its own, independent of the engine's; an order is acknowledged once
 * its row has committed.
 */
export interface PaperOrderBook {
  /**
   * Keeps `order` unless the client order id is already there, atomically; answers what is kept for
   * the id — `order` itself, or what was kept before (the first answer always wins).
   */
  keepFirst(order: PaperOrder): Promise<PaperOrder>;
  get(clientOrderId: string): Promise<PaperOrder | null>;
}
