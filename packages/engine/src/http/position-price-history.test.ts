import { describe, expect, it } from 'vitest';
import { apiCall, harnessAppPerTest } from '../test-support/api-call.js';

const t = harnessAppPerTest();

const prices = (id: string, query = '') => apiCall(t.app, 'GET', `/v1/positions/${id}/prices${query}`);

/** One worker cycle a minute later than the last, at this price (or with the quote failing). */
async function cycleAt(price: number | 'failing') {
  t.h.clock.advance(60_000);
  if (price === 'failing') t.h.market.fail('ACME', 'provider down');
  else t.h.market.set('ACME', price);
  return t.h.orchestrator.runCycle({ source: 'worker', actor: 'test' });
}

const minute = (n: number) => new Date(Date.UTC(2026, 0, 6, 15, n, 0)).toISOString();

describe('the prices a position was evaluated at', () => {
  it('lists them oldest first, each with the anchor it was compared with', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME' });
    await cycleAt(99);
    const buy = await cycleAt(97);
    expect(buy.counts).toMatchObject({ orders: 1, fills: 1 });
    await cycleAt(98);

    const res = await prices(position.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      position_id: position.id,
      items: [
        { at: minute(1), price: '99', anchor: '100' },
        { at: minute(2), price: '97', anchor: '100' },
        { at: minute(3), price: '98', anchor: '97' },
      ],
    });
  });

  it('is empty before the first cycle', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME' });
    expect((await prices(position.id)).body).toEqual({ position_id: position.id, items: [] });
  });

  it('keeps only the most recent prices when given a limit', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME' });
    for (const price of [99, 98.5, 98, 99.5]) await cycleAt(price);
    expect((await prices(position.id, '?limit=2')).body.items).toEqual([
      { at: minute(3), price: '98', anchor: '100' },
      { at: minute(4), price: '99.5', anchor: '100' },
    ]);
    expect((await prices(position.id, '?limit=4')).body.items).toHaveLength(4);
  });

  it('leaves out the cycles whose quote failed', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME' });
    await cycleAt(99);
    await cycleAt('failing');
    await cycleAt(98);
    expect((await prices(position.id)).body.items).toEqual([
      { at: minute(1), price: '99', anchor: '100' },
      { at: minute(3), price: '98', anchor: '100' },
    ]);
  });

  it('counts only real prices against the limit', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME' });
    await cycleAt(99);
    await cycleAt(98);
    await cycleAt('failing');
    await cycleAt('failing');
    await cycleAt(98.5);
    expect((await prices(position.id, '?limit=2')).body.items).toEqual([
      { at: minute(2), price: '98', anchor: '100' },
      { at: minute(5), price: '98.5', anchor: '100' },
    ]);
  });

  it('answers only for its own position', async () => {
    const acme = await t.h.addPosition({ symbol: 'ACME' });
    const other = await t.h.addPosition({ symbol: 'OTHER', anchor: '50' });
    t.h.market.set('OTHER', 50.5);
    await cycleAt(99);
    expect((await prices(acme.position.id)).body.items).toEqual([
      { at: minute(1), price: '99', anchor: '100' },
    ]);
    expect((await prices(other.position.id)).body.items).toEqual([
      { at: minute(1), price: '50.5', anchor: '50' },
    ]);
  });

  it('answers 404 for an unknown position and 400 for a limit out of range', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME' });
    expect(await prices('nope')).toMatchObject({
      status: 404,
      body: { error: { code: 'POSITION_NOT_FOUND' } },
    });
    for (const limit of ['0', '5001', 'ten']) {
      const res = await prices(position.id, `?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'limit' }] });
    }
    expect((await prices(position.id, '?limit=5000')).status).toBe(200);
  });
});
