import type { RankMetric } from '@ballast/contracts';
import { paramLabel } from '../../../lib/strategy-params';
import { cellColour, type HeatCell, type HeatmapData } from './heatmap-cells';
import { formatMetric, METRIC_LABEL } from './metric-format';

/** What a cell says to a screen reader and on hover: the two values, the figure, and the row it comes from. */
export function cellLabel(cell: HeatCell, x: string, y: string, metric: RankMetric): string {
  const where = `${paramLabel(x)} ${cell.x}, ${paramLabel(y)} ${cell.y}`;
  if (!cell.row) return `${where}: not run`;
  const others = Object.entries(cell.row.params)
    .filter(([p]) => p !== x && p !== y)
    .map(([p, v]) => `${paramLabel(p)} ${v}`);
  const from = `rank ${cell.row.rank}${others.length ? `, with ${others.join(', ')}` : ''}`;
  return `${where}: ${METRIC_LABEL[metric]} ${formatMetric(cell.row.metrics, metric)} (${from})`;
}

/** The heatmap itself: a table (rows: `y` values, columns: `x` values), each cell coloured and labelled. */
export function HeatmapTable({
  map,
  x,
  y,
  metric,
  higher,
}: {
  map: HeatmapData;
  x: string;
  y: string;
  metric: RankMetric;
  higher: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="heatmap" aria-label="Heatmap">
        <caption>
          Best {METRIC_LABEL[metric].toLowerCase()} ({higher ? 'higher' : 'lower'} is better, greener) for
          each {paramLabel(y)} (rows) and {paramLabel(x)} (columns), over the other parameters
        </caption>
        <thead>
          <tr>
            <th scope="col" className="heat-head">
              {paramLabel(y)} \ {paramLabel(x)}
            </th>
            {map.xs.map((value) => (
              <th key={value} scope="col" className="heat-head">
                {value}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.cells.map((line, i) => (
            <tr key={map.ys[i]}>
              <th scope="row" className="heat-head">
                {map.ys[i]}
              </th>
              {line.map((cell) => {
                const label = cellLabel(cell, x, y, metric);
                const style = { background: cellColour(cell.value, map, higher), color: '#1f2933' };
                return (
                  <td
                    key={cell.x}
                    className="heat-cell"
                    title={label}
                    aria-label={label}
                    style={cell.row ? style : undefined}
                  >
                    {cell.row ? formatMetric(cell.row.metrics, metric) : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
