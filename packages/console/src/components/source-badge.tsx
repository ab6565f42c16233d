import type { EventSource } from '@ballast/contracts';
import { sourceLabel } from '../lib/event-text';

/** "Auto (worker)" or "Manual (console)": who started a cycle, an order or an event. */
export function SourceBadge({ source, actor }: { source: EventSource | string; actor?: string }) {
  const known = ['worker', 'continuous_trading', 'api/manual', 'simulation', 'system'].includes(source);
  const label = known ? sourceLabel(source as EventSource) : source;
  const kind =
    source === 'worker' || source === 'continuous_trading'
      ? 'auto'
      : source === 'api/manual'
        ? 'manual'
        : 'other';
  return (
    <span
      className={`badge source-${kind}`}
      title={actor ? `source ${source}, actor ${actor}` : `source ${source}`}
    >
      {label}
    </span>
  );
}
