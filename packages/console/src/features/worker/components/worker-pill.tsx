import { useQuery } from '@tanstack/react-query';
import { useNow } from '../../../lib/use-now';
import { isHeartbeatStale, workerStatusQuery } from '../api/worker-api';

/** The worker at a glance, on every page: trading, disabled, stale or unknown. */
export function WorkerPill() {
  const query = useQuery(workerStatusQuery);
  const now = useNow(2_000);
  if (!query.data)
    return <span className="pill pill-unknown">worker: {query.isError ? 'unreachable' : '…'}</span>;
  const s = query.data;
  const state = !s.enabled
    ? { kind: 'off', text: 'worker disabled' }
    : !s.running || isHeartbeatStale(s, now)
      ? { kind: 'stale', text: 'worker not running' }
      : { kind: 'on', text: `trading every ${s.interval_seconds} s` };
  return <span className={`pill pill-${state.kind}`}>{state.text}</span>;
}
