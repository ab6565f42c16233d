import type { Simulation } from '@ballast/contracts';
import { IfCan } from '../../../lib/session';
import { isActive } from '../api/job-status';
import { cancelSimulation } from '../api/simulations-api';
import { CancelJobButton } from './cancel-job-button';
import { JobFacts } from './job-facts';
import { JobOutcome } from './job-outcome';
import { JobProgress } from './job-progress';
import { JobStatusBadge } from './job-status-badge';
import { ParamsAsRun } from './params-as-run';

/** A simulation's status: progress and Cancel while it runs, why it has no result when it has none. */
export function SimulationOverview({ simulation: s }: { simulation: Simulation }) {
  const active = isActive(s.status);
  return (
    <section className="card" aria-label="Status">
      <div className="card-head">
        <h2>
          Status <JobStatusBadge status={s.status} progress={s.progress} />
        </h2>
        {active && (
          <IfCan need="operator">
            <CancelJobButton noun="simulation" cancel={() => cancelSimulation(s.id)} />
          </IfCan>
        )}
      </div>
      {active && <JobProgress label="Simulation progress" progress={s.progress} />}
      <JobOutcome
        noun="simulation"
        status={s.status}
        error={s.error}
        finishedAt={s.finished_at}
        hasResult={s.result !== null}
      />
      <JobFacts job={s} />
      <ParamsAsRun request={s.request} />
    </section>
  );
}
