import { useQuery } from '@tanstack/react-query';
import { SourceBadge } from '../../../components/source-badge';
import { QueryView } from '../../../components/states';
import { auditEventQuery } from '../../../lib/audit-event-query';
import { describeEvent } from '../../../lib/event-text';
import { Link } from '../../../lib/router';
import { EventDetails } from './events-table';

/** One event in full: what it says, who asked, where it sits in the chain. */
export function EventDetail({ seq }: { seq: number }) {
  const query = useQuery(auditEventQuery(seq));
  return (
    <QueryView query={query} what={`audit event ${seq}`}>
      {(e) => (
        <section className="card">
          <h2>
            #{e.seq} <span className="mono">{e.type}</span> <SourceBadge source={e.source} actor={e.actor} />
          </h2>
          <p className="lead">{describeEvent(e)}</p>
          <p>
            Asked by <strong>{e.actor}</strong>
            {e.symbol && (
              <>
                {' '}
                for {e.position_id ? <Link to={`/positions/${e.position_id}`}>{e.symbol}</Link> : e.symbol}
              </>
            )}
            {e.cycle_id && (
              <>
                {' '}
                in{' '}
                <Link to={`/cycles/${e.cycle_id}${e.position_id ? `?position=${e.position_id}` : ''}`}>
                  its cycle
                </Link>
              </>
            )}
            .
          </p>
          <EventDetails event={e} />
          <p className="pager">
            {e.seq > 1 && <Link to={`/audit/events/${e.seq - 1}`}>← #{e.seq - 1}</Link>}{' '}
            <Link to={`/audit/events/${e.seq + 1}`}>#{e.seq + 1} →</Link>
          </p>
        </section>
      )}
    </QueryView>
  );
}
