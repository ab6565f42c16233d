import type { EventId, Instant, PortfolioId, PositionId } from '../../domain/ids.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { EventDraft } from '../records.js';
import type { CycleContext } from './position-plan.js';

/** Builds one position's chain of events within a cycle, each the child of the one before. */
export class EventChain {
  readonly drafts: EventDraft[] = [];

  constructor(
    private readonly ids: IdGenerator,
    private readonly cycle: Pick<CycleContext, 'id' | 'source' | 'actor'>,
    private readonly subject: {
      readonly portfolioId: PortfolioId;
      readonly id: PositionId;
      readonly symbol: string;
    },
    public lastId: EventId,
    private readonly now: Instant,
  ) {}

  add(type: EventDraft['type'], payload: Record<string, unknown>): EventId {
    const id = this.ids.next() as EventId;
    this.drafts.push({
      id,
      type,
      occurredAt: this.now,
      source: this.cycle.source,
      actor: this.cycle.actor,
      cycleId: this.cycle.id,
      parentId: this.lastId,
      portfolioId: this.subject.portfolioId,
      positionId: this.subject.id,
      symbol: this.subject.symbol,
      payload,
    });
    this.lastId = id;
    return id;
  }
}
