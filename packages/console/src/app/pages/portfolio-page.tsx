import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../../components/states';
import { OrderList } from '../../features/orders/components/order-lists';
import { portfolioQuery } from '../../features/portfolios/api/portfolios-api';
import {
  DeletePortfolioButton,
  PortfolioAutoTradingSwitch,
  PortfolioStateControl,
} from '../../features/portfolios/components/portfolio-controls';
import { PortfolioForm } from '../../features/portfolios/components/portfolio-form';
import { PortfolioStateBadge } from '../../features/portfolios/components/portfolio-state-badge';
import { positionsQuery } from '../../features/positions/api/positions-api';
import { CreatePositionForm } from '../../features/positions/components/create-position-form';
import { PositionsTable } from '../../features/positions/components/positions-table';
import { formatMoney, formatPct, formatSignedMoney } from '../../lib/format';
import { Link } from '../../lib/router';
import { IfCan } from '../../lib/session';
import { PageTitle } from './page-title';

export function PortfolioPage({ id }: { id: string }) {
  const portfolio = useQuery(portfolioQuery(id));
  const positions = useQuery(positionsQuery(id));
  return (
    <QueryView query={portfolio} what="the portfolio">
      {(p) => (
        <>
          <PageTitle title={p.name}>
            <PortfolioStateBadge state={p.state} />
            {p.is_demo && <span className="badge demo">demo: simulated market, not real money</span>}
          </PageTitle>
          <p className="breadcrumbs">
            <Link to="/portfolios">Portfolios</Link> / {p.name}
          </p>
          <section className="card controls">
            <IfCan need="operator">
              <PortfolioStateControl portfolio={p} />
              <PortfolioAutoTradingSwitch portfolio={p} />
            </IfCan>
            <dl className="stat-grid">
              <div className="stat">
                <dt>Value</dt>
                <dd>{formatMoney(p.summary.value, p.base_currency)}</dd>
              </div>
              <div className="stat">
                <dt>Cash</dt>
                <dd>{formatMoney(p.summary.cash, p.base_currency)}</dd>
              </div>
              <div className="stat">
                <dt>P&amp;L</dt>
                <dd className={p.summary.pnl?.startsWith('-') ? 'negative' : 'positive'}>
                  {formatSignedMoney(p.summary.pnl, p.base_currency)}
                </dd>
              </div>
              <div className="stat">
                <dt>In stock</dt>
                <dd>{formatPct(p.summary.allocation_pct)}</dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="positions-title">
            <h2 id="positions-title">Positions</h2>
            <QueryView query={positions} what="positions">
              {(list) => <PositionsTable positions={list} currency={p.base_currency} />}
            </QueryView>
            <IfCan need="operator">
              <details className="disclosure">
                <summary>Add a position</summary>
                <CreatePositionForm portfolioId={p.id} currency={p.base_currency} />
              </details>
            </IfCan>
          </section>
          <section className="card" aria-labelledby="portfolio-orders">
            <h2 id="portfolio-orders">Recent orders</h2>
            <OrderList filter={{ portfolio_id: p.id }} pageSize={10} />
          </section>
          <IfCan need="operator">
            <section className="card" aria-labelledby="portfolio-settings">
              <h2 id="portfolio-settings">Settings</h2>
              <PortfolioForm key={p.updated_at} portfolio={p} />
              <div className="danger-zone">
                <DeletePortfolioButton portfolio={p} />
              </div>
            </section>
          </IfCan>
        </>
      )}
    </QueryView>
  );
}
