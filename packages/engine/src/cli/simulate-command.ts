import { readBarCsvFile } from '../adapters/market-data/bar-csv.js';
import { Decimal, isDecimalText } from '../domain/decimal.js';
import { isMarketHoursMode } from '../domain/market-hours.js';
import { type SimulationResult, simulateBars } from '../domain/simulation/simulate-bars.js';
import { DEFAULT_PARAMS } from '../domain/strategy-params.js';
import { applyParamsPatch } from '../domain/strategy-params-validation.js';
import { UsageError } from './usage-error.js';

export interface SimulateOptions {
  readonly bars: string;
  readonly shares: string;
  readonly cash: string;
  readonly anchor?: string | undefined;
  readonly set: readonly string[];
  readonly json: boolean;
}

function amount(flag: string, text: string | undefined, positive = false): Decimal {
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

/** `ballast simulate`: the same rules as live trading over a CSV of bars, filled at each bar's close. */
export async function simulate(options: SimulateOptions, out: (text: string) => void): Promise<number> {
  const shares = amount('shares', options.shares);
  const cash = amount('cash', options.cash);
  const anchor = options.anchor === undefined ? null : amount('anchor', options.anchor, true);
  const params = applyParamsPatch(DEFAULT_PARAMS, patchFromSets(options.set), '');
  if (!params.ok) throw new UsageError(params.errors.map((e) => `--set ${e.field}: ${e.message}`).join('\n'));
  const marketHours = params.params.marketHours ?? 'regular';
  if (!isMarketHoursMode(marketHours))
    throw new UsageError(`market_hours must be regular, extended or always`);
  const bars = await readBarCsvFile(options.bars).catch((error: unknown) => {
    // A missing or malformed bars file is bad input, like a bad flag: exit code 2 with the parser's message.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  });
  const result = simulateBars({ bars, shares, cash, anchor, params: params.params, marketHours });
  out(options.json ? `${JSON.stringify(jsonOf(result))}\n` : tableOf(result, bars.length));
  return 0;
}

function jsonOf(r: SimulationResult) {
  return {
    trades: r.trades.map((t) => ({
      timestamp: new Date(t.time).toISOString(),
      side: t.side,
      qty: t.qty.toFixed(),
      price: t.price.toFixed(),
      fee: t.fee.toFixed(),
      cash_after: t.cashAfter.toFixed(),
      shares_after: t.sharesAfter.toFixed(),
    })),
    final: {
      shares: r.final.shares.toFixed(),
      cash: r.final.cash.toFixed(),
      anchor: r.final.anchor?.toFixed() ?? null,
    },
  };
}

function tableOf(r: SimulationResult, barCount: number): string {
  const rows = r.trades.map((t) =>
    [
      new Date(t.time).toISOString().slice(0, 19).replace('T', ' '),
      t.side.padEnd(4),
      t.qty.toFixed(6).padStart(14),
      t.price.toFixed(4).padStart(12),
      t.fee.toFixed(6).padStart(10),
      t.cashAfter.toFixed(2).padStart(14),
      t.sharesAfter.toFixed(6).padStart(14),
      t.reason,
    ].join('  '),
  );
  const header = [
    'time               ',
    'side',
    '           qty',
    '       price',
    '       fee',
    '    cash after',
    '  shares after',
    'why',
  ].join('  ');
  const final = `final: ${r.final.shares.toFixed(6)} shares, ${r.final.cash.toFixed(2)} cash, anchor ${r.final.anchor?.toFixed() ?? '-'}`;
  const stats = `${barCount} bars, ${r.trades.length} trades, ${r.skips} orders blocked by guardrails, ${r.anchorResets} anchor resets`;
  return `${[header, ...rows].join('\n')}\n${stats}\n${final}\n`;
}
