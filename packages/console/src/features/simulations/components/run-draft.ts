import { nestParams } from '../../../lib/strategy-params';

/**
 * What a person typed into a simulation or optimization form, and the request it becomes. Values go
 * as typed wherever the API takes a decimal, so the engine judges them and names the field it refuses.
 */
export type BarsKind = 'sample' | 'csv' | 'synthetic';

export interface CsvFile {
  readonly name: string;
  readonly text: string;
}

export interface SyntheticDraft {
  readonly seed: string;
  readonly bars: string;
  readonly interval_minutes: string;
  readonly start_price: string;
  readonly drift_pct_per_year: string;
  readonly volatility_pct_per_year: string;
}

export interface RunDraft {
  readonly name: string;
  readonly barsKind: BarsKind;
  readonly sample: string;
  readonly csv: CsvFile | null;
  readonly synthetic: SyntheticDraft;
  readonly shares: string;
  readonly cash: string;
  readonly anchor: string;
  /** `''` leaves it to the engine (always). */
  readonly marketHours: string;
  /** Strategy parameters by wire path; an empty one is the engine's default. */
  readonly params: Readonly<Record<string, string>>;
}

export const NEW_RUN: RunDraft = {
  name: '',
  barsKind: 'synthetic',
  sample: '',
  csv: null,
  synthetic: {
    seed: '42',
    bars: '10000',
    interval_minutes: '30',
    start_price: '100',
    drift_pct_per_year: '5',
    volatility_pct_per_year: '30',
  },
  shares: '0',
  cash: '10000',
  anchor: '',
  marketHours: '',
  params: {},
};

/** The largest CSV the engine takes (the contract's limit on `bars.csv`). */
export const CSV_LIMIT_BYTES = 16_000_000;

/** A whole number where the API takes a JSON number; anything else as typed, for the engine to name. */
function numberOrTyped(typed: string): number | string {
  const text = typed.trim();
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

function syntheticOf(s: SyntheticDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: 'synthetic',
    seed: numberOrTyped(s.seed),
    bars: numberOrTyped(s.bars),
    interval_minutes: numberOrTyped(s.interval_minutes),
  };
  // The engine has defaults for these three; an empty field is left to it.
  if (s.start_price.trim()) out.start_price = s.start_price.trim();
  if (s.drift_pct_per_year.trim()) out.drift_pct_per_year = numberOrTyped(s.drift_pct_per_year);
  if (s.volatility_pct_per_year.trim())
    out.volatility_pct_per_year = numberOrTyped(s.volatility_pct_per_year);
  return out;
}

/** The `bars` of the request (absent for a CSV not picked yet: the engine says it is missing). */
export function barsOf(draft: RunDraft): Record<string, unknown> | undefined {
  switch (draft.barsKind) {
    case 'sample':
      return { kind: 'sample', name: draft.sample };
    case 'csv':
      return draft.csv ? { kind: 'csv', csv: draft.csv.text, name: draft.csv.name.slice(0, 200) } : undefined;
    case 'synthetic':
      return syntheticOf(draft.synthetic);
  }
}

/** Only the parameters the person set, nested as the API takes them. */
export function paramsOf(params: Readonly<Record<string, string>>): Record<string, Record<string, string>> {
  const set = Object.fromEntries(
    Object.entries(params)
      .map(([path, value]) => [path, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  return nestParams(set);
}

/** The request a run draft becomes: what was left empty is left out. */
export function runRequestOf(draft: RunDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (draft.name.trim()) body.name = draft.name.trim();
  const bars = barsOf(draft);
  if (bars) body.bars = bars;
  for (const key of ['shares', 'cash', 'anchor'] as const)
    if (draft[key].trim()) body[key] = draft[key].trim();
  body.params = paramsOf(draft.params);
  if (draft.marketHours) body.market_hours = draft.marketHours;
  return body;
}
