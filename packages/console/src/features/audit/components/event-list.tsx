import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Empty, PagedQueryView } from '../../../components/states';
import { formatCount } from '../../../lib/format';
import { type EventFilter, eventsQuery } from '../api/audit-api';
import { useLiveEvents } from '../api/use-live-events';
import { EventsTable } from './events-table';

/**
 * Matching events newest first: pages read by cursor (as quick deep in a long trail as at its top),
 * with new events pushed live above them while the view is not paused and the range is open-ended.
 */
export function EventList({
  filter,
  pageSize,
  liveByDefault = true,
}: {
  filter: EventFilter;
  pageSize?: number;
  liveByDefault?: boolean;
}) {
  const pages = useInfiniteQuery(eventsQuery(filter, pageSize));
  const [paused, setPaused] = useState(!liveByDefault);
  const newest = pages.data ? (pages.data.pages[0]?.items[0]?.seq ?? 0) : null;
  const canStream = !filter.until;
  const live = useLiveEvents(filter, newest, canStream && !paused);
  // Those pushed live that the pages read do not hold yet (a refetch brings them into the pages).
  const arrived = useMemo(
    () => live.events.filter((e) => newest === null || e.seq > newest),
    [live.events, newest],
  );
  const fresh = useMemo(() => new Set(live.events.map((e) => e.seq)), [live.events]);

  return (
    <div className="event-list">
      <PagedQueryView query={pages} what="audit events" more="Load older events">
        {(loaded) => (
          <>
            <div className="list-head">
              {canStream ? (
                <>
                  <span className={paused ? 'muted' : 'live-text'} aria-live="polite">
                    {paused ? 'Live updates paused' : 'Live: new events appear at the top'}
                    {live.events.length > 0 && ` (${formatCount(live.events.length)} new)`}
                  </span>
                  <button
                    type="button"
                    className="button small"
                    onClick={() => setPaused(!paused)}
                    aria-pressed={paused}
                  >
                    {paused ? 'Resume live' : 'Pause live'}
                  </button>
                </>
              ) : (
                <span className="muted">A closed time range: nothing new can match.</span>
              )}
              {live.dropped > 0 && (
                <span className="muted">
                  {formatCount(live.dropped)} more arrived than the page keeps;{' '}
                  <button type="button" className="link-button" onClick={() => void pages.refetch()}>
                    reload
                  </button>{' '}
                  to page through them.
                </span>
              )}
            </div>
            {arrived.length + loaded.length === 0 ? (
              <Empty>No events match these filters.</Empty>
            ) : (
              <EventsTable events={[...arrived, ...loaded]} fresh={fresh} />
            )}
          </>
        )}
      </PagedQueryView>
    </div>
  );
}
