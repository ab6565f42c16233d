import { z } from 'zod';
import { DecimalInput, DecimalString, Id, Timestamp } from './common.js';
import { MarketHours, StrategyParamsPatch } from './params.js';

/**
 * The simulation lab (DESIGN §9): bars played through the same rules as live trading, with a test
 * clock and the paper broker. Results are stored; every run is audited with source `simulation`.
 */

/** Where a simulation's bars come from. */
export const BarsSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('csv'),
      /** `timestamp,close` (open, high, low, volume and symbol columns are allowed and ignored). */
      csv: z.string().min(1).max(16_000_000),
      name: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('sample'),
      /** One of `GET /v1/simulations/samples` (real index closes that ship with Ballast). */
      name: z.string().min(1).max(100),
    })
    .strict(),
  z
    .object({
      kind: z.literal('synthetic'),
      /** A seeded geometric Brownian motion: the same seed gives the same bars. */
      seed: z.number().int(),
      bars: z.number().int().min(2).max(5_000_000),
      interval_minutes: z.number().int().min(1).max(1_440),
      start_price: DecimalInput.default('100'),
      drift_pct_per_year: z.number().min(-100).max(1_000).default(0),
      volatility_pct_per_year: z.number().min(0).max(1_000).default(30),
      start: Timestamp.optional().describe('the first bar (default 2024-01-01T00:00:00Z)'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('job'),
      /**
       * The bars of an earlier simulation or optimization, read again as they were read then (a CSV
       * upload is kept with its job for this): an optimization's row runs on exactly its bars.
       */
      id: Id,
    })
    .strict(),
  z
    .object({
      kind: z.literal('position'),
      /** The prices the engine evaluated for this position (its PriceEvents), oldest first. */
      position_id: Id,
      limit: z.number().int().min(2).max(5_000).default(5_000),
    })
    .strict(),
]);
export type BarsSource = z.infer<typeof BarsSource>;

export const SimulationRequest = z
  .object({
    name: z.string().trim().max(100).optional(),
    /**
     * Start from a live position: its parameters (patched by `params`), shares, cash and market hours
     * are the defaults, and its evaluated prices the default bars.
     */
    from_position: Id.optional(),
    bars: BarsSource.optional().describe('required unless from_position is given'),
    shares: DecimalInput.optional(),
    cash: DecimalInput.optional(),
    anchor: DecimalInput.optional().describe('default: the first bar only seeds the anchor'),
    params: StrategyParamsPatch.default({}),
    market_hours: MarketHours.optional().describe('default: always (or the position’s)'),
  })
  .strict();
export type SimulationRequest = z.infer<typeof SimulationRequest>;

export const JobStatus = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

/** Money as decimal strings, percentages in percent (3 means 3 %). */
export const SimulationMetrics = z.object({
  start_value: DecimalString,
  end_value: DecimalString,
  return_pct: z.number(),
  annualized_return_pct: z.number().nullable(),
  annualized_volatility_pct: z.number().nullable(),
  sharpe: z.number().nullable().describe('annualized, risk-free rate 0; null when volatility is 0'),
  max_drawdown_pct: z.number().describe('the largest fall from a peak, as a positive percentage'),
  fees: DecimalString,
  trades: z.number().int(),
});
export type SimulationMetrics = z.infer<typeof SimulationMetrics>;

export const SimulatedTrade = z.object({
  index: z.number().int().describe('the bar it filled on'),
  at: Timestamp,
  side: z.enum(['buy', 'sell']),
  qty: DecimalString,
  price: DecimalString,
  fee: DecimalString,
  cash_after: DecimalString,
  shares_after: DecimalString,
  reason: z.string(),
});
export type SimulatedTrade = z.infer<typeof SimulatedTrade>;

