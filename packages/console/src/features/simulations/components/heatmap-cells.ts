import type { OptimizationRow, RankMetric } from '@ballast/contracts';
import { metricValue } from './metric-format';

export interface HeatCell {
  readonly x: number;
  readonly y: number;
  /** The best run combination with these two values, over every value of the other parameters. */
  readonly row: OptimizationRow | null;
  readonly value: number | null;
}

export interface HeatmapData {
  readonly xs: number[];
  readonly ys: number[];
  /** By row (y), then column (x). */
  readonly cells: HeatCell[][];
  readonly min: number | null;
  readonly max: number | null;
}

const distinct = (values: (number | undefined)[]) =>
  [...new Set(values.filter((v): v is number => v !== undefined))].sort((a, b) => a - b);

function isBetter(value: number | null, than: number | null, higher: boolean): boolean {
  if (value === null) return false;
  if (than === null) return true;
  return higher ? value > than : value < than;
}

/** Each pair of values of two parameters with the best row for it by `metric` (combinations not run are left out). */
export function heatmapOf(
  rows: readonly OptimizationRow[],
  xParam: string,
  yParam: string,
  metric: RankMetric,
  higher: boolean,
): HeatmapData {
  const xs = distinct(rows.map((r) => r.params[xParam]));
  const ys = distinct(rows.map((r) => r.params[yParam]));
  const best = new Map<string, { row: OptimizationRow; value: number | null }>();
  for (const row of rows) {
    const [x, y] = [row.params[xParam], row.params[yParam]];
    if (row.error !== null || x === undefined || y === undefined) continue;
    const value = metricValue(row.metrics, metric);
    const held = best.get(`${x}|${y}`);
    if (!held || isBetter(value, held.value, higher) || (value === held.value && row.rank < held.row.rank))
      best.set(`${x}|${y}`, { row, value });
  }
  const cells = ys.map((y) =>
    xs.map((x) => {
      const held = best.get(`${x}|${y}`);
      return { x, y, row: held?.row ?? null, value: held?.value ?? null };
    }),
  );
  const values = [...best.values()].map((b) => b.value).filter((v): v is number => v !== null);
  return {
    xs,
    ys,
    cells,
    min: values.length ? Math.min(...values) : null,
    max: values.length ? Math.max(...values) : null,
  };
}

/** A cell's colour, from red (worst) through yellow to green (best), light enough for dark text. */
export function cellColour(
  value: number | null,
  map: Pick<HeatmapData, 'min' | 'max'>,
  higher: boolean,
): string {
  if (value === null || map.min === null || map.max === null) return 'transparent';
  const t = map.max === map.min ? 0.5 : (value - map.min) / (map.max - map.min);
  const goodness = higher ? t : 1 - t;
  return `hsl(${Math.round(goodness * 120)} 70% 72%)`;
}
