import { CycleView } from '../../features/cycles/components/cycle-view';
import { shortId } from '../../lib/format';
import { Link } from '../../lib/router';
import { PageTitle } from './page-title';

export function CyclePage({ id, positionId }: { id: string; positionId?: string | undefined }) {
  return (
    <>
      <PageTitle title={`Cycle ${shortId(id)}`} />
      <p className="breadcrumbs">
        <Link to="/cycles">Cycles</Link> / <span className="mono">{id}</span> ·{' '}
        <Link to={`/audit?cycle_id=${id}`}>its events in the audit trail</Link>
      </p>
      <CycleView id={id} positionId={positionId} />
    </>
  );
}
