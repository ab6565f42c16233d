import { formatLocalTime, formatRelative, formatShortTime, formatUtcTime } from '../lib/format';

/**
 * An instant in the viewer's time zone, with UTC on hover. `compact` (for tables) shows the time of
 * day for today and a short date otherwise; `relative` adds "12 s ago".
 */
export function Time({
  iso,
  relative,
  compact,
  now,
}: {
  iso: string | null | undefined;
  relative?: boolean;
  compact?: boolean;
  now?: number;
}) {
  if (!iso) return <span className="muted">—</span>;
  const full = formatLocalTime(iso);
  return (
    <time dateTime={iso} title={compact ? `${full} · ${formatUtcTime(iso)}` : formatUtcTime(iso)}>
      {compact ? formatShortTime(iso, now ?? Date.now()) : full}
      {relative && now !== undefined && <span className="muted"> ({formatRelative(iso, now)})</span>}
    </time>
  );
}
