import type {
  Optimization,
  OptimizationRow,
  OptimizationSummary,
  RankMetric,
  Simulation,
  SimulationMetrics,
  SimulationResult,
  SimulationSummary,
} from '@ballast/contracts';
import type { LabJobRecord } from '../application/records.js';

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

/** What every lab job shows, whatever its kind. */
function jobFields(j: LabJobRecord) {
  return {
    id: j.id,
    name: j.name,
    status: j.status,
    progress: j.status === 'completed' ? 1 : j.total > 0 ? Math.min(1, j.done / j.total) : 0,
    requested_by: j.requestedBy,
    created_at: iso(j.createdAt)!,
    started_at: iso(j.startedAt),
    finished_at: iso(j.finishedAt),
    error: j.error,
    bars: j.bars,
  };
}

const outcome = <T>(j: LabJobRecord, key: string): T | null => (j.outcome?.[key] as T | undefined) ?? null;

export function presentSimulationSummary(j: LabJobRecord): SimulationSummary {
  return {
    ...jobFields(j),
    from_position: j.fromPosition,
    metrics: outcome<SimulationMetrics>(j, 'metrics'),
    buy_and_hold: outcome<SimulationMetrics>(j, 'buy_and_hold'),
  };
}

export function presentSimulation(j: LabJobRecord, resultJson: string | null): Simulation {
  const result = resultJson === null ? null : (JSON.parse(resultJson) as SimulationResult);
  return { ...presentSimulationSummary(j), request: { ...j.request }, result };
}

export function presentOptimizationSummary(j: LabJobRecord): OptimizationSummary {
  return {
    ...jobFields(j),
    combinations: j.total,
    done: j.status === 'completed' ? j.total : j.done,
    rank_by: j.request.rank_by as RankMetric,
    best: outcome<OptimizationRow>(j, 'best'),
  };
}

export function presentOptimization(j: LabJobRecord, rowsJson: string | null): Optimization {
  return {
    ...presentOptimizationSummary(j),
    request: { ...j.request },
    rows: rowsJson === null ? [] : (JSON.parse(rowsJson) as OptimizationRow[]),
    buy_and_hold: outcome<SimulationMetrics>(j, 'buy_and_hold'),
  };
}
