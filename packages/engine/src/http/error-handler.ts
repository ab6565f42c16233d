import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CursorError } from '../adapters/db/cursor.js';
import { AppError } from '../application/app-error.js';

/** The one table from error codes to HTTP statuses. Anything not listed that reaches here is a bug: 500. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  AUTH_NOT_A_USER: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_FORBIDDEN: 403,
  AUTH_CSRF_INVALID: 403,
  AUTH_LOCKED: 429,
  AUTH_RATE_LIMITED: 429,
  USER_NOT_FOUND: 404,
  USER_EXISTS: 409,
  USER_LAST_ADMIN: 409,
  TOKEN_NOT_FOUND: 404,
  TOKEN_EXISTS: 409,
  TOKEN_REVOKED: 409,
  BODY_INVALID_JSON: 400,
  CURSOR_INVALID: 400,
  CASH_AMOUNT_INVALID: 400,
  ANCHOR_REQUIRED: 422,
  CASH_INSUFFICIENT: 409,
  PORTFOLIO_HALTED: 409,
  POSITION_CONFLICT: 409,
  POSITION_BUSY: 409,
  PORTFOLIO_NOT_FOUND: 404,
  POSITION_NOT_FOUND: 404,
  CYCLE_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  EVENT_NOT_FOUND: 404,
  SIMULATION_NOT_FOUND: 404,
  OPTIMIZATION_NOT_FOUND: 404,
  BARS_INVALID: 400,
  SIMULATION_NOT_CANCELLABLE: 409,
  OPTIMIZATION_NOT_CANCELLABLE: 409,
  SIMULATION_LAB_BUSY: 429,
  ROUTE_NOT_FOUND: 404,
  URL_INVALID: 400,
  URL_TOO_LONG: 414,
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  MEDIA_TYPE_UNSUPPORTED: 415,
  WORKER_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
};

/** Fastify's own request errors, renamed into our catalogue. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BODY_INVALID_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'URL_INVALID',
  FST_ERR_MAX_PARAM_LENGTH: 'URL_TOO_LONG',
};

export function sendError(reply: FastifyReply, code: string, message: string, details?: unknown) {
  const status = STATUS_BY_CODE[code] ?? 500;
  const wait = (details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  if (typeof wait === 'number') reply.header('retry-after', String(wait));
  return reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/**
 * Errors Fastify meets before it has found a route (a malformed %-escape, a path segment past the
 * router's length limit): the same catalogue and error shape, not Fastify's own body.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return sendError(reply, mapped, error.message);
  request.log.error({ err: error }, 'unhandled framework error');
  return sendError(reply, 'INTERNAL_ERROR', 'an internal error occurred; it has been logged');
}

interface ValidationItem {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string; keys?: string[] };
}

/** Each invalid field named by its path (`params.trigger.up_pct`), unknown keys one by one. */
function fieldsOf(error: { validation: ValidationItem[] }) {
  const where = (error as { validationContext?: string }).validationContext ?? 'body';
  return error.validation.flatMap((v: ValidationItem) => {
    const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const unknownKeys: string[] = v.keyword === 'unrecognized_keys' ? (v.params?.keys ?? []) : [];
    if (unknownKeys.length > 0) {
      return unknownKeys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        in: where,
        message: 'is not a known field',
      }));
    }
    return [
      { field: path || v.params?.missingProperty || where, in: where, message: v.message ?? 'is invalid' },
    ];
  });
}

/** A 404 that something else can still answer (the console's own page addresses); true if it did. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function installErrorHandling(app: FastifyInstance, fallback?: NotFoundFallback): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error) || (error.validation && error.validation.length > 0)) {
      const fields = fieldsOf(error as never);
      return sendError(
        reply,
        'VALIDATION_FAILED',
        `invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
        fields,
      );
    }
    const known: unknown = error;
    if (known instanceof AppError) return sendError(reply, known.code, known.message, known.details);
    if (known instanceof CursorError) return sendError(reply, known.code, known.message);
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendError(reply, mapped, error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: 'REQUEST_INVALID', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send({ error: { code: 'INTERNAL_ERROR', message: 'an internal error occurred; it has been logged' } });
  });
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return reply;
    return sendError(reply, 'ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
}
