import { OrderStatus } from '@ballast/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadMore } from '../../../components/load-more';
import { ErrorState, Loading } from '../../../components/states';
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
  if (query.isPending) return <Loading what="orders" />;
  if (query.isError)
    return <ErrorState what="orders" error={query.error} retry={() => void query.refetch()} />;
  return (
    <>
      <OrdersTable orders={query.data.pages.flatMap((p) => p.items)} showSymbol={showSymbol} />
      <LoadMore query={query} label="Load older" />
    </>
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
  if (query.isPending) return <Loading what="trades" />;
  if (query.isError)
    return <ErrorState what="trades" error={query.error} retry={() => void query.refetch()} />;
  return (
    <>
      <TradesTable trades={query.data.pages.flatMap((p) => p.items)} showSymbol={showSymbol} />
      <LoadMore query={query} label="Load older" />
    </>
  );
}
