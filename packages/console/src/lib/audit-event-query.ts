import { AuditEvent } from '@ballast/contracts';
import { queryOptions } from '@tanstack/react-query';
import { get } from './api-client';
import { ROOT } from './query-keys';

/** One audit event by seq: events never change, so it is fetched once. */
export function auditEventQuery(seq: number) {
  return queryOptions({
    queryKey: [ROOT.events, 'one', seq],
    queryFn: ({ signal }) => get(AuditEvent, `/v1/events/${seq}`, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
