import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { postgresAvailable, useTestStore } from '../../../test-support/dialects.js';
import { makeOrder, makePortfolio, makePosition } from '../../../test-support/record-factories.js';
import { type BulkWriter, type EventRow, portableBulkWriter } from '../bulk-writer.js';
import { postgresBulkWriter } from './postgres-bulk-writer.js';

/** Strings a JSON text carries differently from a bound value: escapes, pairs and a lone surrogate. */
const AWKWARD = 'quote " backslash \\ newline \n tab \t é 😀 lone \udc00 end';

function eventRow(seq: number, over: Partial<EventRow> = {}): EventRow {
  return {
    seq,
    id: `event-${seq}`,
    type: 'PriceEvaluated',
    occurred_at: '2026-01-06T15:00:00.000Z',
    recorded_at: '2026-01-06T15:00:00.000Z',
    source: 'worker',
    actor: 'engine',
    cycle_id: null,
    parent_id: null,
    portfolio_id: null,
    position_id: null,
    symbol: null,
    payload: '{}',
    prev_hash: '0'.repeat(64),
    hash: 'f'.repeat(64),
    ...over,
  };
}

const POSTGRES = await postgresAvailable();

describe.skipIf(!POSTGRES)('the PostgreSQL bulk writer', () => {
  const ctx = useTestStore('postgres');

  /** Each writer writes the same rows; returns what each stored, with the row's key taken out. */
  async function sideBySide<T>(
    write: (writer: BulkWriter, half: 0 | 1) => Promise<void>,
    read: () => Promise<T[]>,
  ): Promise<[T[], T[]]> {
    await write(portableBulkWriter, 0);
    await write(postgresBulkWriter, 1);
    const rows = await read();
    return [rows.slice(0, rows.length / 2), rows.slice(rows.length / 2)];
  }

  it('stores events exactly as the portable writer does, awkward strings and nulls included', async () => {
    const db = ctx.db.store.executor;
    const rows = (first: number) => [
      eventRow(first, { actor: AWKWARD, symbol: '' }),
      eventRow(first + 1, { payload: JSON.stringify({ note: AWKWARD, n: 1.5, none: null }) }),
      eventRow(first + 2, { cycle_id: 'cycle-1', position_id: 'position-1', symbol: 'ACME' }),
    ];
    const [portable, postgres] = await sideBySide(
      (writer, half) => writer.appendEvents(db, rows(1 + 3 * half)),
      async () => {
        const stored = await db.selectFrom('events').selectAll().orderBy('seq').execute();
        return stored.map(({ seq: _, id: __, ...rest }) => rest);
      },
    );
    expect(postgres).toEqual(portable);
    expect(portable[0]!.actor).toBe(AWKWARD.replace('\udc00', '\ufffd'));
    expect(JSON.parse(portable[1]!.payload).note).toBe(AWKWARD);
  });

  it('updates positions and orders in one statement each, the last change of an id winning', async () => {
    const { store } = ctx.db;
    const portfolio = makePortfolio();
    const positions = [makePosition(portfolio), makePosition(portfolio)];
    const orders = positions.map((p) => makeOrder(p));
    await store.transaction(async (tx) => {
      await tx.portfolios.insert(portfolio);
      for (const p of positions) await tx.positions.insert(p);
      await tx.orders.insertMany(orders);
    });
    const db = store.executor;
    const [portablePosition, postgresPosition] = await sideBySide(
      (writer, half) => {
        const change = {
          id: positions[half]!.id,
          shares: '51.5',
          cash: '4850.25',
          anchor: null,
          invested: '10000',
          auto_trading_enabled: 0,
          params: JSON.stringify({ note: AWKWARD }),
          orders_day: '2026-01-06',
          orders_today: 2,
          version: 3,
          updated_at: '2026-01-06T15:01:00.000Z',
        };
        return writer.updatePositions(db, [{ ...change, version: 2, cash: 'lost' }, change]);
      },
      async () => {
        const stored = await db.selectFrom('positions').selectAll().orderBy('id').execute();
        return stored.map(({ id: _, ...rest }) => rest);
      },
    );
    expect(postgresPosition).toEqual(portablePosition);
    expect(portablePosition[0]).toMatchObject({ cash: '4850.25', version: 3, anchor: null });
    const [portableOrder, postgresOrder] = await sideBySide(
      (writer, half) => {
        const change = { id: orders[half]!.id, updated_at: '2026-01-06T15:01:00.000Z' };
        return writer.updateOrderStatuses(db, [
          { ...change, status: 'submitted', reason: null },
          { ...change, status: 'rejected', reason: AWKWARD },
        ]);
      },
      async () => {
        const stored = await sql<Record<string, unknown>>`select status, reason, updated_at from orders
          order by id`.execute(db);
        return stored.rows;
      },
    );
    expect(postgresOrder).toEqual(portableOrder);
    expect(portableOrder[0]).toMatchObject({ status: 'rejected' });
  });
});
