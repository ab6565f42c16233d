import type { Optimization } from '@ballast/contracts';
import { formatCount } from '../../../lib/format';
import { Heatmap } from './heatmap';
import { RankedTable } from './ranked-table';

/** An optimization's combinations: the ranked table and the heatmap over two of its parameters. */
export function OptimizationResultView({ optimization }: { optimization: Optimization }) {
  const failed = optimization.rows.filter((r) => r.error !== null).length;
  return (
    <>
      <section className="card" aria-labelledby="opt-ranked-title">
        <h2 id="opt-ranked-title">Ranked combinations</h2>
        <p className="muted">
          {formatCount(optimization.rows.length)} combinations
          {failed > 0 ? `, ${formatCount(failed)} not run (not a valid parameter set)` : ''}. Sort by any
          column.
        </p>
        <RankedTable optimization={optimization} />
      </section>
      <section className="card" aria-labelledby="opt-heatmap-title">
        <h2 id="opt-heatmap-title">Heatmap</h2>
        <Heatmap rows={optimization.rows} rankBy={optimization.rank_by} />
      </section>
    </>
  );
}
