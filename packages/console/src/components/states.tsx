import { type ReactNode, useMemo } from 'react';
import { describeError } from '../lib/api-client';
import { LoadMore } from './load-more';

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

/** What a view needs of a query (plain or infinite) to show it loading, failed, stale or ready. */
interface ShownQuery<T> {
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
  readonly data: T | undefined;
  readonly dataUpdatedAt: number;
  readonly refetch: () => unknown;
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
  query: ShownQuery<T>;
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

/** A cursor-paged list as an infinite query holds it: the pages read so far, and whether there are more. */
interface PagedQuery<T> extends ShownQuery<{ readonly pages: readonly { readonly items: readonly T[] }[] }> {
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly fetchNextPage: () => unknown;
}

/**
 * A paged list shown as `QueryView` shows a query (the last answer stays on screen when a refresh
 * fails), with the items of every page read so far, then the button for the next page.
 */
export function PagedQueryView<T>({
  query,
  what,
  more,
  children,
}: {
  query: PagedQuery<T>;
  what: string;
  /** The label of the button that reads the next page. */
  more: string;
  children: (items: T[]) => ReactNode;
}) {
  // One array per answer, so a child that memoises on it (a chart, grouping) redraws only when it changes.
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items), [query.data]);
  return (
    <QueryView query={{ ...query, data: items }} what={what}>
      {(loaded) => (
        <>
          {children(loaded)}
          <LoadMore query={query} label={more} />
        </>
      )}
    </QueryView>
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