/** A point of the downsampled series (at most about 2 000 points, always with the first and the last bar). */
export const SeriesPoint = z.object({
  at: Timestamp,
  close: z.number(),
  /** The anchor after this bar (the last fill's price). */
  anchor: z.number().nullable(),
  equity: z.number(),
  buy_and_hold: z.number(),
  allocation_pct: z.number(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const SimulationResult = z.object({
  metrics: SimulationMetrics,
  /** The same starting value (cash and stock together) all in stock on the first bar, held. */
  buy_and_hold: SimulationMetrics,
  trades: z.array(SimulatedTrade),
  series: z.array(SeriesPoint),
  band: z.object({ min_pct: z.number(), max_pct: z.number() }),
  triggers: z.object({ up_pct: z.number(), down_pct: z.number() }),
  evaluations: z.number().int(),
  skips: z.number().int(),
  anchor_resets: z.number().int(),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

export const BarsSummary = z.object({
  source: z.string().describe('what the bars are, in words'),
  count: z.number().int(),
  first_at: Timestamp.nullable(),
  last_at: Timestamp.nullable(),
});
export type BarsSummary = z.infer<typeof BarsSummary>;

export const SimulationSummary = z.object({
  id: Id,
  name: z.string().nullable(),
  status: JobStatus,
  progress: z.number().min(0).max(1),
  requested_by: z.string(),
  created_at: Timestamp,
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
  error: z.string().nullable(),
  bars: BarsSummary.nullable(),
  from_position: Id.nullable(),
  metrics: SimulationMetrics.nullable(),
  buy_and_hold: SimulationMetrics.nullable(),
});
export type SimulationSummary = z.infer<typeof SimulationSummary>;

export const Simulation = SimulationSummary.extend({
  /** The request as run, with the effective parameters (defaults and position filled in); csv text left out. */
  request: z.record(z.string(), z.unknown()),
  result: SimulationResult.nullable(),
});
export type Simulation = z.infer<typeof Simulation>;

export const SampleBars = z.object({
  name: z.string(),
  description: z.string(),
  bars: z.number().int(),
  first_at: Timestamp,
  last_at: Timestamp,
});
export type SampleBars = z.infer<typeof SampleBars>;

/** Parameters a grid may vary, by their wire path (DESIGN §3.1). */
export const GridParam = z.enum([
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
]);
export type GridParam = z.infer<typeof GridParam>;

export const RankMetric = z.enum([
  'return_pct',
  'annualized_return_pct',
  'sharpe',
  'max_drawdown_pct',
  'annualized_volatility_pct',
  'fees',
  'trades',
]);
export type RankMetric = z.infer<typeof RankMetric>;

export const OptimizationRequest = z
  .object({
    name: z.string().trim().max(100).optional(),
    from_position: Id.optional(),
    bars: BarsSource.optional(),
    shares: DecimalInput.optional(),
    cash: DecimalInput.optional(),
    anchor: DecimalInput.optional(),
    /** The parameters every combination starts from; the grid overrides its own. */
    params: StrategyParamsPatch.default({}),
    market_hours: MarketHours.optional(),
    /** Values to try per parameter; every combination is run (at most 20 000). */
    grid: z.partialRecord(GridParam, z.array(z.number()).min(1).max(200)),
    rank_by: RankMetric.default('sharpe'),
    /** Lower is better for max_drawdown_pct, volatility, fees and trades unless said otherwise. */
    descending: z.boolean().optional(),
  })
  .strict();
export type OptimizationRequest = z.infer<typeof OptimizationRequest>;

export const OptimizationRow = z.object({
  rank: z.number().int(),
  /** The grid's values for this combination, by parameter path. */
  params: z.record(z.string(), z.number()),
  metrics: SimulationMetrics,
  /** Set when this combination is not a valid parameter set (e.g. min ≥ max): not run. */
  error: z.string().nullable(),
});
export type OptimizationRow = z.infer<typeof OptimizationRow>;

export const OptimizationSummary = z.object({
  id: Id,
  name: z.string().nullable(),
  status: JobStatus,
  progress: z.number().min(0).max(1),
  combinations: z.number().int(),
  done: z.number().int(),
  rank_by: RankMetric,
  requested_by: z.string(),
  created_at: Timestamp,
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
  error: z.string().nullable(),
  bars: BarsSummary.nullable(),
  best: OptimizationRow.nullable(),
});
export type OptimizationSummary = z.infer<typeof OptimizationSummary>;

export const Optimization = OptimizationSummary.extend({
  request: z.record(z.string(), z.unknown()),
  /** Every combination, best first; buy-and-hold of the same bars for comparison. */
  rows: z.array(OptimizationRow),
  buy_and_hold: SimulationMetrics.nullable(),
});
export type Optimization = z.infer<typeof Optimization>;
