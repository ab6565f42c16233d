import type { OptimizationRow } from '@ballast/contracts';
import { nestParams } from '../../../lib/strategy-params';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** What a simulation takes from an optimization's request: its start, never its grid or ranking. */
const CARRIED = ['from_position', 'shares', 'cash', 'anchor', 'market_hours'] as const;

/** The base parameters with the row's grid values over them, group by group. */
function paramsFor(base: unknown, row: OptimizationRow): Json {
  const params: Json = { ...obj(base) };
  for (const [group, values] of Object.entries(nestParams(row.params)))
    params[group] = { ...obj(params[group]), ...values };
  return params;
}

/**
 * The simulation of one optimization row: the optimization's own bars (the engine reads them again,
 * an uploaded CSV included), the same start and base parameters, and the row's values for the
 * parameters the grid varied.
 */
export function simulationRequestFor(
  optimization: { readonly id: string; readonly request: Json },
  row: OptimizationRow,
  name: string,
): Json {
  const { request } = optimization;
  const body: Json = { name: name.slice(0, 100), bars: { kind: 'job', id: optimization.id } };
  for (const key of CARRIED)
    if (request[key] !== undefined && request[key] !== null) body[key] = request[key];
  body.params = paramsFor(request.params, row);
  return body;
}
