import type { OptimizationSummary } from '@ballast/contracts';
import { Time } from '../../../components/time';
import { formatCount } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { JobStatusBadge } from './job-status-badge';
import { formatMetric, METRIC_LABEL } from './metric-format';

/** Optimizations newest first, with their best combination by the metric they were ranked by. */
export function OptimizationsTable({
  optimizations,
  now,
}: {
  optimizations: readonly OptimizationSummary[];
  now: number;
}) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Optimizations">
        <thead>
          <tr>
            <th scope="col">Optimization</th>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col" className="narrow-hide">
              Bars
            </th>
            <th scope="col" className="num">
              Combinations
            </th>
            <th scope="col">Ranked by</th>
            <th scope="col" className="num">
              Best
            </th>
            <th scope="col" className="narrow-hide">
              By
            </th>
          </tr>
        </thead>
        <tbody>
          {optimizations.map((o) => (
            <tr key={o.id} data-optimization-id={o.id}>
              <td>
                <Link to={`/optimizations/${encodeURIComponent(o.id)}`}>
                  {o.name ?? `Optimization …${o.id.slice(-8)}`}
                </Link>
              </td>
              <td>
                <Time iso={o.created_at} compact now={now} />
              </td>
              <td>
                <JobStatusBadge status={o.status} progress={o.progress} />
              </td>
              <td className="narrow-hide">
                {o.bars ? `${o.bars.source} (${formatCount(o.bars.count)} bars)` : '—'}
              </td>
              <td className="num">
                {formatCount(o.done)} / {formatCount(o.combinations)}
              </td>
              <td>{METRIC_LABEL[o.rank_by]}</td>
              <td className="num">{o.best ? formatMetric(o.best.metrics, o.rank_by) : '—'}</td>
              <td className="narrow-hide">{o.requested_by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
