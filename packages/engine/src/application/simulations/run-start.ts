import type { SimulationRequest } from '@ballast/contracts';
import { type Decimal, ZERO } from '../../domain/decimal.js';
import type { PositionId } from '../../domain/ids.js';
import type { MarketHoursMode } from '../../domain/market-hours.js';
import { DEFAULT_PARAMS, type StrategyParams } from '../../domain/strategy-params.js';
import { paramsToWire } from '../../domain/strategy-params-codec.js';
import { AppError } from '../app-error.js';
import type { RunSpec } from '../ports/simulation-compute.js';
import {
  decimalField,
  type PositionService,
  type PositionView,
  validatedParams,
} from '../positions/position-service.js';

/** What a simulation and an optimization request share: where the position starts and by which rules. */
export type RunRequest = Pick<
  SimulationRequest,
  'from_position' | 'bars' | 'shares' | 'cash' | 'anchor' | 'params' | 'market_hours'
>;

/**
 * The market hours of a run that names none (and starts from no position): bars carry no exchange,
 * and a CSV of daily dates (midnight UTC) or synthetic bars around the clock would never trade under
 * the regular session that DESIGN §3.1 makes the default for live positions (decision 0015).
 */
export const RUN_MARKET_HOURS_DEFAULT: MarketHoursMode = 'always';

/** The effective start of a run: the request over the position's own values over the defaults. */
export interface RunStart {
  readonly params: StrategyParams;
  readonly shares: Decimal;
  readonly cash: Decimal;
  readonly anchor: Decimal | null;
  readonly marketHours: MarketHoursMode;
  /** The live position it starts from, if any. */
  readonly position: PositionView | null;
}

/**
 * Reads a request's start. From a position, its parameters (patched by `params`), shares, cash and
 * market hours are the defaults; without one, the engine's default parameters, no shares, no cash and
 * markets that never close. The anchor is never taken from the position: its anchor belongs to today's
 * price, not to the first bar. Every problem is a 400 naming the field.
 */
export async function resolveStart(request: RunRequest, positions: PositionService): Promise<RunStart> {
  const position = request.from_position ? await positions.get(request.from_position as PositionId) : null;
  const params = validatedParams(position?.position.params ?? DEFAULT_PARAMS, request.params);
  const shares =
    request.shares === undefined
      ? (position?.position.shares ?? ZERO)
      : decimalField('shares', request.shares);
  const cash =
    request.cash === undefined ? (position?.position.cash ?? ZERO) : decimalField('cash', request.cash);
  const anchor =
    request.anchor === undefined ? null : decimalField('anchor', request.anchor, { positive: true });
  if (shares.isZero() && cash.isZero())
    throw new AppError('VALIDATION_FAILED', 'shares and cash are both 0: there is nothing to simulate', [
      { field: 'cash', message: 'must be greater than 0 when shares is 0' },
    ]);
  const marketHours = (request.market_hours ??
    params.marketHours ??
    position?.marketHours ??
    RUN_MARKET_HOURS_DEFAULT) as MarketHoursMode;
  return { params, shares, cash, anchor, marketHours, position };
}

/** The run as it crosses to a compute thread, with `params` in place of the start's own. */
export function runSpecOf(start: RunStart, params: StrategyParams = start.params): RunSpec {
  return {
    shares: start.shares.toFixed(),
    cash: start.cash.toFixed(),
    anchor: start.anchor?.toFixed() ?? null,
    params: paramsToWire(params),
    marketHours: start.marketHours,
  };
}

/** The start as stored with the job and told in its Started event. */
export function startFacts(start: RunStart): Record<string, unknown> {
  return {
    from_position: start.position?.position.id ?? null,
    shares: start.shares.toFixed(),
    cash: start.cash.toFixed(),
    anchor: start.anchor?.toFixed() ?? null,
    market_hours: start.marketHours,
    params: paramsToWire(start.params),
  };
}
