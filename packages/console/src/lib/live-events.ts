import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { TRADING_STATE } from './query-keys';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** Refreshes at most this often however fast cycles complete (a 1-second worker, a busy engine). */
const REFRESH_EVERY_MS = 750;

/**
 * Keeps every page current: one Server-Sent Events connection to the audit stream, filtered by the
 * engine to cycle completions, and a refresh of what a cycle changes each time one ends, whoever ran
 * it (the worker in another process included). The browser reconnects by itself after an outage.
 */
export function useLiveRefresh(queryClient: QueryClient): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/v1/events/stream?type=CycleCompleted');
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      for (const key of TRADING_STATE) void queryClient.invalidateQueries({ queryKey: [key] });
    };
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState('reconnecting'));
    source.addEventListener('audit', () => {
      timer ??= setTimeout(refresh, REFRESH_EVERY_MS);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
  return state;
}
