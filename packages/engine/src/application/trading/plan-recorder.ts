import type { EventId, Instant, PositionId } from '../../domain/ids.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { Repositories, Store } from '../ports/store.js';
import type { PositionRecord } from '../records.js';
import type { CycleTally } from './cycle-tally.js';
import { EventChain } from './event-chain.js';
import { withPositionState } from './execution-recorder.js';
import { freshPositions } from './fresh-positions.js';
import type { CycleContext, PositionPlan } from './position-plan.js';

interface RecorderDeps {
  readonly store: Store;
  readonly ids: IdGenerator;
  readonly logger: Logger;
}

/** What a batch wrote: the plans that made it, and the position records as they now stand. */
export interface RecordedPlans {
  readonly plans: PositionPlan[];
  readonly positions: Map<PositionId, PositionRecord>;
}

/**
 * Writes a batch of decisions in one transaction: orders (status `new`, before anything is sent),
 * anchor resets, the day's order counters and every event. If the batch cannot be written, each
 * position is retried alone, so one bad position costs only itself.
 */
export async function recordPlans(
  deps: RecorderDeps,
  cycle: CycleContext,
  plans: PositionPlan[],
  now: Instant,
  tally: CycleTally,
): Promise<RecordedPlans> {
  try {
    const positions = await deps.store.transaction((tx) => writePlans(tx, plans, now));
    for (const p of plans)
      tally.add(p.item.position.id, p.item.position.symbol, p.outcome, p.reason, p.order?.id ?? null);
    return { plans, positions };
  } catch (batchError) {
    if (plans.length === 1) {
      await recordFailure(deps, cycle, plans[0]!, batchError, now, tally);
      return { plans: [], positions: new Map() };
    }
    deps.logger.warn(
      { err: batchError, cycle_id: cycle.id },
      'writing a batch failed; retrying its positions one by one',
    );
    const all: RecordedPlans = { plans: [], positions: new Map() };
    for (const plan of plans) {
      const one = await recordPlans(deps, cycle, [plan], now, tally);
      all.plans.push(...one.plans);
      for (const [id, p] of one.positions) all.positions.set(id, p);
    }
    return all;
  }
}

/** A deposit made since the evaluation is kept: positions are checked for changes inside the transaction. */
async function writePlans(
  tx: Repositories,
  plans: readonly PositionPlan[],
  now: Instant,
): Promise<Map<PositionId, PositionRecord>> {
  const changing = plans.filter((p) => p.newAnchor !== null || p.order !== null);
  const current = await freshPositions(
    tx,
    changing.map((p) => p.item.position),
  );
  const updated: PositionRecord[] = [];
  for (const plan of changing) {
    const before = current.get(plan.item.position.id);
    if (!before) throw new Error(`position ${plan.item.position.id} disappeared during its evaluation`);
    const after = withPlanApplied(before, plan, now);
    updated.push(after);
    current.set(after.id, after);
  }
  await tx.orders.insertMany(plans.flatMap((p) => (p.order ? [p.order] : [])));
  await tx.positions.saveMany(updated);
  await tx.audit.append(plans.flatMap((p) => p.drafts));
  for (const plan of plans)
    if (!current.has(plan.item.position.id)) current.set(plan.item.position.id, plan.item.position);
  return current;
}

/** An anchor reset moves the anchor; a new order counts against the day's limit. */
function withPlanApplied(p: PositionRecord, plan: PositionPlan, now: Instant): PositionRecord {
  const orders = plan.order
    ? { day: plan.tradingDay, today: (p.ordersDay === plan.tradingDay ? p.ordersToday : 0) + 1 }
    : undefined;
  return withPositionState(p, p.shares, p.cash, plan.newAnchor ?? p.anchor, now, orders);
}

/** Records that a position could not be evaluated or written; if even that fails, the log keeps it. */
async function recordFailure(
  deps: RecorderDeps,
  cycle: CycleContext,
  plan: PositionPlan,
  error: unknown,
  now: Instant,
  tally: CycleTally,
): Promise<void> {
  const { position } = plan.item;
  tally.add(position.id, position.symbol, 'error', errorText(error), null);
  deps.logger.error(
    { err: error, cycle_id: cycle.id, position_id: position.id },
    'position evaluation failed',
  );
  const chain = new EventChain(deps.ids, cycle, position, cycle.startedEventId as EventId, now);
  chain.add('EvaluationFailed', { error: errorText(error), stage: 'record' });
  await deps.store
    .transaction((tx) => tx.audit.append(chain.drafts))
    .catch((e: unknown) => {
      deps.logger.error(
        { err: e, cycle_id: cycle.id, position_id: position.id },
        'could not record the failure in the audit trail',
      );
    });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
