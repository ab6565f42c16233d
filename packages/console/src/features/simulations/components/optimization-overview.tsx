import type { Optimization } from '@ballast/contracts';
import { IfCan } from '../../../lib/session';
import { isActive } from '../api/job-status';
import { cancelOptimization } from '../api/optimizations-api';
import { CancelJobButton } from './cancel-job-button';
import { JobFacts } from './job-facts';
import { JobOutcome } from './job-outcome';
import { JobProgress } from './job-progress';
import { JobStatusBadge } from './job-status-badge';
import { formatMetric, METRIC_LABEL } from './metric-format';
import { ParamsAsRun } from './params-as-run';

/** An optimization's status: combinations done and Cancel while it runs; why it has no rows when it has none. */
export function OptimizationOverview({ optimization: o }: { optimization: Optimization }) {
  const active = isActive(o.status);
  return (
    <section className="card" aria-label="Status">
      <div className="card-head">
        <h2>
          Status <JobStatusBadge status={o.status} progress={o.progress} />
        </h2>
        {active && (
          <IfCan need="operator">
            <CancelJobButton noun="optimization" cancel={() => cancelOptimization(o.id)} />
          </IfCan>
        )}
      </div>
      {active && (
        <JobProgress
          label="Optimization progress"
          progress={o.progress}
          done={o.done}
          total={o.combinations}
        />
      )}
      <JobOutcome
        noun="optimization"
        status={o.status}
        error={o.error}
        finishedAt={o.finished_at}
        hasResult={o.rows.length > 0}
      />
      <JobFacts job={o} />
      <p>
        Ranked by <strong>{METRIC_LABEL[o.rank_by]}</strong>
        {o.buy_and_hold && (
          <>
            ; buy and hold over the same bars: return {formatMetric(o.buy_and_hold, 'return_pct')}, Sharpe{' '}
            {formatMetric(o.buy_and_hold, 'sharpe')}, max drawdown{' '}
            {formatMetric(o.buy_and_hold, 'max_drawdown_pct')}
          </>
        )}
        .
      </p>
      <ParamsAsRun request={o.request} />
    </section>
  );
}
