import { Decimal, isDecimalText } from './decimal.js';
import type { MarketHoursSetting, ParamName, StrategyParams } from './strategy-params.js';

/** One rejected field, named by its wire path (e.g. `params.trigger.up_pct`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type ParamsResult =
  | { readonly ok: true; readonly params: StrategyParams }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A partial parameter object as it arrives on the wire: nested groups, numbers or decimal strings. */
export type ParamsPatch = Readonly<Record<string, unknown>>;

type Range = {
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
};

const RANGES: Readonly<Record<Exclude<ParamName, 'market_hours'>, Range>> = {
  'trigger.up_pct': { min: 0, max: 100, minExclusive: true },
  'trigger.down_pct': { min: 0, max: 100, minExclusive: true },
  'sizing.rebalance_ratio': { min: 0, max: 100, minExclusive: true },
  'guardrails.min_stock_pct': { min: 0, max: 100 },
  'guardrails.max_stock_pct': { min: 0, max: 100 },
  'guardrails.max_trade_pct': { min: 0, max: 100, minExclusive: true },
  'guardrails.max_orders_per_day': { min: 0, max: 100_000, integer: true },
  'order.min_notional': { min: 0, max: 1e12 },
  'order.min_qty': { min: 0, max: 1e9 },
  'order.commission_rate': { min: 0, max: 0.5 },
  'anchor.reset_pct': { min: 0, max: 100, minExclusive: true },
};

const MARKET_HOURS: readonly MarketHoursSetting[] = ['regular', 'extended', 'always'];

/** Reads one decimal parameter; returns an error message or the value. */
function readNumber(raw: unknown, range: Range): Decimal | string {
  let value: Decimal;
  if (typeof raw === 'number' && Number.isFinite(raw)) value = new Decimal(raw);
  else if (typeof raw === 'string' && isDecimalText(raw)) value = new Decimal(raw);
  else return 'must be a number';
  if (range.integer && !value.isInteger()) return 'must be a whole number';
  const below = range.minExclusive ? value.lessThanOrEqualTo(range.min) : value.lessThan(range.min);
  if (below || value.greaterThan(range.max)) {
    return `must be ${range.minExclusive ? 'greater than' : 'at least'} ${range.min} and at most ${range.max}`;
  }
  return value;
}

function flatten(patch: ParamsPatch, prefix: string, into: Map<string, unknown>, errors: FieldError[]): void {
  for (const [key, value] of Object.entries(patch)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as ParamsPatch, path, into, errors);
    } else if ((PARAM_NAMES_SET as ReadonlySet<string>).has(path)) {
      into.set(path, value);
    } else {
      errors.push({ field: path, message: 'is not a strategy parameter' });
    }
  }
}

const PARAM_NAMES_SET: ReadonlySet<string> = new Set([...Object.keys(RANGES), 'market_hours']);

/** Flattens a nested patch into `group.name → value`, reporting unknown names. */
export function flattenParamsPatch(patch: ParamsPatch): {
  values: Map<string, unknown>;
  errors: FieldError[];
} {
  const values = new Map<string, unknown>();
  const errors: FieldError[] = [];
  flatten(patch, '', values, errors);
  return { values, errors };
}

function setParam(params: MutableParams, name: ParamName, value: Decimal): void {
  const [group, key] = name.split('.') as [string, string];
  const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const target = (params as unknown as Record<string, Record<string, unknown>>)[group]!;
  target[camel] = name === 'guardrails.max_orders_per_day' ? value.toNumber() : value;
}

type MutableParams = {
  -readonly [G in keyof StrategyParams]: StrategyParams[G] extends object
    ? { -readonly [K in keyof StrategyParams[G]]: StrategyParams[G][K] }
    : StrategyParams[G];
};

function cloneParams(base: StrategyParams): MutableParams {
  return {
    trigger: { ...base.trigger },
    sizing: { ...base.sizing },
    guardrails: { ...base.guardrails },
    order: { ...base.order },
    anchor: { ...base.anchor },
    marketHours: base.marketHours,
  };
}

/**
 * Applies a wire patch to `base` and checks every rule of DESIGN §3.1: ranges, `min < max`, and an
 * anchor reset wide enough for the triggers to ever fire. Every problem is reported, none fixed silently.
 * A patch may name a parameter by its dotted name (`{ "trigger.up_pct": 2 }`), as a grid point does.
 */
export function applyParamsPatch(
  base: StrategyParams,
  patch: ParamsPatch,
  fieldPrefix = 'params',
): ParamsResult {
  const { values, errors } = flattenParamsPatch(patch);
  const params = cloneParams(base);
  for (const [name, raw] of values) {
    if (name === 'market_hours') {
      if (raw === null || MARKET_HOURS.includes(raw as MarketHoursSetting))
        params.marketHours = raw as MarketHoursSetting | null;
      else errors.push({ field: name, message: `must be one of ${MARKET_HOURS.join(', ')}` });
      continue;
    }
    const parsed = readNumber(raw, RANGES[name as keyof typeof RANGES]);
    if (typeof parsed === 'string') errors.push({ field: name, message: parsed });
    else setParam(params, name as ParamName, parsed);
  }
  if (errors.length === 0) errors.push(...crossFieldErrors(params));
  if (errors.length > 0) {
    return {
      ok: false,
      errors: errors.map((e) => ({
        field: fieldPrefix ? `${fieldPrefix}.${e.field}` : e.field,
        message: e.message,
      })),
    };
  }
  return { ok: true, params };
}

function crossFieldErrors(params: StrategyParams): FieldError[] {
  const errors: FieldError[] = [];
  const { minStockPct, maxStockPct } = params.guardrails;
  if (minStockPct.greaterThanOrEqualTo(maxStockPct)) {
    errors.push({ field: 'guardrails.min_stock_pct', message: 'must be less than guardrails.max_stock_pct' });
  }
  const widest = Decimal.max(params.trigger.upPct, params.trigger.downPct);
  if (params.anchor.resetPct.lessThanOrEqualTo(widest)) {
    errors.push({
      field: 'anchor.reset_pct',
      message: 'must be greater than trigger.up_pct and trigger.down_pct, or no trigger could ever fire',
    });
  }
  return errors;
}
