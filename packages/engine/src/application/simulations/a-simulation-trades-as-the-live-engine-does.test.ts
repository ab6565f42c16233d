import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBarCsv } from '../../adapters/market-data/bar-csv.js';
import { DATA_SAMPLES_DIR } from '../../adapters/market-data/sample-bar-files.js';
import { Decimal } from '../../domain/decimal.js';
import { simulateBars } from '../../domain/simulation/simulate-bars.js';
import { DEFAULT_PARAMS } from '../../domain/strategy-params.js';
import { applyParamsPatch } from '../../domain/strategy-params-validation.js';
import { type Harness, startHarness } from '../../test-support/engine-harness.js';

const DAX = parseBarCsv(readFileSync(new URL('eustock-dax.csv', DATA_SAMPLES_DIR), 'utf8'));
/** Enough closes for dozens of trades of every kind (triggers, trims to the band, anchor resets). */
const BARS = 400;

let h: Harness;
afterEach(() => h?.close());

/**
 * DESIGN §9: a simulation runs the same rules as live trading. The live engine — orchestrator, paper
 * broker, database, test clock — is driven one cycle per close; the simulation core plays the same
 * closes; their trades and final positions must be the same to the last digit.
 */
describe('a simulation trades as the live engine does', () => {
  for (const [name, patch] of [
    ['the default parameters', {}],
    [
      'tight triggers, a wide band and whole trades',
      {
        trigger: { up_pct: 1.5, down_pct: 1.5 },
        guardrails: { min_stock_pct: 10, max_stock_pct: 90, max_trade_pct: 100 },
        order: { commission_rate: 0.001 },
      },
    ],
  ] as const) {
    it(`over ${BARS} DAX closes with ${name}`, async () => {
      const checked = applyParamsPatch(DEFAULT_PARAMS, patch);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      h = await startHarness();
      const { position } = await h.addPosition({
        symbol: 'DAX',
        shares: '2',
        cash: '3000',
        anchor: DAX.closeText[0]!,
        params: patch,
      });
      for (let i = 0; i < BARS; i++) {
        h.clock.set(DAX.times[i]!);
        h.market.set('DAX', DAX.closeText[i]!);
        await h.orchestrator.runCycle({ source: 'worker', actor: 'test' });
      }
      const live = await h.store.trades.listByPosition(position.id);
      const after = await h.store.positions.get(position.id);

      const bars = {
        length: BARS,
        times: DAX.times.slice(0, BARS),
        closes: DAX.closes.slice(0, BARS),
        closeText: DAX.closeText.slice(0, BARS),
      };
      const simulated = simulateBars({
        bars,
        shares: new Decimal(2),
        cash: new Decimal(3000),
        anchor: new Decimal(DAX.closeText[0]!),
        params: checked.params,
        marketHours: 'always',
      });

      expect(live.length).toBeGreaterThan(10);
      const asText = (t: { side: string; qty: Decimal; price: Decimal; fee: Decimal }, at: number) =>
        `${new Date(at).toISOString()} ${t.side} ${t.qty.toFixed()} @ ${t.price.toFixed()} fee ${t.fee.toFixed()}`;
      expect(simulated.trades.map((t) => asText(t, t.time))).toEqual(
        live.map((t) => asText(t, t.executedAt)),
      );
      expect(simulated.final.shares.toFixed()).toBe(after!.shares.toFixed());
      expect(simulated.final.cash.toFixed()).toBe(after!.cash.toFixed());
      expect(simulated.final.anchor?.toFixed()).toBe(after!.anchor?.toFixed());
    }, 60_000);
  }
});
