import { ErrorBody, type FieldError, listOf } from '@ballast/contracts';
import type { z } from 'zod';

/** The header on which the engine names the audit events a change produced. */
const AUDIT_EVENTS_HEADER = 'ballast-audit-events';

/** A failed call: the engine's own error code and message, and the fields it named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The rejected fields by path (`params.trigger.up_pct` → message), when the engine named any. */
  get fieldErrors(): Record<string, string> {
    if (!Array.isArray(this.details)) return {};
    const out: Record<string, string> = {};
    for (const d of this.details as Partial<FieldError>[])
      if (typeof d?.field === 'string' && typeof d.message === 'string') out[d.field] ??= d.message;
    return out;
  }
}

/** A request body as a form gives it: each field as typed, for the engine to judge (a refusal comes back as its field error). */
export type Loose<T> = { [K in keyof T]?: unknown };

export interface Sent<T> {
  readonly data: T;
  /** The seqs of the audit events the change wrote (empty for reads). */
  readonly auditSeqs: number[];
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The console's session, as the requests need it: the CSRF token every change repeats (the cookie
 * itself is sent by the browser), and what to do when the engine says the session is gone.
 */
const session: { csrfToken: string | null; onSignedOut: (() => void) | null } = {
  csrfToken: null,
  onSignedOut: null,
};

export function setRequestSession(csrfToken: string | null, onSignedOut: (() => void) | null): void {
  session.csrfToken = csrfToken;
  session.onSignedOut = onSignedOut;
}

function headersFor(method: Method, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  return headers;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = ErrorBody.parse(JSON.parse(text));
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details);
  } catch {
    return new ApiError(response.status, 'HTTP_ERROR', `the engine answered ${response.status}`);
  }
}

/**
 * One call to the engine's `/v1` API. The response is parsed with the shared schema, so a console
 * that drifted from the engine says so instead of showing wrong figures.
 */
export async function send<S extends z.ZodType>(
  schema: S,
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Sent<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'ENGINE_UNREACHABLE', 'The engine did not answer. Is it running?');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && (error.code === 'AUTH_REQUIRED' || error.code === 'AUTH_INVALID'))
      session.onSignedOut?.();
    throw error;
  }
  const header = response.headers.get(AUDIT_EVENTS_HEADER);
  const auditSeqs = header ? header.split(',').map(Number).filter(Number.isInteger) : [];
  const text = response.status === 204 ? '' : await response.text();
  const parsed = schema.safeParse(text === '' ? null : JSON.parse(text));
  if (!parsed.success)
    throw new ApiError(
      response.status,
      'RESPONSE_UNEXPECTED',
      `The engine's answer to ${method} ${path.split('?')[0]} does not match this console's version: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return { data: parsed.data, auditSeqs };
}

/** A read: just the parsed body. */
export async function get<S extends z.ZodType>(schema: S, path: string, signal?: AbortSignal) {
  return (await send(schema, 'GET', path, undefined, signal)).data;
}

/** `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Every page of a cursor-paged list (for the short lists a person keeps: portfolios, positions). */
export async function getAll<S extends z.ZodType>(
  item: S,
  path: string,
  query: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<z.infer<S>[]> {
  const items: z.infer<S>[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await get(listOf(item), withQuery(path, { ...query, limit: 500, cursor }), signal);
    items.push(...page.items);
    if (!page.next_cursor) return items;
    cursor = page.next_cursor;
  }
}

/** A refusal as a form shows it. */
export interface FormProblems {
  /** The engine's message per wire path (`params.trigger.up_pct`, `bars.seed`, `password`). */
  readonly fields: Readonly<Record<string, string>>;
  /** What belongs to no field on the form: the engine's message, or the fields the form does not show. */
  readonly message: string | null;
}

export const NO_PROBLEMS: FormProblems = { fields: {}, message: null };

/**
 * A failed change as a form shows it: each error the engine named next to its field, its message
 * when it named none. Given the fields the form `shows`, those it has no field for go into the
 * message (`role: would leave no enabled admin`), so no refusal is ever lost.
 */
export function problemsOf(error: unknown, shows?: Iterable<string>): FormProblems {
  if (error === null || error === undefined) return NO_PROBLEMS;
  if (!(error instanceof ApiError)) return { fields: {}, message: describeError(error) };
  const named = error.fieldErrors;
  if (Object.keys(named).length === 0) return { fields: {}, message: error.message };
  const shown = shows === undefined ? null : new Set(shows);
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, text] of Object.entries(named)) {
    if (shown === null || shown.has(path)) fields[path] = text;
    else others.push(`${path}: ${text}`);
  }
  return { fields, message: others.length > 0 ? others.join('; ') : null };
}

/** What to tell a person about a failure. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
