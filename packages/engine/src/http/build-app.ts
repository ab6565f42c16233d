import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.js';
import { isConsolePage, sendConsolePage, serveConsole } from './console-static.js';
import { installErrorHandling } from './error-handler.js';
import { reportRecordedEvents } from './requester.js';
import { requireDeclaredRoles } from './roles.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { orderRoutes } from './routes/order-routes.js';
import { portfolioRoutes } from './routes/portfolio-routes.js';
import { positionRoutes } from './routes/position-routes.js';
import { tradingRoutes } from './routes/trading-routes.js';

/** Request bodies are small JSON documents; anything larger is refused with 413. */
const BODY_LIMIT = 64 * 1024;

/** The HTTP API as a Fastify app; the process (listen, signals, logging) is set up elsewhere. */
export async function buildApp(
  deps: AppDeps,
  options: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...options,
    bodyLimit: BODY_LIMIT,
    // Per-request lines would drown the trading log (the console polls); errors are still logged.
    logController: new Fastify.LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const consoleDir = deps.consoleDir ?? null;
  installErrorHandling(app, (request, reply) => {
    if (!consoleDir || !isConsolePage(request)) return false;
    void sendConsolePage(reply);
    return true;
  });
  // JSON only: a text body is refused with 415 rather than validated as a string.
  app.removeContentTypeParser('text/plain');
  requireDeclaredRoles(app);
  reportRecordedEvents(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Ballast API',
        version: deps.version,
        description: 'The engine API: trading, portfolios, positions, orders, the audit trail.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  for (const routes of [
    healthRoutes,
    tradingRoutes,
    portfolioRoutes,
    positionRoutes,
    orderRoutes,
    eventRoutes,
  ]) {
    await app.register(routes(deps));
  }
  if (consoleDir) await serveConsole(app, consoleDir);
  else
    app.get('/', { config: { role: 'public' }, schema: { hide: true } }, (_req, reply) =>
      reply.redirect('/docs'),
    );
  return app;
}
