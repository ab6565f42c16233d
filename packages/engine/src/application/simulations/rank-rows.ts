import type { OptimizationRow, RankMetric } from '@ballast/contracts';

/** Higher is better for these; lower for drawdown, volatility, fees and trades. */
const HIGHER_IS_BETTER: ReadonlySet<RankMetric> = new Set(['return_pct', 'annualized_return_pct', 'sharpe']);

export type UnrankedRow = Omit<OptimizationRow, 'rank'>;

/**
 * Best first by `rankBy` (descending for return and Sharpe, ascending for the rest, unless `descending`
 * says otherwise); rows whose metric is missing (a Sharpe without volatility) after those with one, and
 * combinations that were not run last. Ties keep the grid's order. Ranks count from 1.
 */
export function rankRows(
  rows: readonly UnrankedRow[],
  rankBy: RankMetric,
  descending?: boolean,
): OptimizationRow[] {
  const down = descending ?? HIGHER_IS_BETTER.has(rankBy);
  const value = (row: UnrankedRow): number | null => {
    if (row.error !== null) return null;
    const v = row.metrics[rankBy];
    return v === null ? null : Number(v);
  };
  const order = (row: UnrankedRow) => (row.error !== null ? 2 : value(row) === null ? 1 : 0);
  const sorted = rows
    .map((row, i) => ({ row, i, v: value(row), o: order(row) }))
    .sort(
      (a, b) => a.o - b.o || (a.v !== null && b.v !== null ? (down ? b.v - a.v : a.v - b.v) : 0) || a.i - b.i,
    );
  return sorted.map(({ row }, k) => ({ rank: k + 1, ...row }));
}
