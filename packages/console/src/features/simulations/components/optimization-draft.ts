import { GridParam, type RankMetric } from '@ballast/contracts';
import { formatCount } from '../../../lib/format';
import { combinationCount, MAX_COMBINATIONS, parseValues } from './grid-values';
import { NEW_RUN, type RunDraft, runRequestOf } from './run-draft';

/** An optimization form: a run's inputs, the values to try per parameter (as typed), and the ranking. */
export interface OptimizationDraft {
  readonly run: RunDraft;
  readonly grid: Readonly<Partial<Record<GridParam, string>>>;
  readonly rankBy: RankMetric;
  /** `''`: the engine's default direction for the metric. */
  readonly direction: '' | 'desc' | 'asc';
}

export const NEW_OPTIMIZATION: OptimizationDraft = {
  run: NEW_RUN,
  grid: {},
  rankBy: 'sharpe',
  direction: '',
};

export interface GridCheck {
  readonly grid: Partial<Record<GridParam, number[]>>;
  /** Per wire path (`grid.trigger.up_pct`): values that are not numbers, or too many. */
  readonly errors: Record<string, string>;
  readonly combinations: number;
}

/** The grid as the API takes it (numbers), what is wrong with it, and how many combinations it makes. */
export function checkGrid(texts: OptimizationDraft['grid']): GridCheck {
  const grid: Partial<Record<GridParam, number[]>> = {};
  const errors: Record<string, string> = {};
  for (const param of GridParam.options) {
    const parsed = parseValues(texts[param] ?? '');
    if (parsed.error !== undefined) errors[`grid.${param}`] = parsed.error;
    else if (parsed.values.length > 0) grid[param] = parsed.values;
  }
  return { grid, errors, combinations: combinationCount(grid) };
}

/** Why the console will not send a grid, or null when it may. */
export function gridRefusal(check: GridCheck): string | null {
  if (Object.keys(check.errors).length > 0)
    return 'Some values to try are not numbers; see the fields marked.';
  if (check.combinations > MAX_COMBINATIONS)
    return `That makes ${formatCount(check.combinations)} combinations; the engine runs at most ${formatCount(MAX_COMBINATIONS)}. Try fewer values.`;
  return null;
}

export function optimizationRequestOf(draft: OptimizationDraft, check: GridCheck): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...runRequestOf(draft.run),
    grid: check.grid,
    rank_by: draft.rankBy,
  };
  if (draft.direction) body.descending = draft.direction === 'desc';
  return body;
}
