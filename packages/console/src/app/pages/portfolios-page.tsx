import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../components/states';
import { portfoliosQuery } from '../../features/portfolios/api/portfolios-api';
import { PortfolioForm } from '../../features/portfolios/components/portfolio-form';
import { PortfolioList } from '../../features/portfolios/components/portfolio-list';
import { useRouter } from '../../lib/router';
import { IfCan } from '../../lib/session';
import { PageTitle } from './page-title';

export function PortfoliosPage() {
  const portfolios = useQuery(portfoliosQuery);
  const { navigate } = useRouter();
  return (
    <>
      <PageTitle title="Portfolios" />
      <section className="card">
        <QueryView query={portfolios} what="portfolios">
          {(list) => <PortfolioList portfolios={list} />}
        </QueryView>
      </section>
      <IfCan need="operator">
        <section className="card" aria-labelledby="new-portfolio">
          <h2 id="new-portfolio">New portfolio</h2>
          <PortfolioForm onSaved={(p) => navigate(`/portfolios/${p.id}`)} />
        </section>
      </IfCan>
    </>
  );
}
