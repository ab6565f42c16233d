import type { CycleSummary } from '@ballast/contracts';
import { SourceBadge } from '../../../components/source-badge';
import { Empty } from '../../../components/states';
import { Time } from '../../../components/time';
import { formatCount, formatDuration, shortId } from '../../../lib/format';
import { Link } from '../../../lib/router';

/** Cycles newest first, each marked Auto (worker) or Manual (console) from its source. */
export function CyclesTable({ cycles, now }: { cycles: readonly CycleSummary[]; now: number }) {
  if (cycles.length === 0)
    return (
      <Empty>
        No cycles yet. The worker runs the first one within one interval of starting; <strong>Run now</strong>{' '}
        runs one at once.
      </Empty>
    );
  return (
    <div className="table-wrap">
      <table className="table cycles">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col" className="num narrow-hide">
              Evaluated
            </th>
            <th scope="col" className="num">
              Orders
            </th>
            <th scope="col" className="num">
              Filled
            </th>
            <th scope="col" className="num narrow-hide">
              Blocked
            </th>
            <th scope="col" className="num narrow-hide">
              Errors
            </th>
            <th scope="col" className="num narrow-hide">
              Took
            </th>
            <th scope="col">Cycle</th>
          </tr>
        </thead>
        <tbody>
          {cycles.map((c) => (
            <tr key={c.id} data-cycle-id={c.id} data-source={c.source}>
              <td>
                <Time iso={c.started_at} compact relative now={now} />
              </td>
              <td>
                <SourceBadge source={c.source} actor={c.actor} />
              </td>
              <td>
                <span className={`status status-${c.status}`}>{c.status}</span>
                {c.error && <span className="warn"> {c.error}</span>}
              </td>
              <td className="num narrow-hide">{formatCount(c.counts.evaluated)}</td>
              <td className="num">{formatCount(c.counts.orders)}</td>
              <td className="num">{formatCount(c.counts.fills)}</td>
              <td className="num narrow-hide">{formatCount(c.counts.skips)}</td>
              <td className={`num narrow-hide${c.counts.errors > 0 ? ' warn' : ''}`}>
                {formatCount(c.counts.errors)}
              </td>
              <td className="num narrow-hide">{formatDuration(c.duration_ms)}</td>
              <td>
                <Link to={`/cycles/${c.id}`} aria-label={`Open cycle ${c.id}`}>
                  {shortId(c.id)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
