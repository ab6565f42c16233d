import type { SimulationSummary } from '@ballast/contracts';
import { Time } from '../../../components/time';
import { formatCount, formatPct, formatRatio } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { JobStatusBadge } from './job-status-badge';

function BarsCell({ bars }: { bars: SimulationSummary['bars'] }) {
  if (!bars) return <span className="muted">—</span>;
  return (
    <>
      {bars.source} <span className="muted">({formatCount(bars.count)} bars)</span>
    </>
  );
}

/** Simulations newest first, with their headline figures against buy-and-hold. */
export function SimulationsTable({
  simulations,
  now,
}: {
  simulations: readonly SimulationSummary[];
  now: number;
}) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Simulations">
        <thead>
          <tr>
            <th scope="col">Simulation</th>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Bars</th>
            <th scope="col" className="num">
              Return
            </th>
            <th scope="col" className="num">
              Buy and hold
            </th>
            <th scope="col" className="num narrow-hide">
              Sharpe
            </th>
            <th scope="col" className="num narrow-hide">
              Max drawdown
            </th>
            <th scope="col" className="num narrow-hide">
              Trades
            </th>
            <th scope="col" className="narrow-hide">
              By
            </th>
          </tr>
        </thead>
        <tbody>
          {simulations.map((s) => (
            <tr key={s.id} data-simulation-id={s.id}>
              <td>
                <Link to={`/simulations/${encodeURIComponent(s.id)}`}>
                  {s.name ?? `Simulation …${s.id.slice(-8)}`}
                </Link>
              </td>
              <td>
                <Time iso={s.created_at} compact now={now} />
              </td>
              <td>
                <JobStatusBadge status={s.status} progress={s.progress} />
              </td>
              <td>
                <BarsCell bars={s.bars} />
              </td>
              <td className="num">{formatPct(s.metrics?.return_pct, { signed: true })}</td>
              <td className="num">{formatPct(s.buy_and_hold?.return_pct, { signed: true })}</td>
              <td className="num narrow-hide">{formatRatio(s.metrics?.sharpe)}</td>
              <td className="num narrow-hide">{formatPct(s.metrics?.max_drawdown_pct)}</td>
              <td className="num narrow-hide">{s.metrics ? formatCount(s.metrics.trades) : '—'}</td>
              <td className="narrow-hide">{s.requested_by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
