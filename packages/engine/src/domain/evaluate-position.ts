import { approxNumber, type Decimal, HUNDRED, ONE, roundQty, roundQtyDown } from './decimal.js';
import {
  checkGuardrails,
  type OrderCheck,
  orderCheckFor,
  type Reason,
  type TradingContext,
} from './guardrails.js';
import { bandRestore, type Proposal, sideOf, sizeTriggerOrder } from './order-sizing.js';
import { allocationApprox, type Band, bandOf, type PositionState } from './position-state.js';
import type { StrategyParams } from './strategy-params.js';
import { evaluateTrigger, type PriceInput, type TriggerResult } from './trigger.js';

export type { PriceInput } from './trigger.js';

export interface EvaluationInput {
  readonly state: PositionState;
  readonly params: StrategyParams;
  readonly price: PriceInput;
  readonly context: TradingContext;
}

export interface GuardrailResult {
  readonly proposal: Proposal;
  readonly order: OrderCheck;
  /** The allocation after the order, for people and the audit trail. */
  readonly allocAfter: number;
  readonly allowed: boolean;
  readonly reasons: readonly Reason[];
}

/** The outcome of one evaluation (DESIGN §3.2 steps 1–9). Nothing here has happened yet; the caller acts on it. */
export type Evaluation =
  | { readonly kind: 'no_price'; readonly trigger: TriggerResult }
  | { readonly kind: 'no_anchor'; readonly trigger: TriggerResult }
  | { readonly kind: 'anchor_reset'; readonly trigger: TriggerResult; readonly newAnchor: Decimal }
  | { readonly kind: 'hold'; readonly trigger: TriggerResult }
  | { readonly kind: 'skip'; readonly trigger: TriggerResult; readonly guardrail: GuardrailResult }
  | { readonly kind: 'order'; readonly trigger: TriggerResult; readonly guardrail: GuardrailResult };

/** Evaluates one position at one price: the pure heart of Ballast. */
export function evaluatePosition(input: EvaluationInput): Evaluation {
  const { state, params } = input;
  const trigger = evaluateTrigger(state.anchor, input.price, params);
  if (trigger.outcome === 'no_price') return { kind: 'no_price', trigger };
  if (trigger.outcome === 'no_anchor') return { kind: 'no_anchor', trigger };
  if (trigger.outcome === 'anchor_reset') return { kind: 'anchor_reset', trigger, newAnchor: trigger.price! };
  const price = trigger.price!;
  const band = bandOf(params.guardrails.minStockPct, params.guardrails.maxStockPct);
  const proposal = trigger.fired
    ? triggerProposal(state, price, params)
    : restoreProposal(state, price, band);
  if (proposal === null) return { kind: 'hold', trigger };
  const qty = roundOrderQty(proposal.qty, state, price, params.order.commissionRate);
  if (qty.isZero() && proposal.origin === 'band_overrule')
    return { kind: 'hold', trigger: { ...trigger, reason: `${trigger.reason}; ${proposal.note}` } };
  // A trigger's order has the trigger's side even when it comes to nothing (no shares to sell has no sign).
  const side = proposal.origin === 'trigger' && trigger.direction ? trigger.direction : sideOf(proposal.qty);
  const order = orderCheckFor(side, qty, price, params.order.commissionRate);
  const signed = order.side === 'buy' ? qty : qty.neg();
  const allocAfter = allocationApprox(
    state.shares.add(signed),
    state.cash.sub(signed.mul(price)).sub(order.fee),
    price,
  );
  const limits = {
    maxOrdersPerDay: params.guardrails.maxOrdersPerDay,
    minNotional: params.order.minNotional,
    minQty: params.order.minQty,
    band,
  };
  const reasons = checkGuardrails(state, order, limits, input.context);
  const guardrail: GuardrailResult = { proposal, order, allocAfter, allowed: reasons.length === 0, reasons };
  return { kind: reasons.length === 0 ? 'order' : 'skip', trigger, guardrail };
}

/** Rounds to 6 decimals, to the nearest but never past what the position can deliver or pay for. */
function roundOrderQty(signed: Decimal, state: PositionState, price: Decimal, rate: Decimal): Decimal {
  const nearest = roundQty(signed.abs());
  const tooMuch = signed.isNegative()
    ? nearest.greaterThan(state.shares)
    : !clearlyAffordable(nearest, price, rate, state.cash) &&
      nearest.mul(price).mul(ONE.add(rate)).greaterThan(state.cash);
  return tooMuch ? roundQtyDown(signed.abs()) : nearest;
}

/** True when floats prove q·P·(1 + rate) is below the cash by more than a relative 1e-9 (all terms ≥ 0). */
function clearlyAffordable(qty: Decimal, price: Decimal, rate: Decimal, cash: Decimal): boolean {
  const cost = approxNumber(qty) * approxNumber(price) * (1 + approxNumber(rate));
  return cost >= 0 && cost < approxNumber(cash) * (1 - CERTAIN_MARGIN_ALLOC);
}

function triggerProposal(state: PositionState, price: Decimal, params: StrategyParams): Proposal {
  return sizeTriggerOrder({
    shares: state.shares,
    cash: state.cash,
    anchor: state.anchor!,
    price,
    ratio: params.sizing.rebalanceRatio,
    maxTradePct: params.guardrails.maxTradePct,
    commissionRate: params.order.commissionRate,
    band: bandOf(params.guardrails.minStockPct, params.guardrails.maxStockPct),
  });
}

/** A band edge closer than this (as a fraction) is decided with exact decimals, not floats. */
const CERTAIN_MARGIN_ALLOC = 1e-9;

/** True when floats prove the allocation lies inside the band, well away from both edges. */
function clearlyInsideBand(state: PositionState, price: Decimal, band: Band): boolean {
  const stock = approxNumber(state.shares) * approxNumber(price);
  const value = stock + approxNumber(state.cash);
  if (!(value > 0)) return false;
  const alloc = stock / value;
  return (
    alloc > approxNumber(band.min) + CERTAIN_MARGIN_ALLOC &&
    alloc < approxNumber(band.max) - CERTAIN_MARGIN_ALLOC
  );
}

/** Step 5: with no trigger, an out-of-band position is brought back to the band. */
function restoreProposal(state: PositionState, price: Decimal, band: Band): Proposal | null {
  if (clearlyInsideBand(state, price, band)) return null;
  const qty = bandRestore(state.shares, state.cash, price, band);
  if (qty === null) return null;
  const allocBefore = allocationApprox(state.shares, state.cash, price);
  const edge = qty.isNegative() ? band.max : band.min;
  return {
    origin: 'band_restore',
    qty,
    rawQty: null,
    cappedQty: null,
    cap: null,
    allocBefore,
    allocAfterCap: null,
    note: `allocation ${(allocBefore * 100).toFixed(2)}% is outside the band; restoring it to ${edge.mul(HUNDRED).toFixed()}%`,
  };
}
