import {
  BooleanQuery,
  CycleDetail,
  CycleListQuery,
  CycleSummary,
  ErrorBody,
  ListQuery,
  listOf,
  RunCycleQuery,
  RunCycleResult,
  WorkerSettingsBody,
  WorkerStatus,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../application/app-error.js';
import { cycleSummary } from '../../application/trading/worker-control.js';
import type { CycleId, PositionId } from '../../domain/ids.js';
import type { AppDeps } from '../app-deps.js';
import { presentEvent } from '../presenters.js';
import { requesterOf } from '../requester.js';
import { ACT, READ } from '../roles.js';

const tags = ['trading'];
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function tradingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/trading/worker/status',
      { config: READ, schema: { tags, response: { 200: WorkerStatus } } },
      () => deps.workerControl.status(),
    );

    app.put(
      '/v1/trading/worker',
      {
        config: ACT,
        schema: { tags, body: WorkerSettingsBody, response: { 200: WorkerStatus, 400: ErrorBody } },
      },
      (req) => deps.workerControl.update(req.body, requesterOf(req)),
    );

    app.post(
      '/v1/trading/cycle',
      {
        config: ACT,
        schema: { tags, querystring: RunCycleQuery, response: { 200: RunCycleResult, ...errors } },
      },
      async (req, reply) => {
        const by = requesterOf(req);
        if (!req.query.position_id) return deps.orchestrator.runCycle(by);
        const id = req.query.position_id as PositionId;
        const halted = await isHalted(deps, id);
        const result = await deps.orchestrator.runCycleForPosition(id, by);
        return halted ? reply.code(409).send(haltedError(result.id)) : result;
      },
    );

    app.get(
      '/v1/trading/cycles',
      {
        config: READ,
        schema: {
          tags,
          querystring: ListQuery.extend(CycleListQuery.shape),
          response: { 200: listOf(CycleSummary), ...errors },
        },
      },
      async (req) => {
        const page = await deps.store.cycles.list({ source: req.query.source }, req.query);
        return { items: page.items.map(cycleSummary), next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/trading/cycles/:id',
      {
        config: READ,
        schema: {
          tags,
          params: z.object({ id: z.string().max(64) }),
          querystring: z.object({
            with_events: BooleanQuery.optional().describe(
              'false: the summary only (page through a large cycle with GET /v1/events?cycle_id=)',
            ),
          }),
          response: { 200: CycleDetail, ...errors },
        },
      },
      async (req) => {
        const cycle = await deps.store.cycles.get(req.params.id as CycleId);
        if (!cycle) throw notFound('cycle', req.params.id);
        const events = req.query.with_events === false ? [] : await deps.store.audit.listByCycle(cycle.id);
        return { cycle: cycleSummary(cycle), events: events.map(presentEvent) };
      },
    );
  };
}

async function isHalted(deps: AppDeps, id: PositionId): Promise<boolean> {
  const position = await deps.store.positions.get(id);
  const portfolio = position && (await deps.store.portfolios.get(position.portfolioId));
  return portfolio?.state === 'halted';
}

/** The attempt was evaluated and recorded as blocked; the caller learns it was refused, and where to look. */
function haltedError(cycleId: string) {
  const e = new AppError(
    'PORTFOLIO_HALTED',
    'the portfolio is halted (kill switch): the run was recorded as blocked and no order was placed',
    { cycle_id: cycleId },
  );
  return { error: { code: e.code, message: e.message, details: e.details } };
}
