import { vi } from 'vitest';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

export interface FakeResponse {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

type Route = FakeResponse | ((request: FakeRequest) => FakeResponse);

/**
 * The engine's HTTP API as a component test sees it: answers by `METHOD /path`, every request kept
 * so a test can check exactly what the console sent. (The real engine is driven in the browser tests.)
 */
export function fakeEngine(routes: Record<string, Route>) {
  const requests: FakeRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://console.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: { ...(init.headers as Record<string, string> | undefined) },
    };
    requests.push(request);
    const route = routes[`${method} ${url.pathname}`];
    const answer: FakeResponse = route
      ? typeof route === 'function'
        ? route(request)
        : route
      : {
          status: 404,
          body: { error: { code: 'ROUTE_NOT_FOUND', message: `no route ${method} ${url.pathname}` } },
        };
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? null), {
      status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    requests,
    /** The requests that changed something (everything but GET). */
    changes: () => requests.filter((r) => r.method !== 'GET'),
  };
}
