import { z } from 'zod';
import { DecimalInput } from './common.js';

export const MarketHours = z.enum(['regular', 'extended', 'always']);
export type MarketHours = z.infer<typeof MarketHours>;

/** Strategy parameters of DESIGN §3.1 as returned by the engine. Percentages are percent (3 means 3 %). */
export const StrategyParams = z.object({
  trigger: z.object({ up_pct: z.number(), down_pct: z.number() }),
  sizing: z.object({ rebalance_ratio: z.number() }),
  guardrails: z.object({
    min_stock_pct: z.number(),
    max_stock_pct: z.number(),
    max_trade_pct: z.number(),
    max_orders_per_day: z.number().int(),
  }),
  order: z.object({ min_notional: z.number(), min_qty: z.number(), commission_rate: z.number() }),
  anchor: z.object({ reset_pct: z.number() }),
  market_hours: MarketHours.nullable().describe(
    'overrides the portfolio market hours; null = as the portfolio',
  ),
});
export type StrategyParams = z.infer<typeof StrategyParams>;

/**
 * A partial parameter set: any subset of the groups and names above. Ranges and cross-field rules
 * (min < max, reset wider than the triggers) are checked by the engine, which names the field.
 */
export const StrategyParamsPatch = z
  .object({
    trigger: z.object({ up_pct: DecimalInput, down_pct: DecimalInput }).partial().strict(),
    sizing: z.object({ rebalance_ratio: DecimalInput }).partial().strict(),
    guardrails: z
      .object({
        min_stock_pct: DecimalInput,
        max_stock_pct: DecimalInput,
        max_trade_pct: DecimalInput,
        max_orders_per_day: DecimalInput,
      })
      .partial()
      .strict(),
    order: z
      .object({ min_notional: DecimalInput, min_qty: DecimalInput, commission_rate: DecimalInput })
      .partial()
      .strict(),
    anchor: z.object({ reset_pct: DecimalInput }).partial().strict(),
    market_hours: MarketHours.nullable(),
  })
  .partial()
  .strict();
export type StrategyParamsPatch = z.infer<typeof StrategyParamsPatch>;
