import type { SimulationSummary } from '@ballast/contracts';
import { Time } from '../../../components/time';
import { formatCount } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { BarTime } from './bar-time';

type Job = Pick<
  SimulationSummary,
  'status' | 'requested_by' | 'created_at' | 'started_at' | 'finished_at' | 'bars'
> & { from_position?: string | null };

/** Who asked for a job, over which bars, and when it ran. */
export function JobFacts({ job }: { job: Job }) {
  return (
    <dl className="facts">
      <dt>Bars</dt>
      <dd>
        {job.bars ? (
          <>
            {job.bars.source}: {formatCount(job.bars.count)} bars, <BarTime iso={job.bars.first_at} /> to{' '}
            <BarTime iso={job.bars.last_at} />
          </>
        ) : (
          <span className="muted">not read yet</span>
        )}
      </dd>
      {job.from_position && (
        <>
          <dt>From position</dt>
          <dd>
            <Link to={`/positions/${encodeURIComponent(job.from_position)}`}>open the position</Link>
          </dd>
        </>
      )}
      <dt>Requested by</dt>
      <dd>{job.requested_by}</dd>
      <dt>Requested</dt>
      <dd>
        <Time iso={job.created_at} />
      </dd>
      <dt>Ran</dt>
      <dd>
        <Time iso={job.started_at} /> – <Time iso={job.finished_at} />
      </dd>
    </dl>
  );
}
