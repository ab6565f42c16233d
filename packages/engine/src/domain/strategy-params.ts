import { Decimal } from './decimal.js';

export type MarketHoursSetting = 'regular' | 'extended' | 'always';

/** The per-position strategy parameters of DESIGN §3.1, as exact values. Percentages stay percentages. */
export interface StrategyParams {
  readonly trigger: { readonly upPct: Decimal; readonly downPct: Decimal };
  readonly sizing: { readonly rebalanceRatio: Decimal };
  readonly guardrails: {
    readonly minStockPct: Decimal;
    readonly maxStockPct: Decimal;
    readonly maxTradePct: Decimal;
    readonly maxOrdersPerDay: number;
  };
  readonly order: {
    readonly minNotional: Decimal;
    readonly minQty: Decimal;
    readonly commissionRate: Decimal;
  };
  readonly anchor: { readonly resetPct: Decimal };
  /** A position may override its portfolio's market hours; null means "as the portfolio". */
  readonly marketHours: MarketHoursSetting | null;
}

export const DEFAULT_PARAMS: StrategyParams = {
  trigger: { upPct: new Decimal(3), downPct: new Decimal(3) },
  sizing: { rebalanceRatio: new Decimal('1.6667') },
  guardrails: {
    minStockPct: new Decimal(25),
    maxStockPct: new Decimal(75),
    maxTradePct: new Decimal(20),
    maxOrdersPerDay: 5,
  },
  order: {
    minNotional: new Decimal(100),
    minQty: new Decimal('0.001'),
    commissionRate: new Decimal('0.0001'),
  },
  anchor: { resetPct: new Decimal(50) },
  marketHours: null,
};

/** The wire names of every parameter, as used by the API and `ballast simulate --set`. */
export const PARAM_NAMES = [
  'trigger.up_pct',
  'trigger.down_pct',
  'sizing.rebalance_ratio',
  'guardrails.min_stock_pct',
  'guardrails.max_stock_pct',
  'guardrails.max_trade_pct',
  'guardrails.max_orders_per_day',
  'order.min_notional',
  'order.min_qty',
  'order.commission_rate',
  'anchor.reset_pct',
  'market_hours',
] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
