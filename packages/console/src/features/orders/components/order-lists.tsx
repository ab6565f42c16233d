import { OrderStatus } from '@ballast/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { PagedQueryView } from '../../../components/states';
import { type OrderFilter, ordersQuery, tradesQuery } from '../api/orders-api';
import { OrdersTable } from './orders-table';
import { TradesTable } from './trades-table';

export const ORDER_STATUSES = OrderStatus.options;

/** Orders matching a filter, newest first, a page at a time. */
export function OrderList({
  filter,
  showSymbol,
  pageSize,
}: {
  filter: OrderFilter;
  showSymbol?: boolean;
  pageSize?: number;
}) {
  const query = useInfiniteQuery(ordersQuery(filter, pageSize));
  return (
    <PagedQueryView query={query} what="orders" more="Load older">
      {(orders) => <OrdersTable orders={orders} showSymbol={showSymbol} />}
    </PagedQueryView>
  );
}

export function TradeList({
  filter,
  showSymbol,
  pageSize,
}: {
  filter: Omit<OrderFilter, 'status'>;
  showSymbol?: boolean;
  pageSize?: number;
}) {
  const query = useInfiniteQuery(tradesQuery(filter, pageSize));
  return (
    <PagedQueryView query={query} what="trades" more="Load older">
      {(trades) => <TradesTable trades={trades} showSymbol={showSymbol} />}
    </PagedQueryView>
  );
}
