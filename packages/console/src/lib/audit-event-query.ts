import { AuditEvent } from '@ballast/contracts';
import { queryOptions } from '@tanstack/react-query';
import { get } from './api-client';
import { ROOT } from './query-keys';

const ONE = 'one';

/** One audit event by seq: events never change, so it is fetched once. */
export function auditEventQuery(seq: number) {
  return queryOptions({
    queryKey: [ROOT.events, ONE, seq],
    queryFn: ({ signal }) => get(AuditEvent, `/v1/events/${seq}`, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Whether a query holds one audit event: nothing a change does can change it, so it is never refreshed. */
export function isOneAuditEvent(queryKey: readonly unknown[]): boolean {
  return queryKey[0] === ROOT.events && queryKey[1] === ONE;
}
