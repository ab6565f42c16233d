import { listOf, Order, type OrderStatus, Trade } from '@ballast/contracts';
import { infiniteQueryOptions } from '@tanstack/react-query';
import { get, withQuery } from '../../../lib/api-client';
import { ROOT } from '../../../lib/query-keys';

export interface OrderFilter {
  readonly portfolio_id?: string | undefined;
  readonly position_id?: string | undefined;
  readonly status?: OrderStatus | undefined;
}

export function ordersQuery(filter: OrderFilter, pageSize = 50) {
  return infiniteQueryOptions({
    queryKey: [ROOT.orders, filter, pageSize],
    queryFn: ({ pageParam, signal }) =>
      get(listOf(Order), withQuery('/v1/orders', { ...filter, limit: pageSize, cursor: pageParam }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: 15_000,
  });
}

export function tradesQuery(filter: Omit<OrderFilter, 'status'>, pageSize = 50) {
  return infiniteQueryOptions({
    queryKey: [ROOT.trades, filter, pageSize],
    queryFn: ({ pageParam, signal }) =>
      get(listOf(Trade), withQuery('/v1/trades', { ...filter, limit: pageSize, cursor: pageParam }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: 15_000,
  });
}
