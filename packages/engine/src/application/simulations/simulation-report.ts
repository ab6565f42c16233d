import type {
  SeriesPoint,
  SimulatedTrade as SimulatedTradeBody,
  SimulationMetrics,
  SimulationResult as SimulationResultBody,
} from '@ballast/contracts';
import { Decimal, HUNDRED, ZERO } from '../../domain/decimal.js';
import { isMarketHoursMode } from '../../domain/market-hours.js';
import { type BuyAndHold, buyAndHold } from '../../domain/simulation/buy-and-hold.js';
import type { PathFigures } from '../../domain/simulation/metrics.js';
import type {
  SimulatedTrade,
  SimulationBars,
  SimulationInput,
  SimulationResult,
} from '../../domain/simulation/simulate-bars.js';
import { type TradeContext, traceRun } from '../../domain/simulation/trace-run.js';
import { paramsFromWire } from '../../domain/strategy-params-codec.js';
import type { RunSpec } from '../ports/simulation-compute.js';

/** A stored result keeps the first trades up to this many; `metrics.trades` counts them all. */
export const MAX_STORED_TRADES = 100_000;

/** The exact start of a run, from its spec (as it crosses to a compute thread). */
export function simulationInput(bars: SimulationBars, run: RunSpec): SimulationInput {
  if (!isMarketHoursMode(run.marketHours)) throw new Error(`not a market-hours mode: ${run.marketHours}`);
  return {
    bars,
    shares: new Decimal(run.shares),
    cash: new Decimal(run.cash),
    anchor: run.anchor === null ? null : new Decimal(run.anchor),
    params: paramsFromWire(run.params),
    marketHours: run.marketHours,
  };
}

/** Buy-and-hold from the run's start: the same value all in stock at the first close. */
export function benchmarkOf(input: SimulationInput): BuyAndHold {
  return buyAndHold(
    input.shares,
    input.cash,
    new Decimal(input.bars.closeText[0]!),
    input.params.order.commissionRate,
  );
}

/** The metrics of a finished run and of buy-and-hold from the same start, without the series. */
export function measureRun(input: SimulationInput, result: SimulationResult) {
  const hold = benchmarkOf(input);
  const trace = traceRun(input, result, hold, { points: false });
  return {
    metrics: strategyMetrics(input, result, trace.strategy),
    buyAndHold: holdMetrics(input, hold, trace.buyAndHold),
  };
}

/** Buy-and-hold alone, from a run's start. */
export function measureBuyAndHold(input: SimulationInput): SimulationMetrics {
  const idle: SimulationResult = {
    trades: [],
    final: { shares: input.shares, cash: input.cash, anchor: input.anchor },
    evaluations: 0,
    skips: 0,
    anchorResets: 0,
  };
  return measureRun(input, idle).buyAndHold;
}

/** The whole result of a run as the API returns it: trades with their reasons, the series, the metrics. */
export function reportRun(input: SimulationInput, result: SimulationResult): SimulationResultBody {
  const hold = benchmarkOf(input);
  const trace = traceRun(input, result, hold, { points: true });
  const { params, bars } = input;
  const at = (i: number) => new Date(bars.times[i]!).toISOString();
  const series: SeriesPoint[] = trace.points.map((p) => ({
    at: at(p.index),
    close: p.close,
    anchor: p.anchor,
    equity: rounded(p.equity),
    buy_and_hold: rounded(p.buyAndHold),
    allocation_pct: rounded(p.allocation * 100),
  }));
  const trades = result.trades
    .slice(0, MAX_STORED_TRADES)
    .map((t, k) => tradeBody(t, trace.trades[k]!, input));
  return {
    metrics: strategyMetrics(input, result, trace.strategy),
    buy_and_hold: holdMetrics(input, hold, trace.buyAndHold),
    trades,
    series,
    band: {
      min_pct: params.guardrails.minStockPct.toNumber(),
      max_pct: params.guardrails.maxStockPct.toNumber(),
    },
    triggers: { up_pct: params.trigger.upPct.toNumber(), down_pct: params.trigger.downPct.toNumber() },
    evaluations: result.evaluations,
    skips: result.skips,
    anchor_resets: result.anchorResets,
  };
}

function strategyMetrics(input: SimulationInput, r: SimulationResult, f: PathFigures): SimulationMetrics {
  const last = input.bars.closeText[input.bars.length - 1]!;
  const end = r.final.shares.mul(last).add(r.final.cash);
  const fees = r.trades.reduce((sum, t) => sum.add(t.fee), ZERO);
  return metricsBody(f, startValue(input), end, fees, r.trades.length);
}

function holdMetrics(input: SimulationInput, hold: BuyAndHold, f: PathFigures): SimulationMetrics {
  const last = input.bars.closeText[input.bars.length - 1]!;
  const end = hold.shares.mul(last).add(hold.cash);
  return metricsBody(f, startValue(input), end, hold.fee, hold.bought.isZero() ? 0 : 1);
}

function startValue(input: SimulationInput): Decimal {
  return input.shares.mul(input.bars.closeText[0]!).add(input.cash);
}

function metricsBody(
  f: PathFigures,
  start: Decimal,
  end: Decimal,
  fees: Decimal,
  trades: number,
): SimulationMetrics {
  return {
    start_value: start.toFixed(),
    end_value: end.toFixed(),
    return_pct: rounded(f.returnPct),
    annualized_return_pct: roundedOrNull(f.annualizedReturnPct),
    annualized_volatility_pct: roundedOrNull(f.annualizedVolatilityPct),
    sharpe: roundedOrNull(f.sharpe),
    max_drawdown_pct: rounded(f.maxDrawdownPct),
    fees: fees.toFixed(),
    trades,
  };
}

function tradeBody(t: SimulatedTrade, context: TradeContext, input: SimulationInput): SimulatedTradeBody {
  return {
    index: t.index,
    at: new Date(t.time).toISOString(),
    side: t.side,
    qty: t.qty.toFixed(),
    price: t.price.toFixed(),
    fee: t.fee.toFixed(),
    cash_after: t.cashAfter.toFixed(),
    shares_after: t.sharesAfter.toFixed(),
    reason: tradeReason(t, context, input),
  };
}

/** Why a trade was made, for people: the trigger's move from the anchor, or the band it restored. */
export function tradeReason(t: SimulatedTrade, context: TradeContext, input: SimulationInput): string {
  const g = input.params.guardrails;
  const band = `the band ${g.minStockPct.toFixed()}–${g.maxStockPct.toFixed()} %`;
  const allocation = `allocation ${(context.allocationBefore * 100).toFixed(2)} %`;
  const a = context.anchorBefore;
  const move =
    a === null ? '' : `price ${signed(t.price.sub(a).div(a).mul(HUNDRED))} % from the anchor ${a.toFixed()}`;
  if (t.reason === 'trigger') return `${t.side} trigger: ${move}`;
  if (t.reason === 'band_restore') return `band restore: ${allocation} is outside ${band}`;
  return `the band overrules the trigger: ${move}, but ${allocation} is outside ${band}`;
}

const signed = (d: Decimal) => `${d.isNegative() ? '−' : '+'}${d.abs().toFixed(2)}`;
const rounded = (x: number) => Math.round(x * 1e6) / 1e6;
const roundedOrNull = (x: number | null) => (x === null ? null : rounded(x));
