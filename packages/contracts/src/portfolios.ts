import { z } from 'zod';
import { DecimalString, Id, Timestamp } from './common.js';
import { MarketHours } from './params.js';

export const PortfolioState = z.enum(['active', 'paused', 'halted']);
export type PortfolioState = z.infer<typeof PortfolioState>;

export const PortfolioSummary = z.object({
  positions: z.number().int(),
  value: DecimalString.nullable().describe('null until every position has a known price'),
  cash: DecimalString,
  stock_value: DecimalString.nullable(),
  allocation_pct: z.number().nullable(),
  invested: DecimalString,
  pnl: DecimalString.nullable(),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummary>;

/** Every portfolio added up, one line per base currency (amounts in different currencies are never summed). */
export const PortfolioTotals = z.object({
  currencies: z.array(PortfolioSummary.extend({ currency: z.string(), portfolios: z.number().int() })),
});
export type PortfolioTotals = z.infer<typeof PortfolioTotals>;

export const Portfolio = z.object({
  id: Id,
  name: z.string(),
  base_currency: z.string(),
  state: PortfolioState,
  auto_trading_enabled: z.boolean(),
  market_hours: MarketHours,
  is_demo: z.boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  summary: PortfolioSummary,
});
export type Portfolio = z.infer<typeof Portfolio>;

const Name = z.string().trim().min(1, 'must not be empty').max(100);

export const CreatePortfolioBody = z
  .object({
    name: Name,
    base_currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code')
      .default('USD'),
    auto_trading_enabled: z.boolean().default(true),
    state: PortfolioState.default('active'),
    market_hours: MarketHours.default('regular'),
  })
  .strict();
export type CreatePortfolioBody = z.infer<typeof CreatePortfolioBody>;

export const UpdatePortfolioBody = z
  .object({ name: Name, auto_trading_enabled: z.boolean(), state: PortfolioState, market_hours: MarketHours })
  .partial()
  .strict();
export type UpdatePortfolioBody = z.infer<typeof UpdatePortfolioBody>;
