import { useQuery } from '@tanstack/react-query';
import { ORDER_STATUSES, OrderList, TradeList } from '../../features/orders/components/order-lists';
import { portfoliosQuery } from '../../features/portfolios/api/portfolios-api';
import { positionsQuery } from '../../features/positions/api/positions-api';
import { filterPath, isOrderStatus, readFilter } from '../../lib/query-filter';
import { useRouter } from '../../lib/router';
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
    navigate(filterPath('/orders', { ...raw, ...patch }), { replace: true });
  const shownPositions = (positions.data ?? []).filter(
    (p) => !raw.portfolio_id || p.portfolio_id === raw.portfolio_id,
  );
  return (
    <>
      <PageTitle title="Orders & trades" />
      <div className="tabs" role="tablist" aria-label="Orders or trades">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'orders'}
          onClick={() => set({ tab: undefined })}
        >
          Orders
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'trades'}
          onClick={() => set({ tab: 'trades', status: undefined })}
        >
          Trades
        </button>
      </div>
      <section className="card" role="tabpanel">
        <form className="filters" aria-label="Filter" onSubmit={(e) => e.preventDefault()}>
          <label>
            Portfolio
            <select
              value={raw.portfolio_id ?? ''}
              onChange={(e) => set({ portfolio_id: e.target.value || undefined, position_id: undefined })}
            >
              <option value="">all</option>
              {(portfolios.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Position
            <select
              value={raw.position_id ?? ''}
              onChange={(e) => set({ position_id: e.target.value || undefined })}
            >
              <option value="">all</option>
              {shownPositions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.symbol}
                </option>
              ))}
            </select>
          </label>
          {tab === 'orders' && (
            <label>
              Status
              <select value={status ?? ''} onChange={(e) => set({ status: e.target.value || undefined })}>
                <option value="">any</option>
                {ORDER_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
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
