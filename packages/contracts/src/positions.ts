import { z } from 'zod';
import { DecimalInput, DecimalString, Id, Timestamp } from './common.js';
import { MarketHours, StrategyParams, StrategyParamsPatch } from './params.js';

export const SymbolName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be 1–32 letters, digits, dots, dashes or underscores');

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
  allocation_pct: z.number().nullable(),
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
