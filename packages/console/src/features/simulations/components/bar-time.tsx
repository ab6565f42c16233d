import { formatDateTime, formatUtcTime } from '../../../lib/format';

/** A bar's instant with its year (simulated bars are history), UTC on hover. */
export function BarTime({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatUtcTime(iso)}>
      {formatDateTime(iso)}
    </time>
  );
}
