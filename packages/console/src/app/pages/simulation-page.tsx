import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../components/states';
import { simulationQuery } from '../../features/simulations/api/simulations-api';
import { SimulationOverview } from '../../features/simulations/components/simulation-overview';
import { SimulationResultView } from '../../features/simulations/components/simulation-result';
import { Link } from '../../lib/router';
import { PageTitle } from './page-title';

export default function SimulationPage({ id }: { id: string }) {
  const simulation = useQuery(simulationQuery(id));
  return (
    <QueryView query={simulation} what="the simulation">
      {(s) => (
        <>
          <PageTitle title={s.name ?? `Simulation …${s.id.slice(-8)}`} />
          <p className="breadcrumbs">
            <Link to="/simulations">Simulations</Link> / {s.name ?? s.id}
          </p>
          <SimulationOverview simulation={s} />
          {s.result && <SimulationResultView simulation={s} result={s.result} />}
        </>
      )}
    </QueryView>
  );
}
