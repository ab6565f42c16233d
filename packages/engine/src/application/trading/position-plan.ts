import type { EventSource } from '@ballast/contracts';
import type { Decimal } from '../../domain/decimal.js';
import type { CycleId, EventId } from '../../domain/ids.js';
import type { Band } from '../../domain/position-state.js';
import type { QuoteResult } from '../ports/market-data.js';
import type { PositionForTrading } from '../ports/store.js';
import type { EventDraft, OrderRecord } from '../records.js';

export type Outcome = 'hold' | 'order' | 'skip' | 'anchor_reset' | 'no_anchor' | 'no_price' | 'error';

/** What one cycle knows while it runs. */
export interface CycleContext {
  readonly id: CycleId;
  readonly source: EventSource;
  readonly actor: string;
  readonly startedEventId: EventId;
  readonly quotes: ReadonlyMap<string, QuoteResult>;
}

/** Everything decided for one position in one cycle, before anything is written or sent. */
export interface PositionPlan {
  readonly item: PositionForTrading;
  readonly outcome: Outcome;
  readonly reason: string;
  /** Events written with the decision (PriceEvent … OrderCreated). */
  readonly drafts: EventDraft[];
  /** The last event of the chain so far: the parent of whatever follows. */
  readonly lastEventId: EventId;
  readonly order: OrderRecord | null;
  readonly newAnchor: Decimal | null;
  readonly tradingDay: string;
  readonly band: Band;
}
