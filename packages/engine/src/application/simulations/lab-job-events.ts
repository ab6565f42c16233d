import type { EventType } from '@ballast/contracts';
import type { EventId } from '../../domain/ids.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Store } from '../ports/store.js';
import type { EventDraft, LabJobEnd, LabJobKind, LabJobRecord } from '../records.js';

/** The position a job started from, as its events name it. */
export interface JobSubject {
  readonly portfolioId: string;
  readonly positionId: string;
  readonly symbol: string;
}

const TYPES: Record<LabJobKind, { started: EventType; completed: EventType }> = {
  simulation: { started: 'SimulationStarted', completed: 'SimulationCompleted' },
  optimization: { started: 'OptimizationStarted', completed: 'OptimizationCompleted' },
};

/**
 * The audit events of a lab job: `SimulationStarted`/`OptimizationStarted` when it is opened, and the
 * `…Completed` that closes it, chained to the first (parent_id). Source `simulation`, kept apart from
 * live trading; the actor is who asked (or who cancelled); the position is named when the job started
 * from one.
 */
export class LabJobEvents {
  constructor(
    private readonly deps: { readonly ids: IdGenerator; readonly clock: Clock; readonly store: Store },
  ) {}

  started(
    job: LabJobRecord,
    actor: string,
    subject: JobSubject | null,
    payload: Record<string, unknown>,
  ): EventDraft {
    return {
      ...this.event(job, TYPES[job.kind].started, actor, payload),
      id: job.startedEventId!,
      ...subjectOf(subject),
    };
  }

  /** Reads the position for its name: call it outside any transaction. */
  async completed(
    job: LabJobRecord,
    end: LabJobEnd,
    actor: string,
    extra: Record<string, unknown>,
  ): Promise<EventDraft> {
    const position = job.fromPosition ? await this.deps.store.positions.get(job.fromPosition) : null;
    const subject = position && {
      portfolioId: position.portfolioId,
      positionId: position.id,
      symbol: position.symbol,
    };
    const payload = { status: end.status, error: end.error, ...extra };
    return {
      ...this.event(job, TYPES[job.kind].completed, actor, payload),
      parentId: job.startedEventId,
      ...subjectOf(subject),
    };
  }

  private event(
    job: LabJobRecord,
    type: EventType,
    actor: string,
    payload: Record<string, unknown>,
  ): EventDraft {
    return {
      id: this.deps.ids.next() as EventId,
      type,
      occurredAt: this.deps.clock.now(),
      source: 'simulation',
      actor,
      cycleId: null,
      parentId: null,
      portfolioId: null,
      positionId: job.fromPosition,
      symbol: null,
      payload: { [`${job.kind}_id`]: job.id, name: job.name, ...payload },
    };
  }
}

function subjectOf(s: JobSubject | null): Partial<Pick<EventDraft, 'portfolioId' | 'positionId' | 'symbol'>> {
  return s === null
    ? {}
    : {
        portfolioId: s.portfolioId as EventDraft['portfolioId'],
        positionId: s.positionId as EventDraft['positionId'],
        symbol: s.symbol,
      };
}
