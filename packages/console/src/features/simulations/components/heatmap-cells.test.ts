import { describe, expect, it } from 'vitest';
import { makeOptimizationRow } from '../../../../test/factories';
import { cellColour, heatmapOf } from './heatmap-cells';

const row = (
  rank: number,
  up: number,
  down: number,
  ratio: number,
  sharpe: number,
  error: string | null = null,
) =>
  makeOptimizationRow(
    { 'trigger.up_pct': up, 'trigger.down_pct': down, 'sizing.rebalance_ratio': ratio },
    { sharpe, max_drawdown_pct: 10 + sharpe },
    { rank, error },
  );

describe('the heatmap over two parameters', () => {
  const rows = [
    row(1, 2, 2, 1, 0.9),
    row(4, 2, 2, 2, 0.4),
    row(2, 3, 2, 1, 0.7),
    row(3, 3, 2, 2, 0.8),
    row(5, 2, 3, 1, 0.2),
    row(6, 3, 3, 1, 5, 'min_stock_pct must be below max_stock_pct'),
  ];

  it('keeps, for each pair of values, the best row over the other parameters', () => {
    const map = heatmapOf(rows, 'trigger.up_pct', 'trigger.down_pct', 'sharpe', true);
    expect(map.xs).toEqual([2, 3]);
    expect(map.ys).toEqual([2, 3]);
    expect(map.cells.map((line) => line.map((c) => c.row?.rank ?? null))).toEqual([
      [1, 3],
      // A combination that was not run never wins a cell, however good its (empty) figures.
      [5, null],
    ]);
    expect(map.min).toBe(0.2);
    expect(map.max).toBe(0.9);
  });

  it('takes the lowest when lower is better', () => {
    const map = heatmapOf(rows, 'trigger.up_pct', 'trigger.down_pct', 'max_drawdown_pct', false);
    expect(map.cells[0]!.map((c) => c.row?.rank)).toEqual([4, 2]);
  });

  it('colours the best green and the worst red, whichever way is better', () => {
    const range = { min: 0, max: 1 };
    expect(cellColour(1, range, true)).toBe('hsl(120 70% 72%)');
    expect(cellColour(0, range, true)).toBe('hsl(0 70% 72%)');
    expect(cellColour(0, range, false)).toBe('hsl(120 70% 72%)');
    expect(cellColour(null, range, true)).toBe('transparent');
  });
});
