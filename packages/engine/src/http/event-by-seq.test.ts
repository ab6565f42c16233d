import { describe, expect, it } from 'vitest';
import { harnessAppPerTest } from '../test-support/api-call.js';
import { adminAuth } from '../test-support/engine-harness.js';

const t = harnessAppPerTest();

const call = t.call;

/** A hold cycle over one position: CycleStarted, PriceEvent, TriggerEvaluated, CycleCompleted. */
async function someEvents() {
  const { position } = await t.h.addPosition({ symbol: 'ACME' });
  t.h.market.set('ACME', 99);
  await t.h.orchestrator.runCycle({ source: 'worker', actor: 'test' });
  return position;
}

describe('one audit event by its seq', () => {
  it('answers each event exactly as the list shows it', async () => {
    await someEvents();
    const list = await call('GET', '/v1/events?order=asc');
    expect(list.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]); // 1: the harness's admin token
    for (const item of list.body.items) {
      const one = await call('GET', `/v1/events/${item.seq}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(item);
    }
  });

  it('answers 404 EVENT_NOT_FOUND for a seq not written yet', async () => {
    await someEvents();
    expect(await call('GET', '/v1/events/8')).toMatchObject({
      status: 404,
      body: { error: { code: 'EVENT_NOT_FOUND', message: 'event 8 does not exist' } },
    });
  });

  it('refuses a seq that is not a positive whole number', async () => {
    await someEvents();
    for (const seq of ['abc', '0', '-1', '1.5']) {
      const res = await call('GET', `/v1/events/${seq}`);
      expect(res.status, seq).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['seq']);
    }
  });
});

describe('the fixed addresses beside it keep their own handlers', () => {
  it('exports as NDJSON', async () => {
    const position = await someEvents();
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/events/export?format=ndjson&position_id=${position.id}`,
      headers: adminAuth(t.app),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((e) => e.type)).toEqual(['PositionCreated', 'PriceEvent', 'TriggerEvaluated']);
  });

  it('streams as Server-Sent Events', async () => {
    await someEvents();
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/events/stream',
      headers: adminAuth(t.app),
      payloadAsStream: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    res.stream().destroy();
  });
});
