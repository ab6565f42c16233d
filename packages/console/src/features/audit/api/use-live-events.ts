import { AuditEvent } from '@ballast/contracts';
import { useEffect, useState } from 'react';
import { type EventFilter, streamUrl } from './audit-api';

/** Enough to watch a busy engine live without the page growing without bound. */
const KEEP = 1_000;

/**
 * Events arriving after `afterSeq` that match the filter, newest first, pushed by the engine over
 * Server-Sent Events. Paused or with a time range that has ended, nothing is streamed.
 */
export function useLiveEvents(filter: EventFilter, afterSeq: number | null, enabled: boolean) {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [received, setReceived] = useState(0);
  const key = JSON.stringify(filter);

  // A new filter or starting point starts a new live list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter's content
  useEffect(() => {
    setEvents([]);
    setReceived(0);
  }, [key, afterSeq]);

  useEffect(() => {
    if (!enabled || afterSeq === null || typeof EventSource === 'undefined') return;
    const source = new EventSource(streamUrl(JSON.parse(key) as EventFilter, afterSeq));
    source.addEventListener('audit', (message) => {
      const parsed = AuditEvent.safeParse(JSON.parse((message as MessageEvent<string>).data));
      if (!parsed.success) return;
      setReceived((n) => n + 1);
      setEvents((list) =>
        list.length > 0 && list[0]!.seq >= parsed.data.seq ? list : [parsed.data, ...list].slice(0, KEEP),
      );
    });
    return () => source.close();
  }, [key, afterSeq, enabled]);

  /** Events that arrived but are no longer kept on the page. */
  const dropped = Math.max(0, received - events.length);
  return { events, dropped };
}
