import { describe, expect, it } from 'vitest';
import { harnessAppPerTest } from '../test-support/api-call.js';

const t = harnessAppPerTest();

const call = t.call;
const triggersOf = async (id: string) => (await call('GET', `/v1/positions/${id}`)).body.triggers;

async function cycleAt(price: number) {
  t.h.clock.advance(60_000);
  t.h.market.set('ACME', price);
  return t.h.orchestrator.runCycle({ source: 'worker', actor: 'test' });
}

describe('where a position next trades', () => {
  it('shows the levels from the anchor, with no distances before there is a price', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME', anchor: '100' });
    expect(await triggersOf(position.id)).toEqual({
      sell_at: '103',
      buy_at: '97',
      sell_distance_pct: null,
      buy_distance_pct: null,
    });
  });

  it('measures how far the last price is from each level', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME', anchor: '100' });
    expect((await cycleAt(98)).counts).toMatchObject({ holds: 1, orders: 0 });
    // (103 − 98) / 98 = 5.102 %; (97 − 98) / 98 = −1.020 %
    expect(await triggersOf(position.id)).toEqual({
      sell_at: '103',
      buy_at: '97',
      sell_distance_pct: 5.1,
      buy_distance_pct: -1.02,
    });
  });

  it('moves with the anchor after a fill', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME', anchor: '100' });
    expect((await cycleAt(97)).counts).toMatchObject({ orders: 1, fills: 1 });
    // anchor 97: 97 · 1.03 = 99.91, 97 · 0.97 = 94.09; (99.91 − 97) / 97 = 3 %, (94.09 − 97) / 97 = −3 %
    expect(await triggersOf(position.id)).toEqual({
      sell_at: '99.91',
      buy_at: '94.09',
      sell_distance_pct: 3,
      buy_distance_pct: -3,
    });
  });

  it("uses the position's own thresholds", async () => {
    const pf = await call('POST', '/v1/portfolios', { name: 'Main' });
    const res = await call('POST', `/v1/portfolios/${pf.body.id}/positions`, {
      symbol: 'ACME',
      shares: '10',
      cash: '1000',
      anchor: '80',
      params: { trigger: { up_pct: 4, down_pct: 2.5 } },
    });
    expect(res.status).toBe(201);
    expect(res.body.triggers).toEqual({
      sell_at: '83.2',
      buy_at: '78',
      sell_distance_pct: null,
      buy_distance_pct: null,
    });
  });

  it('has no levels once the anchor is cleared', async () => {
    const { position } = await t.h.addPosition({ symbol: 'ACME', anchor: '100' });
    await cycleAt(98);
    const cleared = await call('PUT', `/v1/positions/${position.id}/anchor`, { anchor: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ anchor: null, triggers: null });
    expect(await triggersOf(position.id)).toBeNull();
  });

  it('lists the levels of every position too', async () => {
    const { portfolio } = await t.h.addPosition({ symbol: 'ACME', anchor: '100' });
    const list = await call('GET', `/v1/positions?portfolio_id=${portfolio.id}`);
    expect(list.body.items.map((p: { triggers: unknown }) => p.triggers)).toEqual([
      { sell_at: '103', buy_at: '97', sell_distance_pct: null, buy_distance_pct: null },
    ]);
  });
});
