import { Decimal } from '../domain/decimal.js';
import type { TradingContext } from '../domain/guardrails.js';
import type { PositionState } from '../domain/position-state.js';
import { DEFAULT_PARAMS, type StrategyParams } from '../domain/strategy-params.js';
import { applyParamsPatch, type ParamsPatch } from '../domain/strategy-params-validation.js';

export function makeState(
  over: { shares?: string | number; cash?: string | number; anchor?: string | number | null } = {},
): PositionState {
  const anchor = over.anchor === undefined ? 100 : over.anchor;
  return {
    shares: new Decimal(over.shares ?? 50),
    cash: new Decimal(over.cash ?? 5000),
    anchor: anchor === null ? null : new Decimal(anchor),
  };
}

export function makeParams(patch: ParamsPatch = {}): StrategyParams {
  const result = applyParamsPatch(DEFAULT_PARAMS, patch);
  if (!result.ok) throw new Error(`bad test parameters: ${JSON.stringify(result.errors)}`);
  return result.params;
}

export const OPEN_MARKET: TradingContext = {
  marketOpen: true,
  hasOpenOrder: false,
  ordersToday: 0,
  blocked: null,
};

export function freshPrice(price: string | number) {
  return { ok: true as const, price: new Decimal(price), ageMs: 0, maxAgeMs: 60_000 };
}
