import type { SimulationMetrics } from '@ballast/contracts';
import { formatAmount, formatPct } from '../../../lib/format';
import { formatMetric } from './metric-format';

const ROWS: readonly { label: string; show: (m: SimulationMetrics) => string }[] = [
  { label: 'Return', show: (m) => formatMetric(m, 'return_pct') },
  { label: 'Annualized return', show: (m) => formatMetric(m, 'annualized_return_pct') },
  { label: 'Volatility (annualized)', show: (m) => formatMetric(m, 'annualized_volatility_pct') },
  { label: 'Sharpe ratio', show: (m) => formatMetric(m, 'sharpe') },
  { label: 'Max drawdown', show: (m) => formatMetric(m, 'max_drawdown_pct') },
  { label: 'Fees', show: (m) => formatMetric(m, 'fees') },
  { label: 'Trades', show: (m) => formatMetric(m, 'trades') },
  { label: 'Start value', show: (m) => formatAmount(m.start_value) },
  { label: 'End value', show: (m) => formatAmount(m.end_value) },
];

/** The strategy's figures beside buy-and-hold from the same starting value (cash and stock together). */
export function MetricsTable({
  metrics,
  buyAndHold,
}: {
  metrics: SimulationMetrics;
  buyAndHold: SimulationMetrics;
}) {
  const edge = metrics.return_pct - buyAndHold.return_pct;
  return (
    <>
      <div className="table-wrap">
        <table className="table metrics" aria-label="Metrics against buy and hold">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Strategy
              </th>
              <th scope="col" className="num">
                Buy and hold
              </th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td className="num">{row.show(metrics)}</td>
                <td className="num">{row.show(buyAndHold)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={edge >= 0 ? 'positive' : 'negative'}>
        {edge >= 0 ? 'Ahead of' : 'Behind'} buy and hold by {formatPct(Math.abs(edge))} points of return.
      </p>
      {buyAndHold.annualized_return_pct === null && buyAndHold.annualized_volatility_pct === null && (
        <p className="muted">
          Not annualized: the bars span less than a day (or too few bars to measure), too little to say
          anything about a year.
        </p>
      )}
    </>
  );
}
