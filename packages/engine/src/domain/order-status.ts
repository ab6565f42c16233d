export type OrderStatus =
  | 'new'
  | 'submitted'
  | 'partially_filled'
  | 'filled'
  | 'rejected'
  | 'cancelled'
  | 'expired';

/**
 * The order lifecycle as one table. `new` = stored, not yet known to the broker; a broker that
 * answers at once moves it straight to a final state, and so does reconciliation, which learns the
 * broker's final state after the fact (an order whose acknowledgement was lost may have expired there).
 * Anything not listed is an illegal transition.
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  new: ['submitted', 'filled', 'rejected', 'cancelled', 'expired'],
  submitted: ['partially_filled', 'filled', 'rejected', 'cancelled', 'expired'],
  partially_filled: ['partially_filled', 'filled', 'cancelled', 'expired'],
  filled: [],
  rejected: [],
  cancelled: [],
  expired: [],
};

export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['new', 'submitted', 'partially_filled'];

export function isFinalStatus(status: OrderStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export class IllegalOrderTransition extends Error {
  readonly code = 'ORDER_ILLEGAL_TRANSITION';
  constructor(from: OrderStatus, to: OrderStatus) {
    super(`an order cannot go from ${from} to ${to}`);
  }
}

/** Returns the new status or throws: an illegal transition is a bug, never silently ignored. */
export function transitionOrder(from: OrderStatus, to: OrderStatus): OrderStatus {
  if (!TRANSITIONS[from].includes(to)) throw new IllegalOrderTransition(from, to);
  return to;
}
