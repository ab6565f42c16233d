import { formatCount } from '../../../lib/format';

/**
 * How far a job is, as a progress bar screen readers announce: a fraction, or `done` of `total`
 * (an optimization's combinations).
 */
export function JobProgress({
  label,
  progress,
  done,
  total,
}: {
  label: string;
  progress: number;
  done?: number;
  total?: number;
}) {
  const counted = done !== undefined && total !== undefined && total > 0;
  const max = counted ? total : 100;
  const now = counted ? done : Math.round(progress * 100);
  const text = counted
    ? `${formatCount(done)} of ${formatCount(total)} combinations`
    : `${Math.floor(progress * 100)} %`;
  const width = `${Math.min(100, Math.max(0, counted ? (done / total) * 100 : progress * 100))}%`;
  return (
    <div className="job-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={now}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width }} />
      </div>
      <span className="muted">{text}</span>
    </div>
  );
}
