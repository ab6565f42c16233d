import { BarsSource } from '@ballast/contracts';
import type { PositionId } from '../../domain/ids.js';
import { AppError } from '../app-error.js';
import type { SampleLibrary } from '../ports/sample-library.js';
import type { BarsSpec } from '../ports/simulation-compute.js';
import type { Store } from '../ports/store.js';
import { decimalField, type PositionService, type PositionView } from '../positions/position-service.js';

/** Where a job's bars come from: what the compute side reads, said in words, and stored without the CSV. */
export interface BarsPlan {
  readonly spec: BarsSpec;
  readonly description: string;
  readonly stored: Readonly<Record<string, unknown>>;
  /** An uploaded CSV, kept with the job (apart from its request) so later runs can use the same bars. */
  readonly keptText: string | null;
}

interface PlanDeps {
  readonly samples: SampleLibrary;
  readonly positions: PositionService;
  readonly store: Store;
}

/** The first synthetic bar unless the request says otherwise. */
export const SYNTHETIC_START = Date.UTC(2024, 0, 1);

export function barsInvalid(message: string, field: string, details?: Record<string, unknown>): AppError {
  return new AppError('BARS_INVALID', message, [{ field, message, ...details }]);
}

/**
 * Turns a request's bars into what the compute side reads. Without bars, a run from a position plays the
 * prices the engine evaluated for it.
 */
export async function planBars(
  source: BarsSource | undefined,
  from: PositionView | null,
  deps: PlanDeps,
): Promise<BarsPlan> {
  const bars =
    source ?? (from ? ({ kind: 'position', position_id: from.position.id, limit: 5_000 } as const) : null);
  if (bars === null)
    throw new AppError('VALIDATION_FAILED', 'bars are required unless from_position is given', [
      { field: 'bars', message: 'is required unless from_position is given' },
    ]);
  switch (bars.kind) {
    case 'csv':
      return {
        spec: { kind: 'csv', text: bars.csv, source: 'bars.csv' },
        description: `CSV upload${bars.name ? ` ${bars.name}` : ''}`,
        stored: { kind: 'csv', name: bars.name ?? null, characters: bars.csv.length },
        keptText: bars.csv,
      };
    case 'job':
      return planJobBars(bars.id, deps);
    default:
      return planStored(bars, deps);
  }
}

/** Bars that can be read again from their description alone (no upload to keep). */
function planStored(
  bars: Exclude<BarsSource, { kind: 'csv' | 'job' }>,
  deps: PlanDeps,
): Promise<BarsPlan> | BarsPlan {
  switch (bars.kind) {
    case 'sample':
      return planSample(bars.name, deps.samples);
    case 'synthetic':
      return planSynthetic(bars);
    case 'position':
      return planPosition(bars.position_id as PositionId, bars.limit, deps.positions);
  }
}

/**
 * The bars of an earlier job, read again: its kept CSV, or its sample, generator or position read as
 * they were described (a position's prices are read as they are now). A job that itself read another
 * job's bars stores that job as its origin, so the origin is one step away; the new job refers to it
 * too and keeps no second copy of a CSV.
 */
async function planJobBars(id: string, deps: PlanDeps): Promise<BarsPlan> {
  const named = await deps.store.labJobs.find(id);
  if (!named) throw barsInvalid(`there is no simulation or optimization ${id}`, 'bars.id');
  const reference = storedBars(named);
  const job = reference.kind === 'job' ? await deps.store.labJobs.find(String(reference.id)) : named;
  if (!job) throw barsInvalid(`the bars of ${named.kind} ${id} are gone`, 'bars.id');
  const stored = storedBars(job);
  const of = `the bars of ${job.kind} ${job.id}`;
  if (stored.kind === 'csv') {
    const text = await deps.store.labJobs.getBarsText(job.id);
    if (text === null) throw barsInvalid(`${of} were an upload that was not kept`, 'bars.id');
    const name = typeof stored.name === 'string' ? ` ${stored.name}` : '';
    return {
      spec: { kind: 'csv', text, source: 'bars.csv' },
      description: `${of} (CSV upload${name})`,
      stored: { kind: 'job', id: job.id },
      keptText: null,
    };
  }
  const parsed = BarsSource.safeParse(stored);
  if (!parsed.success || parsed.data.kind === 'csv' || parsed.data.kind === 'job')
    throw barsInvalid(`${of} cannot be read again`, 'bars.id');
  const plan = await planStored(parsed.data, deps);
  return { ...plan, description: `${of} (${plan.description})`, stored: { kind: 'job', id: job.id } };
}

/** How a job's bars were described when it was stored. */
function storedBars(job: { readonly request: Record<string, unknown> }): Record<string, unknown> {
  const bars = job.request.bars;
  return bars && typeof bars === 'object' ? (bars as Record<string, unknown>) : {};
}

async function planSample(name: string, samples: SampleLibrary): Promise<BarsPlan> {
  const sample = await samples.read(name);
  if (!sample) {
    const names = (await samples.list()).map((s) => s.name).join(', ');
    throw barsInvalid(`there is no sample "${name}" (samples: ${names})`, 'bars.name');
  }
  return {
    spec: { kind: 'csv', text: sample.text, source: `${name}.csv` },
    description: `sample ${name}: ${sample.description}`,
    stored: { kind: 'sample', name },
    keptText: null,
  };
}

function planSynthetic(bars: Extract<BarsSource, { kind: 'synthetic' }>): BarsPlan {
  const startPrice = decimalField('bars.start_price', bars.start_price, { positive: true }).toFixed();
  const start = bars.start === undefined ? SYNTHETIC_START : Date.parse(bars.start);
  const { seed, interval_minutes: interval, drift_pct_per_year: drift, volatility_pct_per_year: vol } = bars;
  return {
    spec: {
      kind: 'synthetic',
      seed,
      bars: bars.bars,
      intervalMinutes: interval,
      startPrice,
      driftPctPerYear: drift,
      volatilityPctPerYear: vol,
      start,
    },
    description: `synthetic: seed ${seed}, ${bars.bars} bars of ${interval} min from ${startPrice}, drift ${drift} % and volatility ${vol} % a year`,
    stored: { ...bars, start_price: startPrice, start: new Date(start).toISOString() },
    keptText: null,
  };
}

async function planPosition(id: PositionId, limit: number, positions: PositionService): Promise<BarsPlan> {
  const { position } = await positions.get(id);
  const prices = await positions.priceHistory(id, limit);
  return {
    spec: { kind: 'points', times: prices.map((p) => Date.parse(p.at)), closes: prices.map((p) => p.price) },
    description: `position ${position.symbol} (${id}): the prices the engine evaluated for it`,
    stored: { kind: 'position', position_id: id, limit },
    keptText: null,
  };
}
