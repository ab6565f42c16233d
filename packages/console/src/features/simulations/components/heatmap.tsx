import { type OptimizationRow, RankMetric } from '@ballast/contracts';
import { useMemo, useState } from 'react';
import { SelectField } from '../../../components/field';
import { paramLabel } from '../../../lib/strategy-params';
import { heatmapOf } from './heatmap-cells';
import { HeatmapTable } from './heatmap-table';
import { higherIsBetter, METRIC_LABEL } from './metric-format';
import { variedParams } from './ranking';

const METRIC_CHOICES = RankMetric.options.map((m) => ({ value: m, label: METRIC_LABEL[m] }));

/**
 * Two parameters of the grid against each other, each cell coloured by the best row for that pair of
 * values (over the other parameters); the person picks the two parameters and the metric.
 */
export function Heatmap({ rows, rankBy }: { rows: readonly OptimizationRow[]; rankBy: RankMetric }) {
  const params: readonly string[] = useMemo(() => variedParams(rows), [rows]);
  const [picked, setPicked] = useState({ x: '', y: '', metric: rankBy });
  // Until the person picks (and if the rows change under a pick): the first two varied parameters.
  const x = params.includes(picked.x) ? picked.x : (params[0] ?? '');
  const y = params.includes(picked.y) ? picked.y : (params.find((p) => p !== x) ?? '');
  const { metric } = picked;
  const higher = higherIsBetter(metric);
  const map = useMemo(() => heatmapOf(rows, x, y, metric, higher), [rows, x, y, metric, higher]);
  if (params.length < 2)
    return (
      <p className="muted">
        The heatmap needs a grid over two parameters (or more), each with several values.
      </p>
    );
  const options = params.map((p) => ({ value: p, label: paramLabel(p) }));
  return (
    <>
      <div className="form-grid heatmap-controls">
        <SelectField
          label="Columns"
          value={x}
          onChange={(v) => setPicked({ x: v, y, metric })}
          options={options}
        />
        <SelectField
          label="Rows"
          value={y}
          onChange={(v) => setPicked({ x, y: v, metric })}
          options={options}
        />
        <SelectField
          label="Colour by"
          value={metric}
          onChange={(v) => setPicked({ x, y, metric: v as RankMetric })}
          options={METRIC_CHOICES}
        />
      </div>
      {x === y ? (
        <p className="warn">Pick two different parameters.</p>
      ) : (
        <HeatmapTable map={map} x={x} y={y} metric={metric} higher={higher} />
      )}
    </>
  );
}
