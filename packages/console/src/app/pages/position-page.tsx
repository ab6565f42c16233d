import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { Empty, ErrorState, Loading, QueryView } from '../../components/states';
import { EventList } from '../../features/audit/components/event-list';
import { tradesQuery } from '../../features/orders/api/orders-api';
import { OrderList, TradeList } from '../../features/orders/components/order-lists';
import { portfolioQuery } from '../../features/portfolios/api/portfolios-api';
import { PortfolioStateBadge } from '../../features/portfolios/components/portfolio-state-badge';
import { positionQuery, priceHistoryQuery } from '../../features/positions/api/positions-api';
import { ParamsForm } from '../../features/positions/components/params-form';
import {
  AnchorForm,
  CashForm,
  DeletePositionButton,
  PositionAutoTradingSwitch,
} from '../../features/positions/components/position-actions';
import { PositionState } from '../../features/positions/components/position-state';
import { SimulatePositionButton } from '../../features/simulations/components/simulate-position-button';
import { RunNowButton } from '../../features/worker/components/run-now-button';
import { Link } from '../../lib/router';
import { IfCan, useCan } from '../../lib/session';
import { PageTitle } from './page-title';

const PriceChart = lazy(() =>
  import('../../features/positions/components/price-chart').then((m) => ({ default: m.PriceChart })),
);

/** The fills drawn on the chart: the most recent ones (the table below pages through all of them). */
const CHART_TRADES = 500;

export default function PositionPage({ id }: { id: string }) {
  const position = useQuery(positionQuery(id));
  const portfolioId = position.data?.portfolio_id;
  const portfolio = useQuery({ ...portfolioQuery(portfolioId ?? ''), enabled: portfolioId !== undefined });
  const prices = useQuery(priceHistoryQuery(id));
  const trades = useInfiniteQuery(tradesQuery({ position_id: id }, CHART_TRADES));
  // One array per answer, not per render: the chart redraws (and resets its zoom) when its data changes.
  const fills = useMemo(() => trades.data?.pages.flatMap((page) => page.items) ?? [], [trades.data]);
  const canOperate = useCan('operator');
  return (
    <QueryView query={position} what="the position">
      {(p) => {
        const currency = portfolio.data?.base_currency ?? 'USD';
        return (
          <>
            <PageTitle title={p.symbol}>
              {portfolio.data && <PortfolioStateBadge state={portfolio.data.state} />}
            </PageTitle>
            <p className="breadcrumbs">
              <Link to="/portfolios">Portfolios</Link> /{' '}
              <Link to={`/portfolios/${p.portfolio_id}`}>{portfolio.data?.name ?? 'portfolio'}</Link> /{' '}
              {p.symbol}
            </p>
            <section className="card">
              <IfCan need="operator">
                <div className="toolbar">
                  <RunNowButton positionId={p.id} symbol={p.symbol} label={`Run now for ${p.symbol}`} />
                  <PositionAutoTradingSwitch position={p} />
                  <SimulatePositionButton positionId={p.id} symbol={p.symbol} />
                </div>
              </IfCan>
              <PositionState position={p} currency={currency} />
            </section>
            <section className="card" aria-labelledby="chart-title">
              <h2 id="chart-title">Price, anchor, triggers and fills</h2>
              {prices.isPending || trades.isPending ? (
                <Loading what="the price history" />
              ) : prices.isError ? (
                <ErrorState
                  what="the price history"
                  error={prices.error}
                  retry={() => void prices.refetch()}
                />
              ) : prices.data.items.length === 0 ? (
                <Empty>No prices evaluated yet: the chart fills in as cycles run.</Empty>
              ) : (
                <Suspense fallback={<Loading what="the chart" />}>
                  <PriceChart
                    symbol={p.symbol}
                    points={prices.data.items}
                    trades={fills}
                    anchor={p.anchor}
                    triggers={p.triggers}
                  />
                </Suspense>
              )}
            </section>
            <section className="card" aria-labelledby="orders-title">
              <h2 id="orders-title">Orders</h2>
              <OrderList filter={{ position_id: p.id }} showSymbol={false} pageSize={10} />
            </section>
            <section className="card" aria-labelledby="trades-title">
              <h2 id="trades-title">Trades</h2>
              <TradeList filter={{ position_id: p.id }} showSymbol={false} pageSize={10} />
            </section>
            <section className="card" aria-labelledby="params-title">
              <h2 id="params-title">Strategy parameters</h2>
              <ParamsForm position={p} readOnly={!canOperate} />
            </section>
            <IfCan need="operator">
              <div className="grid-2">
                <section className="card" aria-labelledby="cash-title">
                  <h2 id="cash-title">Cash</h2>
                  <CashForm position={p} currency={currency} />
                </section>
                <section className="card" aria-labelledby="anchor-title">
                  <h2 id="anchor-title">Anchor</h2>
                  <AnchorForm position={p} />
                </section>
              </div>
            </IfCan>
            <section className="card" aria-labelledby="events-title">
              <div className="card-head">
                <h2 id="events-title">Events</h2>
                <Link to={`/audit?position_id=${p.id}`}>Open in the audit trail</Link>
              </div>
              <EventList filter={{ position_id: p.id }} pageSize={25} />
            </section>
            <IfCan need="operator">
              <div className="danger-zone">
                <DeletePositionButton position={p} />
              </div>
            </IfCan>
          </>
        );
      }}
    </QueryView>
  );
}
