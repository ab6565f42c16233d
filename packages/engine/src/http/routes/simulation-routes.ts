import {
  ErrorBody,
  ListQuery,
  listOf,
  SampleBars,
  Simulation,
  SimulationRequest,
  SimulationSummary,
} from '@ballast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { presentSimulation, presentSimulationSummary } from '../lab-presenters.js';
import { requesterOf } from '../requester.js';
import { ACT, READ } from '../roles.js';

const tags = ['simulations'];
const Params = z.object({ id: z.string().max(64) });
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: ErrorBody };

/** A CSV of bars travels inside the JSON body: the routes that start lab jobs take up to 20 MB (the rest 64 KiB). */
export const LAB_BODY_LIMIT = 20 * 1024 * 1024;

/** A page of the API's list shape from a page of records. */
export function pageBody<R, T>(page: { items: R[]; nextCursor: string | null }, present: (r: R) => T) {
  return { items: page.items.map(present), next_cursor: page.nextCursor };
}

export function simulationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const lab = deps.simulations;
  return async (app) => {
    app.get(
      '/v1/simulations/samples',
      {
        config: READ,
        schema: {
          tags,
          description: 'Bars that ship with Ballast (real index closes)',
          response: { 200: listOf(SampleBars) },
        },
      },
      async () => ({ items: await lab.samples(), next_cursor: null }),
    );

    app.post(
      '/v1/simulations',
      {
        config: ACT,
        bodyLimit: LAB_BODY_LIMIT,
        schema: {
          tags,
          description:
            'Starts a simulation job: 202 with the job, whose progress and result are read with GET',
          body: SimulationRequest,
          response: { 202: SimulationSummary, ...errors },
        },
      },
      async (req, reply) =>
        reply.code(202).send(presentSimulationSummary(await lab.startSimulation(req.body, requesterOf(req)))),
    );

    app.get(
      '/v1/simulations',
      {
        config: READ,
        schema: { tags, querystring: ListQuery, response: { 200: listOf(SimulationSummary), ...errors } },
      },
      async (req) => pageBody(await lab.list('simulation', req.query), presentSimulationSummary),
    );

    app.get(
      '/v1/simulations/:id',
      { config: READ, schema: { tags, params: Params, response: { 200: Simulation, ...errors } } },
      async (req) => {
        const { job, resultJson } = await lab.get('simulation', req.params.id);
        return presentSimulation(job, resultJson);
      },
    );

    app.post(
      '/v1/simulations/:id/cancel',
      { config: ACT, schema: { tags, params: Params, response: { 200: SimulationSummary, ...errors } } },
      async (req) =>
        presentSimulationSummary(await lab.cancel('simulation', req.params.id, requesterOf(req))),
    );
  };
}
