import { formatPct } from '../../../lib/format';

/** The stock share of a position against its band: a bar from 0 to 100 % with the band shaded. */
export function BandBar({ allocation, min, max }: { allocation: number | null; min: number; max: number }) {
  const outside = allocation !== null && (allocation < min || allocation > max);
  const label =
    allocation === null
      ? `no price yet; band ${min}–${max} %`
      : `${formatPct(allocation)} in stock, band ${min}–${max} %${outside ? ' — outside the band' : ''}`;
  return (
    <div className={`band${outside ? ' outside' : ''}`} role="img" aria-label={label} title={label}>
      <div className="band-range" style={{ left: `${min}%`, width: `${Math.max(0, max - min)}%` }} />
      {allocation !== null && (
        <div className="band-marker" style={{ left: `${Math.min(100, Math.max(0, allocation))}%` }} />
      )}
    </div>
  );
}
