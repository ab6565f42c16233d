import type { ParamName } from '../strategy-params.js';

/** A parameter a grid varies (any of DESIGN §3.1 but the market hours) and the values to try. */
export interface GridAxis {
  readonly name: Exclude<ParamName, 'market_hours'>;
  readonly values: readonly number[];
}

/** One combination: a value for each axis, by parameter name. */
export type GridPoint = Readonly<Record<string, number>>;

/** How many combinations a grid has: the product of its axes' lengths. */
export function combinationCount(axes: readonly GridAxis[]): number {
  return axes.reduce((n, axis) => n * axis.values.length, 1);
}

/** Every combination of the axes, the last axis varying fastest (like nested loops in axis order). */
export function gridPoints(axes: readonly GridAxis[]): GridPoint[] {
  let points: Record<string, number>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.name]: v })));
  return points;
}
