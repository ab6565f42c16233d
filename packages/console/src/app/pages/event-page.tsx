import { EventDetail } from '../../features/audit/components/event-detail';
import { Link } from '../../lib/router';
import { NotFoundPage } from './not-found-page';
import { PageTitle } from './page-title';

export function EventPage({ seq }: { seq: string }) {
  const n = Number(seq);
  if (!Number.isInteger(n) || n < 1) return <NotFoundPage />;
  return (
    <>
      <PageTitle title={`Audit event #${n}`} />
      <p className="breadcrumbs">
        <Link to="/audit">Audit trail</Link> / #{n}
      </p>
      <EventDetail seq={n} />
    </>
  );
}
