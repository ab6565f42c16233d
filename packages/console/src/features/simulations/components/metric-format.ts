import type { RankMetric, SimulationMetrics } from '@ballast/contracts';
import { formatAmount, formatCount, formatPct, formatRatio } from '../../../lib/format';

/** The metrics a run is judged by, as the tables and the heatmap name them. */
export const METRIC_LABEL: Record<RankMetric, string> = {
  return_pct: 'Return',
  annualized_return_pct: 'Annualized return',
  annualized_volatility_pct: 'Volatility',
  sharpe: 'Sharpe',
  max_drawdown_pct: 'Max drawdown',
  fees: 'Fees',
  trades: 'Trades',
};

/** Lower is better for these (the engine ranks them ascending unless told otherwise). */
const LOWER_IS_BETTER: ReadonlySet<RankMetric> = new Set([
  'max_drawdown_pct',
  'annualized_volatility_pct',
  'fees',
  'trades',
]);

export function higherIsBetter(metric: RankMetric): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

/** A metric as a number, for sorting and colouring (fees arrive as a decimal string). */
export function metricValue(metrics: SimulationMetrics, metric: RankMetric): number | null {
  const value = metrics[metric];
  if (value === null) return null;
  const number = typeof value === 'string' ? Number(value) : value;
  return Number.isFinite(number) ? number : null;
}

/** A metric as people read it: `+12.30 %`, `1.24`, `0.0123`, `57`. */
export function formatMetric(metrics: SimulationMetrics, metric: RankMetric): string {
  switch (metric) {
    case 'return_pct':
    case 'annualized_return_pct':
      return formatPct(metrics[metric], { signed: true });
    case 'annualized_volatility_pct':
    case 'max_drawdown_pct':
      return formatPct(metrics[metric]);
    case 'sharpe':
      return formatRatio(metrics.sharpe);
    case 'fees':
      return formatAmount(metrics.fees, { fine: true });
    case 'trades':
      return formatCount(metrics.trades);
  }
}
