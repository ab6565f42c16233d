import type { JobStatus } from '@ballast/contracts';

/** A job's status as a word, with its progress while it runs: `running 42 %`. */
export function JobStatusBadge({ status, progress }: { status: JobStatus; progress: number }) {
  return (
    <span className={`status status-${status}`}>
      {status}
      {status === 'running' ? ` ${Math.floor(progress * 100)} %` : ''}
    </span>
  );
}
