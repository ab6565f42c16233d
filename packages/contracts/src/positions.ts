import { z } from 'zod';
import { DecimalInput, DecimalString, Id, Timestamp } from './common.js';
import { MarketHours, StrategyParams, StrategyParamsPatch } from './params.js';

export const SymbolName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be 1–32 letters, digits, dots, dashes or underscores');

/** Where the next trigger fires (DESIGN §3.2 step 4) and how far the last price is from each level. */
export const TriggerLevels = z.object({
  sell_at: DecimalString.describe('anchor · (1 + up_pct/100): at or above it the engine sells'),
  buy_at: DecimalString.describe('anchor · (1 − down_pct/100): at or below it the engine buys'),
  sell_distance_pct: z.number().nullable().describe('(sell_at − last price) / last price · 100'),
  buy_distance_pct: z.number().nullable().describe('(buy_at − last price) / last price · 100'),
});
export type TriggerLevels = z.infer<typeof TriggerLevels>;

export const Position = z.object({
  id: Id,
  portfolio_id: Id,
  symbol: z.string(),
  shares: DecimalString,
  cash: DecimalString,
  anchor: DecimalString.nullable(),
  auto_trading_enabled: z.boolean(),
  params: StrategyParams,
  market_hours: MarketHours.describe(
    'effective market hours: the position override or the portfolio setting',
  ),
  invested: DecimalString.describe('net money put in: starting value plus deposits minus withdrawals'),
  last_price: DecimalString.nullable(),
  last_price_at: Timestamp.nullable(),
  value: DecimalString.nullable(),
  pnl: DecimalString.nullable().describe('value − invested; null until there is a price'),
  allocation_pct: z.number().nullable(),
  triggers: TriggerLevels.nullable().describe('null until the position has an anchor'),
  orders_today: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Position = z.infer<typeof Position>;

export const CreatePositionBody = z
  .object({
    symbol: SymbolName,
    shares: DecimalInput.default('0'),
    cash: DecimalInput.default('0'),
    anchor: DecimalInput.optional().describe('defaults to the current quote'),
    auto_trading_enabled: z.boolean().default(true),
    params: StrategyParamsPatch.default({}),
  })
  .strict();
export type CreatePositionBody = z.infer<typeof CreatePositionBody>;

export const UpdatePositionBody = z
  .object({ auto_trading_enabled: z.boolean(), params: StrategyParamsPatch })
  .partial()
  .strict();
export type UpdatePositionBody = z.infer<typeof UpdatePositionBody>;

export const CashMovementBody = z
  .object({
    kind: z.enum(['deposit', 'withdrawal']),
    amount: DecimalInput,
    note: z.string().max(200).optional(),
  })
  .strict();
export type CashMovementBody = z.infer<typeof CashMovementBody>;

export const SetAnchorBody = z
  .object({ anchor: DecimalInput.nullable().optional(), use_current_price: z.boolean().optional() })
  .strict();
export type SetAnchorBody = z.infer<typeof SetAnchorBody>;

/** One evaluated price of a position, from its PriceEvents: what the engine saw and the anchor it compared with. */
export const PricePoint = z.object({
  at: Timestamp.describe('when the quote was taken'),
  price: DecimalString,
  anchor: DecimalString.nullable(),
});
export type PricePoint = z.infer<typeof PricePoint>;

export const PriceHistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(1000).describe('the most recent N prices'),
});

export const PriceHistory = z.object({
  position_id: Id,
  items: z.array(PricePoint).describe('oldest first'),
});
export type PriceHistory = z.infer<typeof PriceHistory>;
