import type { JobStatus } from '@ballast/contracts';

/** How often a running job is read again for its progress. */
export const PROGRESS_POLL_MS = 500;

/** A job the engine has not finished: its progress still moves and it can be cancelled. */
export function isActive(status: JobStatus | undefined): boolean {
  return status === 'queued' || status === 'running';
}

/** For `refetchInterval`: poll while the job runs, stop once it is done. */
export function pollWhileActive(query: { state: { data?: { status: JobStatus } | undefined } }) {
  return isActive(query.state.data?.status) ? PROGRESS_POLL_MS : false;
}

/** For a list: poll while any job in it runs, otherwise refresh now and then. */
export function pollListWhileActive(query: {
  state: { data?: { pages: readonly { items: readonly { status: JobStatus }[] }[] } | undefined };
}) {
  const pages = query.state.data?.pages ?? [];
  return pages.some((p) => p.items.some((i) => isActive(i.status))) ? 1_000 : 15_000;
}
