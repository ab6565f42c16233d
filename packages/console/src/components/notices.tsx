import { useQuery } from '@tanstack/react-query';
import { useActions } from '../lib/actions';
import { auditEventQuery } from '../lib/audit-event-query';
import { describeEvent } from '../lib/event-text';
import { Link } from '../lib/router';

function RecordedEvent({ seq }: { seq: number }) {
  const query = useQuery(auditEventQuery(seq));
  if (query.isPending) return <li className="muted">Audit event #{seq}…</li>;
  if (query.isError) return <li>Audit event #{seq} (could not be read)</li>;
  const e = query.data;
  return (
    <li className="recorded-event">
      <Link to={`/audit/events/${e.seq}`}>
        Audit #{e.seq} <strong>{e.type}</strong>
      </Link>{' '}
      by {e.actor}: {describeEvent(e)}
    </li>
  );
}

/** What the last actions did, with the audit events the engine wrote for each; announced to screen readers. */
export function Notices() {
  const { notices, dismiss } = useActions();
  return (
    <section className="notices" aria-live="polite" aria-label="Results of your actions">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'failed' ? 'alert' : 'status'}>
          <div className="notice-head">
            <strong>{n.title}</strong>
            <button type="button" className="link-button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
              ×
            </button>
          </div>
          {n.message && <p>{n.message}</p>}
          {n.auditSeqs && n.auditSeqs.length > 0 && (
            <ul className="recorded-events">
              {n.auditSeqs.map((seq) => (
                <RecordedEvent key={seq} seq={seq} />
              ))}
            </ul>
          )}
          {n.cycleId && (
            <p>
              <Link to={`/cycles/${n.cycleId}`}>See the cycle and every event it recorded</Link>
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
