import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built console at `/`. Vite names every asset after its content hash, so assets are
 * cached for good; `index.html` is revalidated on each load so a new build is picked up at once.
 * Files come pre-compressed (brotli and gzip written at build time), chosen by Accept-Encoding.
 */
export async function serveConsole(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // Looked up per request, so a console rebuilt while the engine runs is served at once.
    wildcard: true,
    preCompressed: true,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache');
      // The bytes depend on Accept-Encoding (brotli, gzip or plain): caches must key on it.
      res.setHeader('vary', 'accept-encoding');
    },
  });
}

/**
 * A page address of the console (`/positions/…`, `/audit?…`) loaded directly: the browser asks for a
 * document the server does not have as a file, and gets the app, which routes on the client.
 */
export function isConsolePage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0]!;
  if (path.startsWith('/v1/') || path === '/v1' || path.startsWith('/docs') || path.startsWith('/assets/'))
    return false;
  return /\btext\/html\b/.test(request.headers.accept ?? '');
}

export function sendConsolePage(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}
