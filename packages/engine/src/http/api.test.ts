import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test-support/dialects.js';
import { adminAuth, buildHarnessApp, type Harness, startHarness } from '../test-support/engine-harness.js';

describeEachDialect('the HTTP API', (dialect) => {
  let h: Harness;
  let app: FastifyInstance;
  beforeEach(async () => {
    h = await startHarness({ dialect });
    app = await buildHarnessApp(h);
  });
  afterEach(async () => {
    await app.close();
    await h.close();
  });

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    const res = await app.inject({
      method,
      url,
      headers: adminAuth(app),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  }

  async function createPosition(body: object = {}) {
    const pf = await call('POST', '/v1/portfolios', { name: 'Main', market_hours: 'always' });
    expect(pf.status).toBe(201);
    h.market.set('ACME', 100);
    const pos = await call('POST', `/v1/portfolios/${pf.body.id}/positions`, {
      symbol: 'ACME',
      shares: '50',
      cash: '5000',
      ...body,
    });
    expect(pos.status).toBe(201);
    return { portfolio: pf.body, position: pos.body };
  }

  describe('portfolios and positions through the API', () => {
    it('creates a position whose anchor defaults to the current quote, with default parameters', async () => {
      const { position } = await createPosition({ params: { trigger: { up_pct: 4 } } });
      expect(position).toMatchObject({
        symbol: 'ACME',
        shares: '50',
        cash: '5000',
        anchor: '100',
        auto_trading_enabled: true,
        market_hours: 'always',
        invested: '10000',
      });
      expect(position.params.trigger).toEqual({ up_pct: 4, down_pct: 3 });
      expect(position.params.guardrails.max_trade_pct).toBe(20);
    });

    it('refuses bad parameters with 400 naming the field, and changes nothing', async () => {
      const { position } = await createPosition();
      const eventsBefore = await h.store.audit.lastSeq();
      const bad = await call('PATCH', `/v1/positions/${position.id}`, {
        params: { guardrails: { min_stock_pct: 80, max_stock_pct: 70 } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(bad.body.error.details).toEqual([
        { field: 'params.guardrails.min_stock_pct', message: 'must be less than guardrails.max_stock_pct' },
      ]);
      const negative = await call('PATCH', `/v1/positions/${position.id}`, {
        params: { trigger: { down_pct: -3 } },
      });
      expect(negative.status).toBe(400);
      expect(negative.body.error.details[0].field).toBe('params.trigger.down_pct');
      const unknown = await call('PATCH', `/v1/positions/${position.id}`, {
        params: { trigger: { upp_pct: 3 } },
      });
      expect(unknown.status).toBe(400);
      expect((await call('GET', `/v1/positions/${position.id}`)).body.params).toEqual(position.params);
      expect(await h.store.audit.lastSeq()).toBe(eventsBefore);
    });

    it('deposits and withdraws cash, refusing to withdraw more than there is', async () => {
      const { position } = await createPosition();
      const dep = await call('POST', `/v1/positions/${position.id}/cash`, {
        kind: 'deposit',
        amount: '250.50',
      });
      expect(dep.body).toMatchObject({ cash: '5250.5', invested: '10250.5' });
      const tooMuch = await call('POST', `/v1/positions/${position.id}/cash`, {
        kind: 'withdrawal',
        amount: 999999,
      });
      expect(tooMuch).toMatchObject({ status: 409, body: { error: { code: 'CASH_INSUFFICIENT' } } });
      const zero = await call('POST', `/v1/positions/${position.id}/cash`, { kind: 'deposit', amount: 0 });
      expect(zero).toMatchObject({ status: 400, body: { error: { details: [{ field: 'amount' }] } } });
    });

    it('sets the anchor explicitly or from the current price', async () => {
      const { position } = await createPosition();
      expect((await call('PUT', `/v1/positions/${position.id}/anchor`, { anchor: '95.5' })).body.anchor).toBe(
        '95.5',
      );
      h.market.set('ACME', 101.25);
      expect(
        (await call('PUT', `/v1/positions/${position.id}/anchor`, { use_current_price: true })).body.anchor,
      ).toBe('101.25');
      expect((await call('PUT', `/v1/positions/${position.id}/anchor`, { anchor: '-1' })).status).toBe(400);
    });

    it('answers 404 with a reason code for what does not exist', async () => {
      expect(await call('GET', '/v1/positions/nope')).toMatchObject({
        status: 404,
        body: { error: { code: 'POSITION_NOT_FOUND' } },
      });
      expect(await call('GET', '/v1/portfolios/nope')).toMatchObject({
        status: 404,
        body: { error: { code: 'PORTFOLIO_NOT_FOUND' } },
      });
      expect(await call('GET', '/v1/nothing-here')).toMatchObject({
        status: 404,
        body: { error: { code: 'ROUTE_NOT_FOUND' } },
      });
    });
  });

  describe('trading through the API', () => {
    it('runs a manual cycle for one position and returns its outcome', async () => {
      const { position } = await createPosition();
      h.market.set('ACME', 97);
      const res = await call('POST', `/v1/trading/cycle?position_id=${position.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        source: 'api/manual',
        actor: 'token:test-admin',
        status: 'completed',
        counts: { orders: 1, fills: 1 },
      });
      expect(res.body.results[0]).toMatchObject({
        position_id: position.id,
        outcome: 'order',
        fill: 'filled',
      });
      const cycle = await call('GET', `/v1/trading/cycles/${res.body.id}`);
      expect(cycle.body.events.map((e: { type: string }) => e.type)).toContain('ExecutionRecorded');
      const orders = await call('GET', `/v1/orders?position_id=${position.id}`);
      expect(orders.body.items).toHaveLength(1);
      const trades = await call('GET', `/v1/trades?portfolio_id=${position.portfolio_id}`);
      expect(trades.body.items[0]).toMatchObject({
        side: 'buy',
        qty: '5.234455',
        price: '97',
        fee: '0.050774',
      });
    });

    it('runs every automatically trading position when no position is named', async () => {
      const { position } = await createPosition();
      await call('PATCH', `/v1/positions/${position.id}`, { auto_trading_enabled: false });
      const second = await call('POST', `/v1/portfolios/${position.portfolio_id}/positions`, {
        symbol: 'ACME',
        shares: '50',
        cash: '5000',
        anchor: '100',
      });
      h.market.set('ACME', 97);
      const res = await call('POST', '/v1/trading/cycle');
      expect(res.body).toMatchObject({
        source: 'api/manual',
        positions: 1,
        counts: { evaluated: 1, orders: 1 },
      });
      expect((await call('GET', `/v1/orders?position_id=${second.body.id}`)).body.items).toHaveLength(1);
      expect((await call('GET', `/v1/orders?position_id=${position.id}`)).body.items).toHaveLength(0);
      const cycles = await call('GET', '/v1/trading/cycles?source=api/manual');
      expect(cycles.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    });

    it('answers 404 for an unknown position and 409 for a halted portfolio', async () => {
      expect(await call('POST', '/v1/trading/cycle?position_id=missing')).toMatchObject({
        status: 404,
        body: { error: { code: 'POSITION_NOT_FOUND' } },
      });
      const { portfolio, position } = await createPosition();
      await call('PATCH', `/v1/portfolios/${portfolio.id}`, { state: 'halted' });
      h.market.set('ACME', 90);
      const res = await call('POST', `/v1/trading/cycle?position_id=${position.id}`);
      expect(res).toMatchObject({ status: 409, body: { error: { code: 'PORTFOLIO_HALTED' } } });
      expect((await call('GET', `/v1/orders?position_id=${position.id}`)).body.items).toHaveLength(0);
    });

    it('changes the worker settings and records who did it', async () => {
      const res = await call('PUT', '/v1/trading/worker', { enabled: false, interval_seconds: 5 });
      expect(res.body).toMatchObject({
        enabled: false,
        interval_seconds: 5,
        settings_updated_by: 'token:test-admin',
      });
      expect((await call('GET', '/v1/trading/worker/status')).body).toMatchObject({
        running: false,
        enabled: false,
        interval_seconds: 5,
      });
      const events = await call('GET', '/v1/events?type=WorkerSettingsChanged');
      expect(events.body.items[0].payload).toEqual({
        enabled: { before: true, after: false },
        interval_seconds: { before: 60, after: 5 },
      });
      expect((await call('PUT', '/v1/trading/worker', { interval_seconds: 0 })).status).toBe(400);
      expect((await call('PUT', '/v1/trading/worker', {})).status).toBe(400);
    });
  });

  describe('requests the server cannot use', () => {
    it('answers malformed JSON, a wrong content type and an oversized body with the error shape', async () => {
      const broken = await app.inject({
        method: 'POST',
        url: '/v1/portfolios',
        headers: { ...adminAuth(app), 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error.code).toBe('BODY_INVALID_JSON');
      const text = await app.inject({
        method: 'POST',
        url: '/v1/portfolios',
        headers: { ...adminAuth(app), 'content-type': 'text/plain' },
        payload: 'name=x',
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe('MEDIA_TYPE_UNSUPPORTED');
      const huge = await app.inject({
        method: 'POST',
        url: '/v1/portfolios',
        headers: adminAuth(app),
        payload: { name: 'x'.repeat(100_000) },
      });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error.code).toBe('BODY_TOO_LARGE');
      expect((await call('GET', '/v1/portfolios')).body.items).toHaveLength(0);
    });

    it('names the field of a wrong type or an unknown one', async () => {
      const res = await call('POST', '/v1/portfolios', { name: 'x', state: 'sleeping', colour: 'red' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(
        ['colour', 'state'].sort(),
      );
    });
  });

  describe('lists and the audit trail', () => {
    it('pages newest first with an opaque cursor and refuses a forged one', async () => {
      for (let i = 0; i < 5; i++) await call('POST', '/v1/portfolios', { name: `P${i}` });
      const first = await call('GET', '/v1/portfolios?limit=2');
      expect(first.body.items.map((p: { name: string }) => p.name)).toEqual(['P4', 'P3']);
      const second = await call('GET', `/v1/portfolios?limit=2&cursor=${first.body.next_cursor}`);
      expect(second.body.items.map((p: { name: string }) => p.name)).toEqual(['P2', 'P1']);
      const third = await call('GET', `/v1/portfolios?limit=2&cursor=${second.body.next_cursor}`);
      expect(third.body).toMatchObject({ next_cursor: null });
      expect((await call('GET', '/v1/portfolios?cursor=%27%3B--')).body.error.code).toBe('CURSOR_INVALID');
      expect((await call('GET', '/v1/portfolios?limit=501')).status).toBe(400);
    });

    it('filters events and verifies the chain', async () => {
      const { position } = await createPosition();
      h.market.set('ACME', 97);
      await call('POST', `/v1/trading/cycle?position_id=${position.id}`);
      const manual = await call(
        'GET',
        `/v1/events?source=api/manual&position_id=${position.id}&type=OrderCreated`,
      );
      expect(manual.body.items).toHaveLength(1);
      expect(manual.body.items[0]).toMatchObject({
        type: 'OrderCreated',
        source: 'api/manual',
        position_id: position.id,
      });
      expect((await call('GET', '/v1/events?source=worker')).body.items).toHaveLength(0);
      expect((await call('GET', '/v1/events?source=nobody')).status).toBe(400);
      expect((await call('GET', '/v1/audit/verify')).body).toMatchObject({ ok: true, first_bad_seq: null });
    });

    it('serves health, readiness and the OpenAPI document', async () => {
      expect((await call('GET', '/v1/healthz')).body).toEqual({ status: 'ok' });
      expect((await call('GET', '/v1/readyz')).body).toMatchObject({
        status: 'ok',
        checks: { database: 'ok' },
      });
      const doc = await app.inject({ method: 'GET', url: '/docs/json' });
      expect(Object.keys(doc.json().paths)).toContain('/v1/trading/worker/status');
    });
  });

  describe('time ranges over the audit trail', () => {
    it('selects events by when they were recorded, at both ends', async () => {
      const first = await call('POST', '/v1/portfolios', { name: 'early' });
      h.clock.advance(60_000);
      const middle = h.clock.now();
      await call('POST', '/v1/portfolios', { name: 'middle' });
      h.clock.advance(60_000);
      const late = h.clock.now();
      await call('POST', '/v1/portfolios', { name: 'late' });
      const names = async (query: string) =>
        (await call('GET', `/v1/events?type=PortfolioCreated&order=asc&${query}`)).body.items.map(
          (e: { payload: { name: string } }) => e.payload.name,
        );
      expect(first.status).toBe(201);
      expect(await names(`since=${new Date(middle).toISOString()}`)).toEqual(['middle', 'late']);
      expect(await names(`until=${new Date(late).toISOString()}`)).toEqual(['early', 'middle']);
      expect(
        await names(`since=${new Date(middle).toISOString()}&until=${new Date(late).toISOString()}`),
      ).toEqual(['middle']);
      expect(await names(`since=${new Date(late + 1).toISOString()}`)).toEqual([]);
    });
  });
});
