/**
 * The first element of every query key. Features build their keys under these roots, so the live
 * event stream and the actions can refresh whatever a change touched without knowing the features.
 */
export const ROOT = {
  worker: 'worker',
  cycles: 'cycles',
  totals: 'totals',
  portfolios: 'portfolios',
  positions: 'positions',
  prices: 'prices',
  orders: 'orders',
  trades: 'trades',
  events: 'events',
  verify: 'verify',
  access: 'access',
  simulations: 'simulations',
  optimizations: 'optimizations',
} as const;

export type RootKey = (typeof ROOT)[keyof typeof ROOT];

/** What a completed cycle may have changed. */
export const TRADING_STATE: readonly RootKey[] = [
  ROOT.worker,
  ROOT.cycles,
  ROOT.totals,
  ROOT.portfolios,
  ROOT.positions,
  ROOT.prices,
  ROOT.orders,
  ROOT.trades,
];

/** What a change made through the console may have changed. */
export const EVERYTHING: readonly RootKey[] = Object.values(ROOT).filter((k) => k !== ROOT.verify);
