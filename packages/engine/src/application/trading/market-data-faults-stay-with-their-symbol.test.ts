import { afterEach, beforeEach, expect, it } from 'vitest';
import { clientOrderIdFor } from '../../adapters/broker/client-order-id.js';
import { describeEachDialect } from '../../test-support/dialects.js';
import { type Harness, SILENT_LOGGER, startHarness } from '../../test-support/engine-harness.js';
import { FixedPriceMarketData } from '../../test-support/fixed-price-market-data.js';
import type { QuoteResult } from '../ports/market-data.js';
import { LiveTradingOrchestrator } from './live-trading-orchestrator.js';

const WORKER = { source: 'worker' as const, actor: 'worker-test' };

/** A provider that stops answering when told to, as a hung HTTP call would. */
class SilentMarketData extends FixedPriceMarketData {
  silent = false;
  override async getQuotes(symbols: readonly string[]): Promise<QuoteResult[]> {
    if (this.silent) return new Promise(() => {});
    return super.getQuotes(symbols);
  }
}

describeEachDialect('a market-data fault', (dialect) => {
  let h: Harness;
  let market: SilentMarketData;
  let orchestrator: LiveTradingOrchestrator;
  beforeEach(async () => {
    h = await startHarness({ dialect });
    market = new SilentMarketData(h.clock);
    orchestrator = new LiveTradingOrchestrator({
      store: h.store,
      marketData: market,
      broker: h.broker,
      clock: h.clock,
      ids: h.ids,
      timers: h.timers,
      logger: SILENT_LOGGER,
      clientOrderIdFor,
      quoteTimeoutMs: 100,
    });
  });
  afterEach(() => h.close());

  async function twoPositions() {
    market.set('GOOD', 100).set('ODD', 100);
    const good = (await h.addPosition({ symbol: 'GOOD' })).position;
    const odd = (await h.addPosition({ symbol: 'ODD' })).position;
    await orchestrator.runCycle(WORKER); // the engine has seen both at 100
    return { good, odd };
  }

  const priceEventOf = async (cycleId: string, positionId: string) =>
    (
      await h.store.audit.list(
        { type: 'PriceEvent', cycle_id: cycleId, position_id: positionId },
        { limit: 1 },
      )
    ).items[0]!.payload;

  it('an absurd price fails its symbol, recorded in its PriceEvent, and the others trade', async () => {
    const { good, odd } = await twoPositions();
    market.set('GOOD', 97).set('ODD', 1_250);
    const cycle = await orchestrator.runCycle(WORKER);
    expect(cycle.counts).toMatchObject({ evaluated: 2, orders: 1, fills: 1, no_price: 1 });
    expect(await priceEventOf(cycle.id, odd.id)).toMatchObject({
      ok: false,
      price: null,
      error: 'absurd price 1250: more than 10× the last price 100',
    });
    expect(await priceEventOf(cycle.id, good.id)).toMatchObject({ ok: true, price: '97' });
    // The anchor did not jump to the absurd price.
    expect((await h.store.positions.get(odd.id))!.anchor?.toFixed()).toBe('100');
  });

  it('a price that is not a positive number fails its symbol the same way', async () => {
    const { odd } = await twoPositions();
    market.set('ODD', 0);
    const cycle = await orchestrator.runCycle(WORKER);
    expect(await priceEventOf(cycle.id, odd.id)).toMatchObject({
      ok: false,
      error: 'absurd price 0: not a positive number',
    });
  });

  it('an error for one symbol stays with it', async () => {
    const { good, odd } = await twoPositions();
    market.fail('ODD', 'symbol suspended by the exchange').set('GOOD', 97);
    const cycle = await orchestrator.runCycle(WORKER);
    expect(await priceEventOf(cycle.id, odd.id)).toMatchObject({
      ok: false,
      error: 'symbol suspended by the exchange',
    });
    expect(cycle.counts).toMatchObject({ fills: 1 });
    expect(await priceEventOf(cycle.id, good.id)).toMatchObject({ ok: true });
  });

  it('a provider that does not answer fails the cycle’s prices after the timeout, and the cycle completes', async () => {
    const { good } = await twoPositions();
    market.silent = true;
    const cycle = await orchestrator.runCycle(WORKER);
    expect(cycle).toMatchObject({ status: 'completed', counts: { evaluated: 2, no_price: 2, orders: 0 } });
    expect(await priceEventOf(cycle.id, good.id)).toMatchObject({
      ok: false,
      error: 'fixed did not answer within 0.1 s',
    });
    market.silent = false;
    market.set('GOOD', 97);
    expect((await orchestrator.runCycle(WORKER)).counts).toMatchObject({ fills: 1 });
  });
});
