import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiCall } from '../test-support/api-call.js';
import { buildHarnessApp, type Harness, startHarness } from '../test-support/engine-harness.js';

let h: Harness;
let app: FastifyInstance;
beforeEach(async () => {
  h = await startHarness();
  app = await buildHarnessApp(h);
});
afterEach(async () => {
  await app.close();
  await h.close();
});

describe('the worker status', () => {
  it('says how old a heartbeat may be before the worker counts as gone', async () => {
    const res = await apiCall(app, 'GET', '/v1/trading/worker/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ heartbeat_at: null, heartbeat_stale_after_seconds: 15 });
  });
});
