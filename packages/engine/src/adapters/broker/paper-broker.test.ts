import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { TestClock } from '../clock/test-clock.js';
import { PaperBroker } from './paper-broker.js';

const ticket = (id: string) => ({
  clientOrderId: id,
  symbol: 'ACME',
  side: 'buy' as const,
  qty: new Decimal('5.234455'),
  price: new Decimal(97),
  commissionRate: new Decimal('0.0001'),
});

describe('the paper broker', () => {
  it('fills at the evaluated price with the commission, and answers a resend with the same fill', async () => {
    const broker = new PaperBroker(new TestClock());
    const first = await broker.submit(ticket('a'));
    expect(first).toMatchObject({ status: 'filled', price: new Decimal(97), fee: new Decimal('0.050774') });
    expect(await broker.submit(ticket('a'))).toBe(first);
    expect(await broker.getOrder('a')).toBe(first);
    expect(await broker.getOrder('never-sent')).toBeNull();
  });

  it('forgets the oldest orders once it remembers fifty thousand', async () => {
    const broker = new PaperBroker(new TestClock());
    for (let i = 0; i <= 50_000; i++) await broker.submit(ticket(`o${i}`));
    expect(await broker.getOrder('o0')).toBeNull();
    expect(await broker.getOrder('o50000')).not.toBeNull();
  });
});
