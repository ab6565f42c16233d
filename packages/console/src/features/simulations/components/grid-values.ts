/** The engine's limits on a grid (OptimizationRequest): values per parameter, and combinations in all. */
export const MAX_VALUES = 200;
export const MAX_COMBINATIONS = 20_000;

export type Parsed = { readonly values: number[]; readonly error?: undefined } | { readonly error: string };

/** `"1, 2, 3"` (commas, semicolons or spaces) → `[1, 2, 3]`, each value once, in the order typed. */
export function parseValues(text: string): Parsed {
  const tokens = text.split(/[\s,;]+/).filter((t) => t !== '');
  const values: number[] = [];
  for (const token of tokens) {
    const value = Number(token);
    if (!Number.isFinite(value)) return { error: `“${token}” is not a number` };
    if (!values.includes(value)) values.push(value);
  }
  if (values.length > MAX_VALUES) return { error: `${values.length} values; at most ${MAX_VALUES}` };
  return { values };
}

const decimals = (n: number): number => (String(n).split('.')[1] ?? '').length;

/** `from`, `to`, `step` → every value from `from` up to `to`, rounded to the decimals typed (no 0.30000000000000004). */
export function expandRange(from: number, to: number, step: number): Parsed {
  if (![from, to, step].every(Number.isFinite)) return { error: 'from, to and step must be numbers' };
  if (step <= 0) return { error: 'the step must be greater than 0' };
  if (to < from) return { error: '“to” must not be below “from”' };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_VALUES) return { error: `${count} values; at most ${MAX_VALUES}` };
  const places = Math.max(decimals(from), decimals(step));
  return { values: Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(places))) };
}

/** How many parameter sets a grid makes: the product of its lists (1 with no list: the base parameters). */
export function combinationCount(grid: Readonly<Record<string, readonly number[]>>): number {
  return Object.values(grid).reduce((product, values) => product * Math.max(1, values.length), 1);
}
