import type { Requester } from '../audit-draft.js';
import type { PortfolioService } from '../portfolios/portfolio-service.js';
import type { Logger } from '../ports/logger.js';
import type { MarketData } from '../ports/market-data.js';
import type { Store } from '../ports/store.js';
import type { PositionService } from '../positions/position-service.js';

export const DEMO_SYMBOLS = ['SIM-ALPHA', 'SIM-BETA', 'SIM-GAMMA'] as const;
const SEEDER: Requester = { source: 'system', actor: 'ballast (first start)' };

/**
 * On the very first start (no portfolio has ever existed) create a clearly labelled demo portfolio on
 * simulated symbols that trade around the clock, so a new user sees the worker trade within minutes.
 * Deleting it is permanent: it is never recreated.
 */
export async function seedDemoPortfolio(deps: {
  store: Store;
  portfolios: PortfolioService;
  positions: PositionService;
  marketData: MarketData;
  logger: Logger;
}): Promise<boolean> {
  if ((await deps.store.portfolios.count()) > 0) return false;
  const quotes = await deps.marketData.peekQuotes(DEMO_SYMBOLS);
  const { portfolio } = await deps.portfolios.create(
    {
      name: 'Demo — simulated market (not real money)',
      base_currency: 'USD',
      auto_trading_enabled: true,
      state: 'active',
      market_hours: 'always',
    },
    SEEDER,
    { isDemo: true },
  );
  for (const quote of quotes) {
    if (!quote.ok) continue;
    const shares = quote.price.isZero() ? '0' : (5000 / quote.price.toNumber()).toFixed(3);
    await deps.positions.create(
      portfolio.id,
      {
        symbol: quote.symbol,
        shares,
        cash: '5000',
        anchor: quote.price.toFixed(),
        auto_trading_enabled: true,
        params: { guardrails: { max_orders_per_day: 100 } },
      },
      SEEDER,
    );
  }
  deps.logger.info(
    { portfolio_id: portfolio.id, symbols: DEMO_SYMBOLS },
    'created the demo portfolio (BALLAST_DEMO=false skips this on a new database)',
  );
  return true;
}
