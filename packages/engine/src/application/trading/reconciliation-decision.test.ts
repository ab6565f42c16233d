import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import type { OrderStatus } from '../../domain/order-status.js';
import type { OrderRecord } from '../records.js';
import { type BrokerAnswer, decideReconciliation, NEVER_ARRIVED } from './reconciliation-decision.js';

const order = (status: OrderStatus) => ({ status }) as OrderRecord;
const FILL = {
  status: 'filled' as const,
  qty: new Decimal(5),
  price: new Decimal(97),
  fee: new Decimal('0.05'),
  executedAt: 0,
};
const decide = (status: OrderStatus, answer: BrokerAnswer) => decideReconciliation(order(status), answer);

describe('what reconciliation does with an open order, by what the broker says', () => {
  it('records what the broker knows: a fill, a rejection, a cancellation or an expiry', () => {
    expect(decide('new', { kind: 'known', report: FILL })).toMatchObject({
      result: FILL,
      brokerStatus: 'filled',
    });
    const rejected = { status: 'rejected' as const, reason: 'insufficient buying power' };
    expect(decide('submitted', { kind: 'known', report: rejected })).toMatchObject({
      result: rejected,
      reason: 'the broker had rejected the order: insufficient buying power',
    });
    const expired = { status: 'expired' as const, reason: 'day order' };
    expect(decide('submitted', { kind: 'known', report: expired })).toMatchObject({ result: expired });
  });

  it('marks a stored order submitted when the broker is still working on it, and leaves a submitted one', () => {
    const pending = { kind: 'known' as const, report: { status: 'pending' as const } };
    expect(decide('new', pending)).toMatchObject({ result: { status: 'pending' }, brokerStatus: 'pending' });
    expect(decide('submitted', pending)).toBeNull();
  });

  it('finalises an order it cancelled at the broker with what the broker answered to the cancel', () => {
    const cancelled = { status: 'cancelled' as const, reason: 'cancelled on request' };
    expect(decide('new', { kind: 'cancelled_at_broker', report: cancelled })).toEqual({
      result: { status: 'cancelled', reason: NEVER_ARRIVED },
      brokerStatus: 'unknown',
      cancelledAtBroker: true,
      reason: NEVER_ARRIVED,
    });
    // It arrived after all while it was being cancelled, and filled: the fill is recorded, not lost.
    expect(decide('new', { kind: 'cancelled_at_broker', report: FILL })).toMatchObject({
      result: FILL,
      cancelledAtBroker: true,
    });
  });

  it('waits on an order too young to tell, and records that the broker could not be asked', () => {
    expect(decide('new', { kind: 'too_young' })).toBeNull();
    expect(decide('new', { kind: 'unreachable', error: 'timeout' })).toMatchObject({
      result: null,
      brokerStatus: 'unreachable',
    });
  });
});
