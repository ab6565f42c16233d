import { expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { describeEachDialect, useTestStore } from '../../test-support/dialects.js';
import { KyselyPaperOrderBook } from '../db/kysely-paper-order-book.js';
import { CANCELLED_BEFORE_ARRIVAL, PaperBroker } from './paper-broker.js';

const ticket = (id: string, price: number | string = 97) => ({
  clientOrderId: id,
  symbol: 'ACME',
  side: 'buy' as const,
  qty: new Decimal('5.234455'),
  price: new Decimal(price),
  commissionRate: new Decimal('0.0001'),
});

describeEachDialect('the paper broker', (dialect) => {
  const ctx = useTestStore(dialect);
  const broker = () => new PaperBroker(new KyselyPaperOrderBook(ctx.db.store.executor), ctx.clock);

  it('fills at the evaluated price with the commission, and answers a resend with the same fill', async () => {
    const paper = broker();
    const first = await paper.submit(ticket('a'));
    expect(first).toEqual({
      status: 'filled',
      qty: new Decimal('5.234455'),
      price: new Decimal(97),
      fee: new Decimal('0.050774'),
      executedAt: ctx.clock.now(),
    });
    ctx.clock.advance(60_000);
    expect(await paper.submit(ticket('a', 120))).toEqual(first); // the first answer stands
    expect(await paper.getOrder('a')).toEqual(first);
    expect(await paper.getOrder('never-sent')).toBeNull();
  });

  it('keeps its record on disk: another process on the same database knows the fill', async () => {
    const filled = await broker().submit(ticket('a'));
    const elsewhere = await ctx.db.openAnother(ctx.clock);
    const restarted = new PaperBroker(new KyselyPaperOrderBook(elsewhere.executor), ctx.clock);
    expect(await restarted.getOrder('a')).toEqual(filled);
    expect(await restarted.submit(ticket('a'))).toEqual(filled);
  });

  it('cancels an order it never received for good: a later submit of that id is refused, never filled', async () => {
    const paper = broker();
    const cancelled = { status: 'cancelled', reason: CANCELLED_BEFORE_ARRIVAL };
    expect(await paper.cancel('late')).toEqual(cancelled);
    expect(await paper.submit(ticket('late'))).toEqual(cancelled);
    expect(await paper.getOrder('late')).toEqual(cancelled);
    expect(await paper.cancel('late')).toEqual(cancelled);
  });

  it('answers a cancel of an order that had filled with the fill', async () => {
    const paper = broker();
    const filled = await paper.submit(ticket('a'));
    expect(await paper.cancel('a')).toEqual(filled);
    expect(await paper.getOrder('a')).toEqual(filled);
  });

  it('answers orders sent together each with its own fill, and a repeat within them with the first', async () => {
    const paper = broker();
    const [a, b, again, c] = await Promise.all([
      paper.submit(ticket('a', 97)),
      paper.submit(ticket('b', 98)),
      paper.submit(ticket('a', 120)),
      paper.submit(ticket('c', 99)),
    ]);
    expect([a, b, c].map((r) => r.status === 'filled' && r.price.toFixed())).toEqual(['97', '98', '99']);
    expect(again).toEqual(a);
    const rows = await ctx.db.query(
      'select client_order_id, price from paper_orders order by client_order_id',
    );
    expect(rows).toEqual([
      { client_order_id: 'a', price: '97' },
      { client_order_id: 'b', price: '98' },
      { client_order_id: 'c', price: '99' },
    ]);
  });

  it('keeps exactly one answer when a submit and a cancel of one id race, and tells both the same', async () => {
    const [a, b] = await Promise.all([broker().submit(ticket('race')), broker().cancel('race')]);
    expect(a).toEqual(b);
    const rows = await ctx.db.query(`select status from paper_orders where client_order_id = 'race'`);
    expect(rows).toHaveLength(1);
  });
});
