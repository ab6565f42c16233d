import { GridParam, type OptimizationRow, type RankMetric } from '@ballast/contracts';
import { higherIsBetter, metricValue } from './metric-format';

export type SortKey = 'rank' | RankMetric;
export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

export const BY_RANK: Sort = { key: 'rank', descending: false };

/** The first click on a metric sorts best first; the next one turns it around. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key === 'rank' ? false : higherIsBetter(key) };
}

/** Rows sorted by a metric (or the engine's rank); combinations that were not run, and missing values, last. */
export function sortRows(rows: readonly OptimizationRow[], sort: Sort): OptimizationRow[] {
  const value = (r: OptimizationRow) => (sort.key === 'rank' ? r.rank : metricValue(r.metrics, sort.key));
  return [...rows].sort((a, b) => {
    if ((a.error === null) !== (b.error === null)) return a.error === null ? -1 : 1;
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    return (sort.descending ? y - x : x - y) || a.rank - b.rank;
  });
}

/** The parameters a grid varied (more than one value among the rows), in the contract's order. */
export function variedParams(rows: readonly OptimizationRow[]): GridParam[] {
  return GridParam.options.filter(
    (p) => new Set(rows.map((r) => r.params[p]).filter((v) => v !== undefined)).size > 1,
  );
}

/** Every parameter that appears in the rows, in the contract's order (then any the console does not know). */
export function rowParams(rows: readonly OptimizationRow[]): string[] {
  const seen = new Set(rows.flatMap((r) => Object.keys(r.params)));
  const known = GridParam.options.filter((p) => seen.has(p));
  return [...known, ...[...seen].filter((p) => !(known as string[]).includes(p)).sort()];
}
