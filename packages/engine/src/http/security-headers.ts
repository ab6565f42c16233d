import type { FastifyInstance } from 'fastify';

/**
 * The console loads only its own scripts and styles and talks only to this origin; nothing may frame
 * it. (Styles the app sets from script, as React and the chart do, are not inline markup and need no exception.)
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response; the API reference at /docs keeps the policy its own page needs. */
export function addSecurityHeaders(app: FastifyInstance, options: { tls: boolean }): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (options.tls) reply.header('strict-transport-security', 'max-age=31536000');
    if (!request.url.startsWith('/docs') && !reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', CONSOLE_CSP);
    if (request.url.startsWith('/v1/'))
      reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
  });
}
