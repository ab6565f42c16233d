/** One strategy parameter of DESIGN §3.1 as a form shows it, named by its wire path (`trigger.up_pct`). */
export interface StrategyParamField {
  readonly path: string;
  readonly label: string;
  readonly suffix?: string;
  readonly hint: string;
}

/** Every numeric strategy parameter, in the order the forms show them (position and simulation forms). */
export const STRATEGY_PARAM_FIELDS: readonly StrategyParamField[] = [
  {
    path: 'trigger.up_pct',
    label: 'Sell trigger',
    suffix: '% above anchor',
    hint: 'sell a slice when the price is this far above the anchor',
  },
  {
    path: 'trigger.down_pct',
    label: 'Buy trigger',
    suffix: '% below anchor',
    hint: 'a positive number: buy when the price is this far below',
  },
  { path: 'sizing.rebalance_ratio', label: 'Rebalance ratio', hint: 'aggressiveness of the sizing formula' },
  {
    path: 'guardrails.min_stock_pct',
    label: 'Band minimum',
    suffix: '% in stock',
    hint: 'below it the engine buys back into the band',
  },
  {
    path: 'guardrails.max_stock_pct',
    label: 'Band maximum',
    suffix: '% in stock',
    hint: 'above it the engine sells back into the band',
  },
  {
    path: 'guardrails.max_trade_pct',
    label: 'Largest order',
    suffix: '% of value',
    hint: 'cap on one order',
  },
  { path: 'guardrails.max_orders_per_day', label: 'Orders per day', hint: 'per position per trading day' },
  { path: 'order.min_notional', label: 'Smallest order value', hint: 'orders worth less are skipped' },
  {
    path: 'order.min_qty',
    label: 'Smallest quantity',
    suffix: 'shares',
    hint: 'orders for fewer shares are skipped',
  },
  {
    path: 'order.commission_rate',
    label: 'Commission rate',
    hint: 'fee as a fraction of notional: 0.0001 = 0.01 %',
  },
  {
    path: 'anchor.reset_pct',
    label: 'Anchor reset',
    suffix: '% away',
    hint: 'beyond it the anchor moves to the price, no trade',
  },
];

/** The label of a parameter path, or the path itself when it is not one of the fields. */
export function paramLabel(path: string): string {
  return STRATEGY_PARAM_FIELDS.find((f) => f.path === path)?.label ?? path;
}

/** `{ 'trigger.up_pct': v }` → `{ trigger: { up_pct: v } }`, as the API takes parameters. */
export function nestParams<V>(flat: Readonly<Record<string, V>>): Record<string, Record<string, V>> {
  const nested: Record<string, Record<string, V>> = {};
  for (const [path, value] of Object.entries(flat)) {
    const [group, key] = path.split('.') as [string, string];
    nested[group] = { ...nested[group], [key]: value };
  }
  return nested;
}
