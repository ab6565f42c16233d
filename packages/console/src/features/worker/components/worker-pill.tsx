import { useQuery } from '@tanstack/react-query';
import { useNow } from '../../../lib/use-now';
import { isHeartbeatStale, workerStatusQuery } from '../api/worker-api';

/** The worker at a glance, on every page: trading, disabled, not running, or the engine unreachable. */
export function WorkerPill() {
  const query = useQuery(workerStatusQuery);
  const now = useNow(2_000);
  if (query.isError) return <span className="pill pill-stale">engine unreachable</span>;
  if (!query.data) return <span className="pill pill-unknown">worker: …</span>;
  const s = query.data;
  const state = !s.enabled
    ? { kind: 'off', text: 'worker disabled' }
    : !s.running || isHeartbeatStale(s, now)
      ? { kind: 'stale', text: 'worker not running' }
      : { kind: 'on', text: `trading every ${s.interval_seconds} s` };
  return <span className={`pill pill-${state.kind}`}>{state.text}</span>;
}
