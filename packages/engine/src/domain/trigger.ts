import { type Decimal, HUNDRED } from './decimal.js';
import type { StrategyParams } from './strategy-params.js';

/** The price the evaluation works with, or why there is none. */
export type PriceInput =
  | { readonly ok: true; readonly price: Decimal; readonly ageMs: number; readonly maxAgeMs: number }
  | { readonly ok: false; readonly error: string };

export type TriggerOutcome = 'no_price' | 'no_anchor' | 'anchor_reset' | 'evaluated';

/** Steps 1–4: what the price says relative to the anchor. */
export interface TriggerResult {
  readonly outcome: TriggerOutcome;
  readonly anchor: Decimal | null;
  readonly price: Decimal | null;
  /** (P − A) / A · 100, rounded to 4 decimals for people; decisions use exact comparisons. */
  readonly changePct: Decimal | null;
  readonly upPct: Decimal;
  readonly downPct: Decimal;
  readonly fired: boolean;
  readonly direction: 'buy' | 'sell' | null;
  readonly reason: string;
}

function signedPct(change: Decimal): string {
  return `${change.isNegative() ? '' : '+'}${change.toFixed(2)}%`;
}

function priceProblem(price: PriceInput): string | null {
  if (!price.ok) return `price unavailable: ${price.error}`;
  if (!price.price.isPositive() || price.price.isZero())
    return `price ${price.price.toFixed()} is not a positive number`;
  if (price.ageMs > price.maxAgeMs)
    return `price is stale: ${Math.round(price.ageMs / 1000)} s old, at most ${Math.round(price.maxAgeMs / 1000)} s allowed`;
  return null;
}

export function evaluateTrigger(
  anchor: Decimal | null,
  input: PriceInput,
  params: StrategyParams,
): TriggerResult {
  const { upPct, downPct } = params.trigger;
  const base = { anchor, upPct, downPct, fired: false, direction: null } as const;
  if (anchor === null)
    return {
      ...base,
      outcome: 'no_anchor',
      price: input.ok ? input.price : null,
      changePct: null,
      reason: 'no anchor',
    };
  const problem = priceProblem(input);
  if (problem !== null || !input.ok)
    return {
      ...base,
      outcome: 'no_price',
      price: input.ok ? input.price : null,
      changePct: null,
      reason: problem ?? '',
    };
  const price = input.price;
  const delta = price.sub(anchor).mul(HUNDRED);
  const changePct = delta.div(anchor).toDecimalPlaces(4);
  if (delta.abs().greaterThan(params.anchor.resetPct.mul(anchor))) {
    const reason = `anchor reset: price moved ${signedPct(changePct)} from the anchor, beyond reset_pct ${params.anchor.resetPct.toFixed()}%`;
    return { ...base, outcome: 'anchor_reset', price, changePct, reason };
  }
  if (delta.greaterThanOrEqualTo(upPct.mul(anchor))) {
    return {
      ...base,
      outcome: 'evaluated',
      price,
      changePct,
      fired: true,
      direction: 'sell',
      reason: `sell trigger: ${signedPct(changePct)} ≥ +${upPct.toFixed()}%`,
    };
  }
  if (delta.lessThanOrEqualTo(downPct.neg().mul(anchor))) {
    return {
      ...base,
      outcome: 'evaluated',
      price,
      changePct,
      fired: true,
      direction: 'buy',
      reason: `buy trigger: ${signedPct(changePct)} ≤ −${downPct.toFixed()}%`,
    };
  }
  return {
    ...base,
    outcome: 'evaluated',
    price,
    changePct,
    reason: `within thresholds: ${signedPct(changePct)}`,
  };
}
