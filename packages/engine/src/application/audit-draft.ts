import type { EventSource, EventType } from '@ballast/contracts';
import type { EventId, PortfolioId, PositionId } from '../domain/ids.js';
import type { Clock } from './ports/clock.js';
import type { IdGenerator } from './ports/id-generator.js';
import type { EventDraft, StoredEvent } from './records.js';

/** Who asked for a change: the audit trail records both on every event. */
export interface Requester {
  readonly source: EventSource;
  readonly actor: string;
  /** Told which events the change produced, once they are committed (the API returns their seqs). */
  readonly onRecorded?: (events: readonly StoredEvent[]) => void;
}

export interface Subject {
  readonly portfolioId?: PortfolioId | null;
  readonly positionId?: PositionId | null;
  readonly symbol?: string | null;
}

/** An audit event for a change made outside a trading cycle (configuration, cash, anchors, the worker). */
export function changeEvent(
  ids: IdGenerator,
  clock: Clock,
  by: Requester,
  type: EventType,
  subject: Subject,
  payload: Record<string, unknown>,
): EventDraft {
  return {
    id: ids.next() as EventId,
    type,
    occurredAt: clock.now(),
    source: by.source,
    actor: by.actor,
    cycleId: null,
    parentId: null,
    portfolioId: subject.portfolioId ?? null,
    positionId: subject.positionId ?? null,
    symbol: subject.symbol ?? null,
    payload,
  };
}
