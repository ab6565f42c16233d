import {
  ErrorBody,
  ListQuery,
  listOf,
  Order,
  OrderListQuery,
  Trade,
  TradeListQuery,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { presentOrder, presentTrade } from '../presenters.js';
import { READ } from '../roles.js';

const tags = ['orders'];

export function orderRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/orders',
      {
        config: READ,
        schema: {
          tags,
          querystring: ListQuery.extend(OrderListQuery.shape),
          response: { 200: listOf(Order), 400: ErrorBody },
        },
      },
      async (req) => {
        const { portfolio_id, position_id, status } = req.query;
        const page = await deps.store.orders.list(
          { portfolioId: portfolio_id, positionId: position_id, status },
          req.query,
        );
        return { items: page.items.map(presentOrder), next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/trades',
      {
        config: READ,
        schema: {
          tags,
          querystring: ListQuery.extend(TradeListQuery.shape),
          response: { 200: listOf(Trade), 400: ErrorBody },
        },
      },
      async (req) => {
        const page = await deps.store.trades.list(
          { portfolioId: req.query.portfolio_id, positionId: req.query.position_id },
          req.query,
        );
        return { items: page.items.map(presentTrade), next_cursor: page.nextCursor };
      },
    );
  };
}
