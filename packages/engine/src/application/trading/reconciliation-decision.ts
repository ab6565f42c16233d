import type { BrokerReport, FinalBrokerReport } from '../ports/broker.js';
import type { OrderRecord } from '../records.js';
import type { SubmitResult } from './execution-recorder.js';

/** Why an order the broker never received ends cancelled (the order's reason, and the event's). */
export const NEVER_ARRIVED =
  'the order never reached the broker (the engine stopped, or the broker failed, before it arrived); it was cancelled there so it cannot fill late at a stale price';

/** What asking the broker about an open order gave. */
export type BrokerAnswer =
  | { readonly kind: 'known'; readonly report: BrokerReport }
  /** The broker had never heard of it, so it was cancelled there; `report` is the final state it answered. */
  | { readonly kind: 'cancelled_at_broker'; readonly report: FinalBrokerReport }
  /** The broker had never heard of it, and it is too young to tell: its cycle may still be sending it. */
  | { readonly kind: 'too_young' }
  | { readonly kind: 'unreachable'; readonly error: string };

/** What reconciliation writes for one order; `result` goes through the execution recorder like any answer. */
export interface ReconciliationDecision {
  /** The broker's answer to record, or null: the order stays as it is (only the decision is written). */
  readonly result: SubmitResult | null;
  /** What the broker said when asked: its status, `unknown` (no record of it) or `unreachable`. */
  readonly brokerStatus: BrokerReport['status'] | 'unknown' | 'unreachable';
  readonly cancelledAtBroker: boolean;
  readonly reason: string;
}

/**
 * The reconciliation protocol for one open order, as a table of cases: the broker's record decides.
 * Returns null when there is nothing to decide yet (too young, or still working at the broker and
 * already marked so) — it is asked again next time.
 */
export function decideReconciliation(
  order: OrderRecord,
  answer: BrokerAnswer,
): ReconciliationDecision | null {
  switch (answer.kind) {
    case 'too_young':
      return null;
    case 'unreachable':
      return {
        result: null,
        brokerStatus: 'unreachable',
        cancelledAtBroker: false,
        reason: `the broker could not be asked (${answer.error}); the order stays open and is reconciled again next time`,
      };
    case 'cancelled_at_broker': {
      const { report } = answer;
      const decided = { brokerStatus: 'unknown' as const, cancelledAtBroker: true };
      if (report.status === 'cancelled')
        return { ...decided, result: { status: 'cancelled', reason: NEVER_ARRIVED }, reason: NEVER_ARRIVED };
      if (report.status === 'filled')
        return {
          ...decided,
          result: report,
          reason:
            'the order reached the broker while it was being cancelled, and had filled: the fill is recorded',
        };
      return {
        ...decided,
        result: report,
        reason: `the broker had ${report.status} the order: ${report.reason}`,
      };
    }
    case 'known':
      return known(order, answer.report);
  }
}

function known(order: OrderRecord, report: BrokerReport): ReconciliationDecision | null {
  const decided = { brokerStatus: report.status, cancelledAtBroker: false };
  switch (report.status) {
    case 'pending':
      return order.status === 'new'
        ? {
            ...decided,
            result: report,
            reason: 'the broker has the order and is still working on it: it is marked submitted',
          }
        : null;
    case 'filled':
      return {
        ...decided,
        result: report,
        reason: 'the broker filled the order but the engine had not recorded the fill: it is recorded now',
      };
    default:
      return {
        ...decided,
        result: report,
        reason: `the broker had ${report.status} the order: ${report.reason}`,
      };
  }
}
