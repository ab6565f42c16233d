import type { ApiResponse } from './api-call.js';

type Call = (method: 'GET' | 'POST', url: string, payload?: unknown) => Promise<ApiResponse>;

const FINAL = new Set(['completed', 'failed', 'cancelled']);

/** Reads a lab job (`/v1/simulations/{id}` or `/v1/optimizations/{id}`) until it has finished; its last answer. */
export async function untilFinished(call: Call, url: string, timeoutMs = 30_000): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call('GET', url);
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(res.body)}`);
    if (FINAL.has(res.body.status)) return res;
    if (Date.now() > deadline) throw new Error(`${url} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a lab job until `done` says so; every answer seen, oldest first. */
export async function watchUntil(
  call: Call,
  url: string,
  done: (body: ApiResponse['body']) => boolean,
  timeoutMs = 30_000,
): Promise<ApiResponse['body'][]> {
  const seen: ApiResponse['body'][] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call('GET', url);
    seen.push(res.body);
    if (done(res.body)) return seen;
    if (Date.now() > deadline)
      throw new Error(
        `${url} did not get there in ${timeoutMs} ms: ${JSON.stringify(res.body).slice(0, 300)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
