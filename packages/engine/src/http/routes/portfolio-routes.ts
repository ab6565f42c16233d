import {
  CreatePortfolioBody,
  CreatePositionBody,
  ErrorBody,
  ListQuery,
  listOf,
  Portfolio,
  PortfolioTotals,
  Position,
  UpdatePortfolioBody,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PortfolioId } from '../../domain/ids.js';
import type { AppDeps } from '../app-deps.js';
import { presentPortfolio, presentPosition } from '../presenters.js';
import { requesterOf } from '../requester.js';
import { ACT, READ } from '../roles.js';

const tags = ['portfolios'];
const Params = z.object({ id: z.string().max(64) });
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function portfolioRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/portfolios',
      { config: ACT, schema: { tags, body: CreatePortfolioBody, response: { 201: Portfolio, ...errors } } },
      async (req, reply) => {
        const view = await deps.portfolios.create(req.body, requesterOf(req));
        return reply.code(201).send(presentPortfolio(view));
      },
    );

    app.get(
      '/v1/portfolios',
      {
        config: READ,
        schema: { tags, querystring: ListQuery, response: { 200: listOf(Portfolio), ...errors } },
      },
      async (req) => {
        const page = await deps.portfolios.list(req.query);
        return { items: page.items.map(presentPortfolio), next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/portfolios/totals',
      {
        config: READ,
        schema: {
          tags,
          description: 'Value, cash and P&L of every portfolio added up, per base currency',
          response: { 200: PortfolioTotals },
        },
      },
      () => deps.portfolios.totals(),
    );

    app.get(
      '/v1/portfolios/:id',
      { config: READ, schema: { tags, params: Params, response: { 200: Portfolio, ...errors } } },
      async (req) => presentPortfolio(await deps.portfolios.get(req.params.id as PortfolioId)),
    );

    app.patch(
      '/v1/portfolios/:id',
      {
        config: ACT,
        schema: { tags, params: Params, body: UpdatePortfolioBody, response: { 200: Portfolio, ...errors } },
      },
      async (req) =>
        presentPortfolio(
          await deps.portfolios.update(req.params.id as PortfolioId, req.body, requesterOf(req)),
        ),
    );

    app.delete(
      '/v1/portfolios/:id',
      { config: ACT, schema: { tags, params: Params, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await deps.portfolios.delete(req.params.id as PortfolioId, requesterOf(req));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v1/portfolios/:id/positions',
      {
        config: ACT,
        schema: {
          tags: ['positions'],
          params: Params,
          body: CreatePositionBody,
          response: { 201: Position, ...errors },
        },
      },
      async (req, reply) => {
        const view = await deps.positions.create(req.params.id as PortfolioId, req.body, requesterOf(req));
        return reply.code(201).send(presentPosition(view));
      },
    );
  };
}
