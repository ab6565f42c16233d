import type { Decimal } from '../../domain/decimal.js';
import { type Evaluation, evaluatePosition } from '../../domain/evaluate-position.js';
import type { Reason } from '../../domain/guardrails.js';
import type { Instant, OrderId } from '../../domain/ids.js';
import { isMarketOpen, type MarketHoursMode, tradingDayOf } from '../../domain/market-hours.js';
import { bandOf } from '../../domain/position-state.js';
import type { PriceInput } from '../../domain/trigger.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { QuoteResult } from '../ports/market-data.js';
import type { PositionForTrading } from '../ports/store.js';
import type { OrderRecord } from '../records.js';
import { EventChain } from './event-chain.js';
import { guardrailPayload, pricePayload, triggerPayload } from './event-payloads.js';
import type { CycleContext, Outcome, PositionPlan } from './position-plan.js';

/** How old a quote may be for each market-hours mode (24×7 assets move faster than delayed exchange feeds). */
const MAX_QUOTE_AGE_MS: Readonly<Record<MarketHoursMode, number>> = {
  always: 2 * 60_000,
  regular: 15 * 60_000,
  extended: 15 * 60_000,
};

export type ClientOrderIdFor = (positionId: string, cycleId: string) => string;

/** Turns one position and the cycle's quotes into a plan: the domain decides, this records why. */
export class PositionPlanner {
  constructor(
    private readonly ids: IdGenerator,
    private readonly clientOrderIdFor: ClientOrderIdFor,
  ) {}

  plan(cycle: CycleContext, item: PositionForTrading, now: Instant): PositionPlan {
    const { position, portfolio } = item;
    const mode = position.params.marketHours ?? portfolio.marketHours;
    const tradingDay = tradingDayOf(mode, now);
    const ordersToday = position.ordersDay === tradingDay ? position.ordersToday : 0;
    const marketOpen = isMarketOpen(mode, now);
    const quote = cycle.quotes.get(position.symbol);
    const evaluation = evaluatePosition({
      state: position,
      params: position.params,
      price: priceInput(quote, now, MAX_QUOTE_AGE_MS[mode]),
      context: {
        marketOpen,
        hasOpenOrder: item.hasOpenOrder,
        ordersToday,
        blocked: blockedReason(cycle, item),
      },
    });
    const chain = new EventChain(this.ids, cycle, position, cycle.startedEventId, now);
    chain.add('PriceEvent', pricePayload(quote, position.symbol, position.anchor));
    chain.add('TriggerEvaluated', triggerPayload(evaluation.trigger));
    const band = bandOf(position.params.guardrails.minStockPct, position.params.guardrails.maxStockPct);
    const plan = (
      outcome: Outcome,
      reason: string,
      order: OrderRecord | null = null,
      newAnchor: Decimal | null = null,
    ): PositionPlan => ({
      item,
      outcome,
      reason,
      drafts: chain.drafts,
      lastEventId: chain.lastId,
      order,
      newAnchor,
      tradingDay,
      band,
    });
    if (evaluation.kind === 'anchor_reset')
      return plan('anchor_reset', evaluation.trigger.reason, null, evaluation.newAnchor);
    if (evaluation.kind !== 'order' && evaluation.kind !== 'skip')
      return plan(outcomeOf(evaluation), evaluation.trigger.reason);
    chain.add(
      'GuardrailEvaluated',
      guardrailPayload(evaluation.guardrail, position.params, { ordersToday, marketOpen }),
    );
    if (evaluation.kind === 'skip')
      return plan('skip', evaluation.guardrail.reasons.map((r) => r.message).join('; '));
    const order = this.orderFor(cycle, item, evaluation, now);
    chain.add('OrderCreated', {
      order_id: order.id,
      client_order_id: order.clientOrderId,
      side: order.side,
      qty: order.qty.toFixed(),
      price: order.price.toFixed(),
      est_fee: order.estFee.toFixed(),
    });
    return plan('order', `${evaluation.trigger.reason}; ${evaluation.guardrail.proposal.note}`, order);
  }

  private orderFor(
    cycle: CycleContext,
    item: PositionForTrading,
    e: Extract<Evaluation, { kind: 'order' }>,
    now: Instant,
  ): OrderRecord {
    const { position } = item;
    const o = e.guardrail.order;
    return {
      id: this.ids.next() as OrderId,
      clientOrderId: this.clientOrderIdFor(position.id, cycle.id),
      portfolioId: position.portfolioId,
      positionId: position.id,
      cycleId: cycle.id,
      symbol: position.symbol,
      side: o.side,
      qty: o.qty,
      price: o.price,
      estFee: o.fee,
      commissionRate: position.params.order.commissionRate,
      status: 'new',
      reason: null,
      source: cycle.source,
      createdAt: now,
      updatedAt: now,
    };
  }
}

function outcomeOf(e: Evaluation): Outcome {
  return e.kind === 'no_price' ? 'no_price' : e.kind === 'no_anchor' ? 'no_anchor' : 'hold';
}

function priceInput(quote: QuoteResult | undefined, now: Instant, maxAgeMs: number): PriceInput {
  if (!quote) return { ok: false, error: 'no quote returned for the symbol' };
  if (!quote.ok) return { ok: false, error: quote.error };
  return { ok: true, price: quote.price, ageMs: now - quote.quotedAt, maxAgeMs };
}

/** The kill switch blocks every run; a scheduled run also respects the auto-trading switches and a pause. */
function blockedReason(cycle: CycleContext, { position, portfolio }: PositionForTrading): Reason | null {
  if (portfolio.state === 'halted')
    return {
      code: 'GUARDRAIL_PORTFOLIO_HALTED',
      message: 'the portfolio is halted (kill switch): no orders',
    };
  if (cycle.source !== 'worker') return null;
  if (!portfolio.autoTradingEnabled || !position.autoTradingEnabled) {
    return {
      code: 'GUARDRAIL_TRADING_DISABLED',
      message: 'automatic trading is switched off for this position or its portfolio',
    };
  }
  if (portfolio.state === 'paused')
    return { code: 'GUARDRAIL_PORTFOLIO_PAUSED', message: 'the portfolio is paused: no automatic orders' };
  return null;
}
