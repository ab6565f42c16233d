import { describe, expect, it } from 'vitest';
import { harnessAppPerTest } from '../test-support/api-call.js';

const t = harnessAppPerTest();

describe('the worker status', () => {
  it('says how old a heartbeat may be before the worker counts as gone', async () => {
    const res = await t.call('GET', '/v1/trading/worker/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ heartbeat_at: null, heartbeat_stale_after_seconds: 15 });
  });
});
