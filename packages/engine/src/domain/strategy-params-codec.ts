import { Decimal } from './decimal.js';
import type { StrategyParams } from './strategy-params.js';

/** Parameters as they appear on the wire and in storage: snake_case groups, plain numbers. */
export interface WireParams {
  trigger: { up_pct: number; down_pct: number };
  sizing: { rebalance_ratio: number };
  guardrails: {
    min_stock_pct: number;
    max_stock_pct: number;
    max_trade_pct: number;
    max_orders_per_day: number;
  };
  order: { min_notional: number; min_qty: number; commission_rate: number };
  anchor: { reset_pct: number };
  market_hours: StrategyParams['marketHours'];
}

export function paramsToWire(p: StrategyParams): WireParams {
  return {
    trigger: { up_pct: p.trigger.upPct.toNumber(), down_pct: p.trigger.downPct.toNumber() },
    sizing: { rebalance_ratio: p.sizing.rebalanceRatio.toNumber() },
    guardrails: {
      min_stock_pct: p.guardrails.minStockPct.toNumber(),
      max_stock_pct: p.guardrails.maxStockPct.toNumber(),
      max_trade_pct: p.guardrails.maxTradePct.toNumber(),
      max_orders_per_day: p.guardrails.maxOrdersPerDay,
    },
    order: {
      min_notional: p.order.minNotional.toNumber(),
      min_qty: p.order.minQty.toNumber(),
      commission_rate: p.order.commissionRate.toNumber(),
    },
    anchor: { reset_pct: p.anchor.resetPct.toNumber() },
    market_hours: p.marketHours,
  };
}

/** Reads parameters written by `paramsToWire`; storage is trusted, so a malformed value is a bug and throws. */
export function paramsFromWire(w: WireParams): StrategyParams {
  const d = (n: number): Decimal => {
    if (!Number.isFinite(n)) throw new Error(`stored parameter is not finite: ${n}`);
    return new Decimal(n);
  };
  return {
    trigger: { upPct: d(w.trigger.up_pct), downPct: d(w.trigger.down_pct) },
    sizing: { rebalanceRatio: d(w.sizing.rebalance_ratio) },
    guardrails: {
      minStockPct: d(w.guardrails.min_stock_pct),
      maxStockPct: d(w.guardrails.max_stock_pct),
      maxTradePct: d(w.guardrails.max_trade_pct),
      maxOrdersPerDay: w.guardrails.max_orders_per_day,
    },
    order: {
      minNotional: d(w.order.min_notional),
      minQty: d(w.order.min_qty),
      commissionRate: d(w.order.commission_rate),
    },
    anchor: { resetPct: d(w.anchor.reset_pct) },
    marketHours: w.market_hours,
  };
}
