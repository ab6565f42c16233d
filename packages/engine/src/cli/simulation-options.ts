import type { SimulationMetrics } from '@ballast/contracts';
import { RUN_MARKET_HOURS_DEFAULT } from '../application/simulations/run-start.js';
import { Decimal, isDecimalText } from '../domain/decimal.js';
import { isMarketHoursMode, type MarketHoursMode } from '../domain/market-hours.js';
import { DEFAULT_PARAMS, type StrategyParams } from '../domain/strategy-params.js';
import { applyParamsPatch } from '../domain/strategy-params-validation.js';
import { UsageError } from './usage-error.js';

/** The flags `ballast simulate` and `ballast optimize` share: where the position starts, and its rules. */
export interface StartOptions {
  readonly shares: string;
  readonly cash: string;
  readonly anchor?: string | undefined;
  readonly set: readonly string[];
}

export interface CliStart {
  readonly shares: Decimal;
  readonly cash: Decimal;
  readonly anchor: Decimal | null;
  readonly params: StrategyParams;
  readonly marketHours: MarketHoursMode;
}

export function amount(flag: string, text: string | undefined, positive = false): Decimal {
  if (text === undefined || !isDecimalText(text))
    throw new UsageError(`--${flag} must be a decimal number, got ${JSON.stringify(text)}`);
  const value = new Decimal(text);
  if (value.isNegative() || (positive && value.isZero()))
    throw new UsageError(`--${flag} must be ${positive ? 'greater than 0' : 'at least 0'}`);
  return value;
}

/** `--set guardrails.max_trade_pct=100` → `{ guardrails: { max_trade_pct: "100" } }`. */
export function patchFromSets(sets: readonly string[]): Record<string, unknown> {
  const patch: Record<string, Record<string, string> | string> = {};
  for (const item of sets) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes name=value, got ${JSON.stringify(item)}`);
    const [name, value] = [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
    const [group, key] = name.split('.', 2);
    if (key === undefined) patch[group!] = value;
    else patch[group!] = { ...((patch[group!] as Record<string, string> | undefined) ?? {}), [key]: value };
  }
  return patch;
}

/** The start the flags describe: bad values are usage errors naming the flag or the parameter. */
export function startFromOptions(options: StartOptions): CliStart {
  const shares = amount('shares', options.shares);
  const cash = amount('cash', options.cash);
  const anchor = options.anchor === undefined ? null : amount('anchor', options.anchor, true);
  if (shares.isZero() && cash.isZero())
    throw new UsageError('--shares and --cash are both 0: there is nothing to simulate');
  const params = applyParamsPatch(DEFAULT_PARAMS, patchFromSets(options.set), '');
  if (!params.ok) throw new UsageError(params.errors.map((e) => `--set ${e.field}: ${e.message}`).join('\n'));
  const marketHours = params.params.marketHours ?? RUN_MARKET_HOURS_DEFAULT;
  if (!isMarketHoursMode(marketHours))
    throw new UsageError(`market_hours must be regular, extended or always`);
  return { shares, cash, anchor, params: params.params, marketHours };
}

/** One line of figures: start and end value, return, annualized return and volatility, Sharpe, drawdown, fees, trades. */
export function metricsLine(label: string, m: SimulationMetrics): string {
  const pct = (x: number | null) => (x === null ? '-' : `${x.toFixed(2)} %`);
  const sharpe = m.sharpe === null ? '-' : m.sharpe.toFixed(3);
  return `${label}: ${m.start_value} → ${m.end_value} (${pct(m.return_pct)}), annualized ${pct(m.annualized_return_pct)}, volatility ${pct(m.annualized_volatility_pct)}, Sharpe ${sharpe}, max drawdown ${pct(m.max_drawdown_pct)}, fees ${m.fees}, ${m.trades} ${m.trades === 1 ? 'trade' : 'trades'}`;
}
