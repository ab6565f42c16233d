import { useQuery } from '@tanstack/react-query';
import { FilterSelect } from '../../components/filter-select';
import { ORDER_STATUSES, OrderList, TradeList } from '../../features/orders/components/order-lists';
import { portfoliosQuery } from '../../features/portfolios/api/portfolios-api';
import { positionsQuery } from '../../features/positions/api/positions-api';
import { withQuery } from '../../lib/api-client';
import { isOrderStatus, readFilter } from '../../lib/query-filter';
import { Link, useRouter } from '../../lib/router';
import { PageTitle } from './page-title';

const KEYS = ['tab', 'portfolio_id', 'position_id', 'status'] as const;

export function OrdersPage() {
  const { location, navigate } = useRouter();
  const raw = readFilter(location.query, KEYS);
  const tab = raw.tab === 'trades' ? 'trades' : 'orders';
  const status = isOrderStatus(raw.status) ? raw.status : undefined;
  const portfolios = useQuery(portfoliosQuery);
  const positions = useQuery(positionsQuery());
  const set = (patch: Partial<Record<(typeof KEYS)[number], string | undefined>>) =>
    navigate(withQuery('/orders', { ...raw, ...patch }), { replace: true });
  const shownPositions = (positions.data ?? []).filter(
    (p) => !raw.portfolio_id || p.portfolio_id === raw.portfolio_id,
  );
  return (
    <>
      <PageTitle title="Orders & trades" />
      <nav className="tabs" aria-label="Orders or trades">
        <Link
          to={withQuery('/orders', { ...raw, tab: undefined })}
          aria-current={tab === 'orders' ? 'page' : undefined}
        >
          Orders
        </Link>
        <Link
          className="tab"
          to={withQuery('/orders', { ...raw, tab: 'trades', status: undefined })}
          aria-current={tab === 'trades' ? 'page' : undefined}
        >
          Trades
        </Link>
      </nav>
      <section className="card">
        <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
          <FilterSelect
            label="Portfolio"
            any="all"
            value={raw.portfolio_id}
            onChange={(v) => set({ portfolio_id: v, position_id: undefined })}
            choices={(portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          <FilterSelect
            label="Position"
            any="all"
            value={raw.position_id}
            onChange={(v) => set({ position_id: v })}
            choices={shownPositions.map((p) => ({ value: p.id, label: p.symbol }))}
          />
          {tab === 'orders' && (
            <FilterSelect
              label="Status"
              value={status}
              onChange={(v) => set({ status: v })}
              choices={ORDER_STATUSES.map((s) => ({ value: s, label: s }))}
            />
          )}
        </form>
        {tab === 'orders' ? (
          <OrderList filter={{ portfolio_id: raw.portfolio_id, position_id: raw.position_id, status }} />
        ) : (
          <TradeList filter={{ portfolio_id: raw.portfolio_id, position_id: raw.position_id }} />
        )}
      </section>
    </>
  );
}
