import type { AuditEvent } from '@ballast/contracts';
import { Fragment, useState } from 'react';
import { SourceBadge } from '../../../components/source-badge';
import { Time } from '../../../components/time';
import { describeEvent } from '../../../lib/event-text';
import { shortId } from '../../../lib/format';
import { Link } from '../../../lib/router';

function Details({ event }: { event: AuditEvent }) {
  return (
    <dl className="facts small">
      <dt>Event id</dt>
      <dd className="mono">{event.id}</dd>
      <dt>Occurred</dt>
      <dd>
        <Time iso={event.occurred_at} />
      </dd>
      <dt>Recorded</dt>
      <dd>
        <Time iso={event.recorded_at} />
      </dd>
      <dt>Parent</dt>
      <dd className="mono">{event.parent_id ?? '—'}</dd>
      <dt>Hash</dt>
      <dd className="mono break">{event.hash}</dd>
      <dt>Previous hash</dt>
      <dd className="mono break">{event.prev_hash}</dd>
      <dt>Payload</dt>
      <dd>
        <pre className="payload">{JSON.stringify(event.payload, null, 2)}</pre>
      </dd>
    </dl>
  );
}

/** Audit events with what each says in words; a row opens to show the payload and its place in the chain. */
export function EventsTable({
  events,
  fresh,
}: {
  events: readonly AuditEvent[];
  fresh?: ReadonlySet<number>;
}) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="table-wrap">
      <table className="table events">
        <thead>
          <tr>
            <th scope="col" className="num">
              Seq
            </th>
            <th scope="col">Recorded</th>
            <th scope="col">Type</th>
            <th scope="col">Source</th>
            <th scope="col">Actor</th>
            <th scope="col">Symbol</th>
            <th scope="col">What happened</th>
            <th scope="col">Cycle</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <Fragment key={e.seq}>
              <tr
                data-seq={e.seq}
                data-event-type={e.type}
                className={fresh?.has(e.seq) ? 'fresh' : undefined}
              >
                <td className="num">
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === e.seq}
                    aria-label={`Details of event ${e.seq}`}
                    onClick={() => setOpen(open === e.seq ? null : e.seq)}
                  >
                    {open === e.seq ? '▾' : '▸'} {e.seq}
                  </button>
                </td>
                <td>
                  <Time iso={e.recorded_at} compact />
                </td>
                <td className="mono">{e.type}</td>
                <td>
                  <SourceBadge source={e.source} actor={e.actor} />
                </td>
                <td className="small">{e.actor}</td>
                <td>
                  {e.position_id ? (
                    <Link to={`/positions/${e.position_id}`}>{e.symbol ?? shortId(e.position_id)}</Link>
                  ) : (
                    (e.symbol ?? '')
                  )}
                </td>
                <td className="describe">{describeEvent(e)}</td>
                <td>
                  {e.cycle_id && (
                    <Link
                      to={
                        e.position_id
                          ? `/cycles/${e.cycle_id}?position=${e.position_id}`
                          : `/cycles/${e.cycle_id}`
                      }
                    >
                      {shortId(e.cycle_id)}
                    </Link>
                  )}
                </td>
              </tr>
              {open === e.seq && (
                <tr className="details-row">
                  <td colSpan={8}>
                    <Details event={e} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { Details as EventDetails };
