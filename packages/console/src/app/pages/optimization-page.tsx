import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../components/states';
import { optimizationQuery } from '../../features/simulations/api/optimizations-api';
import { OptimizationOverview } from '../../features/simulations/components/optimization-overview';
import { OptimizationResultView } from '../../features/simulations/components/optimization-result';
import { Link } from '../../lib/router';
import { PageTitle } from './page-title';

export default function OptimizationPage({ id }: { id: string }) {
  const optimization = useQuery(optimizationQuery(id));
  return (
    <QueryView query={optimization} what="the optimization">
      {(o) => (
        <>
          <PageTitle title={o.name ?? `Optimization …${o.id.slice(-8)}`} />
          <p className="breadcrumbs">
            <Link to="/optimizations">Optimizations</Link> / {o.name ?? o.id}
          </p>
          <OptimizationOverview optimization={o} />
          {o.rows.length > 0 && <OptimizationResultView optimization={o} />}
        </>
      )}
    </QueryView>
  );
}
