import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import type { TestDialect } from './dialects.js';
import { adminAuth, buildHarnessApp, type Harness, startHarness } from './engine-harness.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiResponse {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the route answered
  readonly body: any;
}

/** One request to the app through `app.inject` as the harness's admin token, its JSON body parsed (null when there is none). */
export async function apiCall(
  app: FastifyInstance,
  method: HttpMethod,
  url: string,
  payload?: unknown,
): Promise<ApiResponse> {
  const res = await app.inject({
    method,
    url,
    headers: adminAuth(app),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, headers: res.headers, body: res.body ? res.json() : null };
}

export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly payload?: string;
}

/**
 * Any request through `app.inject`, exactly as given (no credentials added), answered whatever it is:
 * a JSON body parsed, other text kept, and an event stream (which never ends by itself) cut off as
 * soon as its status and headers are in.
 */
export async function injectRaw(app: FastifyInstance, request: RawRequest): Promise<ApiResponse> {
  const res = await app.inject({ ...request, method: request.method as HttpMethod, payloadAsStream: true });
  const type = String(res.headers['content-type'] ?? '');
  const stream = res.stream();
  if (type.startsWith('text/event-stream')) {
    stream.destroy();
    return { status: res.statusCode, headers: res.headers, body: null };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  const body = text === '' ? null : type.startsWith('application/json') ? JSON.parse(text) : text;
  return { status: res.statusCode, headers: res.headers, body };
}

/** The seqs a response names in its `ballast-audit-events` header (none: an empty list). */
export function auditReceipt(res: ApiResponse): number[] {
  const header = res.headers['ballast-audit-events'];
  if (header === undefined) return [];
  return String(header).split(',').map(Number);
}

export interface HarnessApp {
  /** The engine under test (a real database, test clock, hand-set prices). */
  readonly h: Harness;
  readonly app: FastifyInstance;
  call(method: HttpMethod, url: string, payload?: unknown): Promise<ApiResponse>;
}

/** A fresh engine (on SQLite unless told otherwise) and its HTTP app for every test, closed after each. */
export function harnessAppPerTest(options: { dialect?: TestDialect } = {}): HarnessApp {
  let h: Harness;
  let app: FastifyInstance;
  beforeEach(async () => {
    h = await startHarness(options);
    app = await buildHarnessApp(h);
  });
  afterEach(async () => {
    await app.close();
    await h.close();
  });
  return {
    get h() {
      return h;
    },
    get app() {
      return app;
    },
    call: (method, url, payload) => apiCall(app, method, url, payload),
  };
}
