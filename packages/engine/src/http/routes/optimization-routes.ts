import {
  ErrorBody,
  ListQuery,
  listOf,
  Optimization,
  OptimizationRequest,
  OptimizationSummary,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { presentOptimization, presentOptimizationSummary } from '../lab-presenters.js';
import { requesterOf } from '../requester.js';
import { ACT, READ } from '../roles.js';
import { LAB_BODY_LIMIT, pageBody } from './simulation-routes.js';

const tags = ['optimizations'];
const Params = z.object({ id: z.string().max(64) });
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: ErrorBody };

export function optimizationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const lab = deps.simulations;
  return async (app) => {
    app.post(
      '/v1/optimizations',
      {
        config: ACT,
        bodyLimit: LAB_BODY_LIMIT,
        schema: {
          tags,
          description:
            'Starts an optimization over a parameter grid: 202 with the job; rows are ranked when it is done',
          body: OptimizationRequest,
          response: { 202: OptimizationSummary, ...errors },
        },
      },
      async (req, reply) =>
        reply
          .code(202)
          .send(presentOptimizationSummary(await lab.startOptimization(req.body, requesterOf(req)))),
    );

    app.get(
      '/v1/optimizations',
      {
        config: READ,
        schema: { tags, querystring: ListQuery, response: { 200: listOf(OptimizationSummary), ...errors } },
      },
      async (req) => pageBody(await lab.list('optimization', req.query), presentOptimizationSummary),
    );

    app.get(
      '/v1/optimizations/:id',
      { config: READ, schema: { tags, params: Params, response: { 200: Optimization, ...errors } } },
      async (req) => {
        const { job, resultJson } = await lab.get('optimization', req.params.id);
        return presentOptimization(job, resultJson);
      },
    );

    app.post(
      '/v1/optimizations/:id/cancel',
      { config: ACT, schema: { tags, params: Params, response: { 200: OptimizationSummary, ...errors } } },
      async (req) =>
        presentOptimizationSummary(await lab.cancel('optimization', req.params.id, requesterOf(req))),
    );
  };
}
