import { RunCycleResult, type WorkerSettingsBody, WorkerStatus } from '@ballast/contracts';
import { queryOptions } from '@tanstack/react-query';
import { get, type Loose, send, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';

/** Polled: the heartbeat moves every few seconds even when nothing trades. */
export const workerStatusQuery = queryOptions({
  queryKey: [ROOT.worker, 'status'],
  queryFn: ({ signal }) => get(WorkerStatus, '/v1/trading/worker/status', signal),
  refetchInterval: 5_000,
});

/** The body as the form gives it: a value the engine refuses comes back as its field error. */
export function updateWorker(body: Loose<WorkerSettingsBody>) {
  return send(WorkerStatus, 'PUT', '/v1/trading/worker', body);
}

/** A manual cycle over every tradable position, or one position whatever its auto-trading switch. */
export function runCycle(positionId?: string) {
  return send(RunCycleResult, 'POST', withQuery('/v1/trading/cycle', { position_id: positionId }));
}

/** True when the worker has not reported for longer than the engine calls alive. */
export function isHeartbeatStale(status: WorkerStatus, now: number): boolean {
  if (!status.heartbeat_at) return true;
  return now - Date.parse(status.heartbeat_at) > status.heartbeat_stale_after_seconds * 1000;
}
