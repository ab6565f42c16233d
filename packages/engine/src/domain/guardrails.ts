import { checkFill } from './apply-fill.js';
import { type Decimal, roundFee } from './decimal.js';
import type { Band, PositionState, Side } from './position-state.js';

/** A stable reason code with a sentence for people. */
export interface Reason {
  readonly code: string;
  readonly message: string;
}

/** Facts about the world the rules need but cannot know themselves; the caller supplies them. */
export interface TradingContext {
  readonly marketOpen: boolean;
  readonly hasOpenOrder: boolean;
  readonly ordersToday: number;
  /** Set when the position may not trade at all (portfolio halted, auto-trading switched off for a worker run). */
  readonly blocked: Reason | null;
}

export interface OrderCheck {
  readonly side: Side;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
  readonly notional: Decimal;
}

export interface GuardrailLimits {
  readonly minNotional: Decimal;
  readonly minQty: Decimal;
  readonly maxOrdersPerDay: number;
  readonly band: Band;
}

/** Step 9: every reason the order may not be sent; an empty list allows it. */
export function checkGuardrails(
  state: PositionState,
  order: OrderCheck,
  limits: GuardrailLimits,
  ctx: TradingContext,
): Reason[] {
  const reasons: Reason[] = [];
  const add = (code: string, message: string): void => {
    reasons.push({ code, message });
  };
  if (order.notional.lessThan(limits.minNotional)) {
    add(
      'GUARDRAIL_MIN_NOTIONAL',
      `order value ${order.notional.toFixed(2)} is below min_notional ${limits.minNotional.toFixed()}`,
    );
  }
  if (order.qty.lessThan(limits.minQty))
    add('GUARDRAIL_MIN_QTY', `quantity ${order.qty.toFixed()} is below min_qty ${limits.minQty.toFixed()}`);
  // With min_qty and min_notional at 0 nothing above catches an order for nothing; a fill of 0 is
  // not a fill (it would be refused later as an invalid fill), so it is a skip here.
  else if (order.qty.isZero()) add('GUARDRAIL_ZERO_QTY', 'the order comes to zero shares: nothing to trade');
  if (order.side === 'buy' && order.notional.add(order.fee).greaterThan(state.cash)) {
    add(
      'GUARDRAIL_INSUFFICIENT_CASH',
      `buying needs ${order.notional.add(order.fee).toFixed(2)} with commission; cash is ${state.cash.toFixed(2)}`,
    );
  }
  if (order.side === 'sell' && order.qty.greaterThan(state.shares)) {
    add(
      'GUARDRAIL_INSUFFICIENT_SHARES',
      `selling ${order.qty.toFixed()} shares; the position holds ${state.shares.toFixed()}`,
    );
  }
  if (!ctx.marketOpen) add('GUARDRAIL_MARKET_CLOSED', 'the market is closed for this position');
  if (ctx.hasOpenOrder) add('GUARDRAIL_OPEN_ORDER', 'an earlier order of this position is still open');
  if (ctx.ordersToday >= limits.maxOrdersPerDay) {
    add('GUARDRAIL_DAILY_LIMIT', `${ctx.ordersToday} of ${limits.maxOrdersPerDay} orders for today are used`);
  }
  if (ctx.blocked) reasons.push(ctx.blocked);
  if (reasons.length === 0) {
    const fill = checkFill(
      state,
      { side: order.side, qty: order.qty, price: order.price, fee: order.fee },
      limits.band,
    );
    if (!fill.ok) add('GUARDRAIL_BAND_BREACH', fill.reason);
  }
  return reasons;
}

export function orderCheckFor(side: Side, qty: Decimal, price: Decimal, commissionRate: Decimal): OrderCheck {
  const notional = qty.mul(price);
  return { side, qty, price, notional, fee: roundFee(notional.mul(commissionRate)) };
}
