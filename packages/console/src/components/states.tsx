import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeError } from '../lib/api-client';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function ErrorState({ what, error, retry }: { what: string; error: unknown; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <p className="state-message">
        <strong>Could not load {what}.</strong> {describeError(error)}
      </p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/**
 * Loading, failed or ready: the one way every query is shown, so no page is ever blank. When a
 * refresh fails after an earlier answer, that answer stays on screen, marked as possibly out of date.
 */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.data === undefined)
    return <ErrorState what={what} error={query.error} retry={() => void query.refetch()} />;
  return (
    <>
      {query.isError && <StaleNotice what={what} error={query.error} at={query.dataUpdatedAt} />}
      {children(query.data)}
    </>
  );
}

function StaleNotice({ what, error, at }: { what: string; error: unknown; at: number }) {
  const since = new Date(at).toLocaleTimeString();
  return (
    <p className="stale" role="status">
      Could not refresh {what} ({describeError(error)}); showing the engine's answer from {since}.
    </p>
  );
}
