import { EVENT_TYPES, EventSource, OrderStatus } from '@ballast/contracts';

/** A filter kept in the address bar: shareable, bookmarkable, and restored by Back. */
export function readFilter<K extends string>(
  query: URLSearchParams,
  keys: readonly K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = query.get(key);
    if (value) out[key] = value;
  }
  return out;
}

/** Values from the address bar that the engine would refuse are dropped rather than sent. */
export const isEventSource = (v: string | undefined): v is EventSource =>
  v !== undefined && (EventSource.options as readonly string[]).includes(v);
export const isEventType = (v: string | undefined): v is (typeof EVENT_TYPES)[number] =>
  v !== undefined && (EVENT_TYPES as readonly string[]).includes(v);
export const isOrderStatus = (v: string | undefined): v is OrderStatus =>
  v !== undefined && (OrderStatus.options as readonly string[]).includes(v);
