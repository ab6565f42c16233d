import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.js';
import { requireAuthentication } from './auth.js';
import { isConsolePage, sendConsolePage, serveConsole } from './console-static.js';
import { installErrorHandling, sendFrameworkError } from './error-handler.js';
import { refuseUndeclaredBodies } from './refuse-undeclared-bodies.js';
import { reportRecordedEvents } from './requester.js';
import { requireDeclaredRoles } from './roles.js';
import { accessRoutes } from './routes/access-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { optimizationRoutes } from './routes/optimization-routes.js';
import { orderRoutes } from './routes/order-routes.js';
import { portfolioRoutes } from './routes/portfolio-routes.js';
import { positionRoutes } from './routes/position-routes.js';
import { simulationRoutes } from './routes/simulation-routes.js';
import { tradingRoutes } from './routes/trading-routes.js';
import { addSecurityHeaders } from './security-headers.js';

/** Request bodies are small JSON documents; anything larger is refused with 413 (the lab's uploads excepted). */
const BODY_LIMIT = 64 * 1024;

/** The HTTP API as a Fastify app; the process (listen, signals, logging) is set up elsewhere. */
export async function buildApp(
  deps: AppDeps,
  options: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> & {
    https?: { cert: Buffer; key: Buffer };
  } = {},
): Promise<FastifyInstance> {
  // Fastify types an HTTPS server apart; the app is the same either way.
  const app = (Fastify as (opts: object) => FastifyInstance)({
    ...options,
    bodyLimit: BODY_LIMIT,
    // Per-request lines would drown the trading log (the console polls); errors are still logged.
    logController: new Fastify.LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: sendFrameworkError,
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
  refuseUndeclaredBodies(app);
  requireAuthentication(app, deps.access.authenticator, { secureCookies: deps.access.tls });
  addSecurityHeaders(app, { tls: deps.access.tls });
  reportRecordedEvents(app);
  if (deps.access.corsOrigins.length > 0)
    await app.register(fastifyCors, {
      origin: [...deps.access.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type'],
      exposedHeaders: ['ballast-audit-events'],
    });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Ballast API',
        version: deps.version,
        description:
          'The engine API: trading, portfolios, positions, orders, the audit trail, simulations and optimizations.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  for (const routes of [
    healthRoutes,
    authRoutes,
    accessRoutes,
    tradingRoutes,
    portfolioRoutes,
    positionRoutes,
    orderRoutes,
    eventRoutes,
    simulationRoutes,
    optimizationRoutes,
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
