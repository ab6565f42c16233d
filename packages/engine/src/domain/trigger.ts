import { approxNumber, Decimal, HUNDRED } from './decimal.js';
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

/**
 * How far inside a threshold (in percentage points) a price must be for binary floating point to
 * decide "no trigger, no reset" on its own. Float rounding is below 1e-12 points here; anything
 * closer than this margin is decided with exact decimals.
 */
const CERTAIN_MARGIN_PCT = 1e-7;

const floats = new WeakMap<StrategyParams, { up: number; down: number; reset: number }>();

/** The thresholds as floats, for the quick "clearly inside" test; parameter sets are immutable and shared. */
function floatThresholds(params: StrategyParams): { up: number; down: number; reset: number } {
  let f = floats.get(params);
  if (!f) {
    f = {
      up: params.trigger.upPct.toNumber(),
      down: params.trigger.downPct.toNumber(),
      reset: params.anchor.resetPct.toNumber(),
    };
    floats.set(params, f);
  }
  return f;
}

type Outcome = 'within' | 'reset' | 'sell' | 'buy';

/**
 * What floats alone can decide about (P − A)/A·100 against the thresholds: the outcome when the change is
 * more than CERTAIN_MARGIN_PCT (scaled up for very large moves) away from every threshold that matters,
 * otherwise null — the exact comparisons decide.
 */
function certainOutcome(
  change: number,
  anchor: number,
  f: { up: number; down: number; reset: number },
): Outcome | null {
  if (!(anchor > 0)) return null;
  const size = Math.abs(change);
  const margin = CERTAIN_MARGIN_PCT * Math.max(1, size / 100);
  // In the order of the exact comparisons: reset, sell, buy, within.
  if (size > f.reset + margin) return 'reset';
  if (!(size < f.reset - margin)) return null;
  if (change > f.up + margin) return 'sell';
  if (!(change < f.up - margin)) return null;
  if (change < -f.down - margin) return 'buy';
  return change > -f.down + margin ? 'within' : null;
}

/** The specification: (P − A)·100 against reset·A, up·A and −down·A, in exact decimals. */
function exactOutcome(price: Decimal, anchor: Decimal, params: StrategyParams): Outcome {
  const delta = price.sub(anchor).mul(HUNDRED);
  if (delta.abs().greaterThan(params.anchor.resetPct.mul(anchor))) return 'reset';
  if (delta.greaterThanOrEqualTo(params.trigger.upPct.mul(anchor))) return 'sell';
  if (delta.lessThanOrEqualTo(params.trigger.downPct.neg().mul(anchor))) return 'buy';
  return 'within';
}

export function evaluateTrigger(
  anchor: Decimal | null,
  input: PriceInput,
  params: StrategyParams,
): TriggerResult {
  const { upPct, downPct } = params.trigger;
  const result = (
    outcome: TriggerOutcome,
    price: Decimal | null,
    changePct: Decimal | null,
    direction: 'buy' | 'sell' | null,
    reason: string,
  ): TriggerResult => ({
    outcome,
    anchor,
    price,
    changePct,
    upPct,
    downPct,
    fired: direction !== null,
    direction,
    reason,
  });
  if (anchor === null) return result('no_anchor', input.ok ? input.price : null, null, null, 'no anchor');
  const problem = priceProblem(input);
  if (problem !== null || !input.ok)
    return result('no_price', input.ok ? input.price : null, null, null, problem ?? '');
  const price = input.price;
  const change = (approxNumber(price) / approxNumber(anchor) - 1) * 100;
  // (P − A) / A · 100 to 4 decimals, for people and the audit trail; decisions never use it.
  const changePct = new Decimal(change.toFixed(4));
  const outcome =
    certainOutcome(change, approxNumber(anchor), floatThresholds(params)) ??
    exactOutcome(price, anchor, params);
  if (outcome === 'reset') {
    const reason = `anchor reset: price moved ${signedPct(changePct)} from the anchor, beyond reset_pct ${params.anchor.resetPct.toFixed()}%`;
    return result('anchor_reset', price, changePct, null, reason);
  }
  if (outcome === 'sell') {
    return result(
      'evaluated',
      price,
      changePct,
      'sell',
      `sell trigger: ${signedPct(changePct)} ≥ +${upPct.toFixed()}%`,
    );
  }
  if (outcome === 'buy') {
    return result(
      'evaluated',
      price,
      changePct,
      'buy',
      `buy trigger: ${signedPct(changePct)} ≤ −${downPct.toFixed()}%`,
    );
  }
  return result('evaluated', price, changePct, null, `within thresholds: ${signedPct(changePct)}`);
}
