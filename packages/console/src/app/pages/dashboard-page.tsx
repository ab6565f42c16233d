import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../components/states';
import { recentCyclesQuery } from '../../features/cycles/api/cycles-api';
import { CyclesTable } from '../../features/cycles/components/cycles-table';
import { portfoliosQuery } from '../../features/portfolios/api/portfolios-api';
import { PortfolioList } from '../../features/portfolios/components/portfolio-list';
import { TotalsPanel } from '../../features/portfolios/components/totals-panel';
import { WorkerPanel } from '../../features/worker/components/worker-panel';
import { Link } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { PageTitle } from './page-title';

export function DashboardPage() {
  const cycles = useQuery(recentCyclesQuery({ limit: 12 }));
  const portfolios = useQuery(portfoliosQuery);
  const now = useNow();
  return (
    <>
      <PageTitle title="Dashboard" />
      <div className="grid-2">
        <WorkerPanel />
        <TotalsPanel />
      </div>
      <section className="card" aria-labelledby="recent-cycles">
        <div className="card-head">
          <h2 id="recent-cycles">Recent cycles</h2>
          <Link to="/cycles">All cycles</Link>
        </div>
        <QueryView query={cycles} what="recent cycles">
          {(page) => <CyclesTable cycles={page.items} now={now} />}
        </QueryView>
      </section>
      <section className="card" aria-labelledby="portfolios-title">
        <div className="card-head">
          <h2 id="portfolios-title">Portfolios</h2>
          <Link to="/portfolios">Manage portfolios</Link>
        </div>
        <QueryView query={portfolios} what="portfolios">
          {(list) => <PortfolioList portfolios={list} />}
        </QueryView>
      </section>
    </>
  );
}
