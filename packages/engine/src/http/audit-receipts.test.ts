import { describe, expect, it } from 'vitest';
import { type ApiResponse, auditReceipt, harnessAppPerTest } from '../test-support/api-call.js';
import { describeEachDialect } from '../test-support/dialects.js';

describeEachDialect('audit receipts', (dialect) => {
  const t = harnessAppPerTest({ dialect });

  const call = t.call;

  /** The one event a change names in its receipt, read back through `GET /v1/events/{seq}`. */
  async function receiptEvent(res: ApiResponse) {
    const seqs = auditReceipt(res);
    expect(seqs).toEqual([await t.h.store.audit.lastSeq()]);
    const event = await call('GET', `/v1/events/${seqs[0]}`);
    expect(event.status).toBe(200);
    return event.body;
  }

  async function createPortfolio() {
    const res = await call('POST', '/v1/portfolios', { name: 'Main', market_hours: 'always' });
    expect(res.status).toBe(201);
    return res;
  }

  async function createPosition(portfolioId: string) {
    const res = await call('POST', `/v1/portfolios/${portfolioId}/positions`, {
      symbol: 'ACME',
      shares: '50',
      cash: '5000',
      anchor: '100',
    });
    expect(res.status).toBe(201);
    return res;
  }

  describe('every change names the audit event it wrote', () => {
    it('creating, updating and deleting a portfolio', async () => {
      const created = await createPortfolio();
      const id = created.body.id;
      expect(await receiptEvent(created)).toMatchObject({
        type: 'PortfolioCreated',
        portfolio_id: id,
        position_id: null,
        actor: 'token:test-admin',
        payload: { name: 'Main' },
      });

      const updated = await call('PATCH', `/v1/portfolios/${id}`, { name: 'Renamed' });
      expect(updated.status).toBe(200);
      expect(await receiptEvent(updated)).toMatchObject({
        type: 'PortfolioUpdated',
        portfolio_id: id,
        position_id: null,
        payload: { changes: { name: { before: 'Main', after: 'Renamed' } } },
      });

      const deleted = await call('DELETE', `/v1/portfolios/${id}`);
      expect(deleted.status).toBe(204);
      expect(await receiptEvent(deleted)).toMatchObject({
        type: 'PortfolioDeleted',
        portfolio_id: id,
        position_id: null,
      });
    });

    it('creating, changing and deleting a position', async () => {
      const portfolioId = (await createPortfolio()).body.id;
      const created = await createPosition(portfolioId);
      const id = created.body.id;
      const subject = { portfolio_id: portfolioId, position_id: id, symbol: 'ACME' };
      expect(await receiptEvent(created)).toMatchObject({ type: 'PositionCreated', ...subject });

      const updated = await call('PATCH', `/v1/positions/${id}`, { auto_trading_enabled: false });
      expect(updated.status).toBe(200);
      expect(await receiptEvent(updated)).toMatchObject({
        type: 'PositionUpdatedByUser',
        ...subject,
        payload: { auto_trading_enabled: { before: true, after: false } },
      });

      const deposited = await call('POST', `/v1/positions/${id}/cash`, { kind: 'deposit', amount: '250' });
      expect(deposited.status).toBe(200);
      expect(await receiptEvent(deposited)).toMatchObject({
        type: 'CashMoved',
        ...subject,
        payload: { kind: 'deposit', amount: '250', cash: { before: '5000', after: '5250' } },
      });

      const anchored = await call('PUT', `/v1/positions/${id}/anchor`, { anchor: '95' });
      expect(anchored.status).toBe(200);
      expect(await receiptEvent(anchored)).toMatchObject({
        type: 'AnchorSet',
        ...subject,
        payload: { anchor: { before: '100', after: '95' } },
      });

      const deleted = await call('DELETE', `/v1/positions/${id}`);
      expect(deleted.status).toBe(204);
      expect(await receiptEvent(deleted)).toMatchObject({ type: 'PositionDeleted', ...subject });
    });

    it('changing the worker settings', async () => {
      const res = await call('PUT', '/v1/trading/worker', { interval_seconds: 30 });
      expect(res.status).toBe(200);
      expect(await receiptEvent(res)).toMatchObject({
        type: 'WorkerSettingsChanged',
        portfolio_id: null,
        position_id: null,
        payload: { interval_seconds: { before: 60, after: 30 } },
      });
    });

    it('names a different event for each change, in the order they were written', async () => {
      const first = auditReceipt(await createPortfolio());
      const second = auditReceipt(await createPortfolio());
      expect(second).toEqual([first[0]! + 1]);
    });
  });

  describe('what carries no receipt', () => {
    it('a refused change writes no event and names none', async () => {
      const portfolioId = (await createPortfolio()).body.id;
      const id = (await createPosition(portfolioId)).body.id;
      const before = await t.h.store.audit.lastSeq();

      const invalid = await call('PATCH', `/v1/positions/${id}`, { params: { trigger: { down_pct: -3 } } });
      expect(invalid.status).toBe(400);
      expect(invalid.headers['ballast-audit-events']).toBeUndefined();

      const overdrawn = await call('POST', `/v1/positions/${id}/cash`, {
        kind: 'withdrawal',
        amount: '9999',
      });
      expect(overdrawn.status).toBe(409);
      expect(overdrawn.headers['ballast-audit-events']).toBeUndefined();

      const missing = await call('PATCH', '/v1/positions/nope', { auto_trading_enabled: false });
      expect(missing.status).toBe(404);
      expect(missing.headers['ballast-audit-events']).toBeUndefined();

      expect(await t.h.store.audit.lastSeq()).toBe(before);
    });

    it('a read names none', async () => {
      const portfolioId = (await createPortfolio()).body.id;
      const id = (await createPosition(portfolioId)).body.id;
      for (const url of [
        '/v1/portfolios',
        `/v1/portfolios/${portfolioId}`,
        `/v1/positions/${id}`,
        '/v1/events',
      ]) {
        const res = await call('GET', url);
        expect(res.status).toBe(200);
        expect(res.headers['ballast-audit-events']).toBeUndefined();
      }
    });
  });
});
