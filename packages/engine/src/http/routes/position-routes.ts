import {
  CashMovementBody,
  ErrorBody,
  ListQuery,
  listOf,
  Position,
  PriceHistory,
  PriceHistoryQuery,
  SetAnchorBody,
  UpdatePositionBody,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../application/app-error.js';
import { decimalField } from '../../application/positions/position-service.js';
import type { PortfolioId, PositionId } from '../../domain/ids.js';
import type { AppDeps } from '../app-deps.js';
import { presentPosition } from '../presenters.js';
import { requesterOf } from '../requester.js';
import { ACT, READ } from '../roles.js';

const tags = ['positions'];
const Params = z.object({ id: z.string().max(64) });
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function positionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/positions',
      {
        config: READ,
        schema: {
          tags,
          querystring: ListQuery.extend({ portfolio_id: z.string().max(64).optional() }),
          response: { 200: listOf(Position), ...errors },
        },
      },
      async (req) => {
        const page = await deps.positions.list(
          { portfolioId: req.query.portfolio_id as PortfolioId | undefined },
          req.query,
        );
        return { items: page.items.map(presentPosition), next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/positions/:id',
      { config: READ, schema: { tags, params: Params, response: { 200: Position, ...errors } } },
      async (req) => presentPosition(await deps.positions.get(req.params.id as PositionId)),
    );

    app.get(
      '/v1/positions/:id/prices',
      {
        config: READ,
        schema: {
          tags,
          params: Params,
          querystring: PriceHistoryQuery,
          description:
            'The prices the engine evaluated for the position (from its PriceEvents), oldest first',
          response: { 200: PriceHistory, ...errors },
        },
      },
      async (req) => ({
        position_id: req.params.id,
        items: await deps.positions.priceHistory(req.params.id as PositionId, req.query.limit),
      }),
    );

    app.patch(
      '/v1/positions/:id',
      {
        config: ACT,
        schema: { tags, params: Params, body: UpdatePositionBody, response: { 200: Position, ...errors } },
      },
      async (req) =>
        presentPosition(await deps.positions.update(req.params.id as PositionId, req.body, requesterOf(req))),
    );

    app.delete(
      '/v1/positions/:id',
      { config: ACT, schema: { tags, params: Params, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        await deps.positions.delete(req.params.id as PositionId, requesterOf(req));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v1/positions/:id/cash',
      {
        config: ACT,
        schema: { tags, params: Params, body: CashMovementBody, response: { 200: Position, ...errors } },
      },
      async (req) =>
        presentPosition(
          await deps.positions.moveCash(req.params.id as PositionId, req.body, requesterOf(req)),
        ),
    );

    app.put(
      '/v1/positions/:id/anchor',
      {
        config: ACT,
        schema: { tags, params: Params, body: SetAnchorBody, response: { 200: Position, ...errors } },
      },
      async (req) => {
        const anchor = anchorOf(req.body);
        return presentPosition(
          await deps.positions.setAnchor(req.params.id as PositionId, anchor, requesterOf(req)),
        );
      },
    );
  };
}

/** `{anchor: "98.5"}` sets it, `{anchor: null}` clears it (no trading until set), `{use_current_price: true}` takes the quote. */
function anchorOf(body: SetAnchorBody) {
  if (body.use_current_price && body.anchor != null)
    throw new AppError('VALIDATION_FAILED', 'give anchor or use_current_price, not both', [
      { field: 'anchor', message: 'conflicts with use_current_price' },
    ]);
  if (body.use_current_price) return 'current' as const;
  if (body.anchor === undefined)
    throw new AppError('VALIDATION_FAILED', 'anchor is required (or use_current_price: true)', [
      { field: 'anchor', message: 'is required' },
    ]);
  return body.anchor === null ? null : decimalField('anchor', body.anchor, { positive: true });
}
