import type { JobStatus } from '@ballast/contracts';
import { Time } from '../../../components/time';

/** Why there is no result (yet): waiting, failed with the engine's message, or cancelled. */
export function JobOutcome({
  noun,
  status,
  error,
  finishedAt,
  hasResult,
}: {
  noun: string;
  status: JobStatus;
  error: string | null;
  finishedAt: string | null;
  hasResult: boolean;
}) {
  if (status === 'queued')
    return <p className="muted">Queued: the engine starts the {noun} as soon as a worker thread is free.</p>;
  if (status === 'failed')
    return (
      <div className="state error" role="alert">
        <p className="state-message">
          <strong>The {noun} failed.</strong> {error ?? 'The engine gave no reason.'}
        </p>
        <p>Nothing was traded. Check the inputs (the bars above all) and start it again.</p>
      </div>
    );
  if (status === 'cancelled')
    return (
      <div className="state" role="status">
        <strong>Cancelled</strong> <Time iso={finishedAt} />.{' '}
        {hasResult ? 'What it had computed is shown below.' : 'It stopped before it had a result.'}
        {error && <span className="muted"> {error}</span>}
      </div>
    );
  if (status === 'completed' && !hasResult) return <p className="muted">The engine kept no result for it.</p>;
  return null;
}
