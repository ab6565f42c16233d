import { type RawBuilder, sql } from 'kysely';
import {
  type BulkWriter,
  cellsOf,
  EVENT_COLUMNS,
  type EventRow,
  ORDER_COLUMNS,
  ORDER_STATUS_COLUMNS,
  type OrderRow,
  type OrderStatusChange,
  POSITION_CHANGE_COLUMNS,
  type PositionChange,
  TRADE_COLUMNS,
  type TradeRow,
} from '../bulk-writer.js';
import type { DbExecutor } from '../db-executor.js';
import { type Due, TRADES_AUTOMATICALLY } from '../kysely-schedule-repository.js';

/**
 * Rows per statement. A statement binds one value however many rows it carries, so this only bounds
 * the size of one JSON text (a cycle's batch of 500 positions writes about 1 300 events, 1 MB).
 */
const CHUNK = 5_000;

/** The columns of one kind of row, in the order `cells` lists them; a column typed other than text says so. */
interface RowShape<T> {
  readonly columns: RawBuilder<unknown>;
  readonly fields: RawBuilder<unknown>;
  readonly cells: (row: T) => unknown[];
}

/** The shape of rows with these columns; `types` names the columns that are not text. */
function shape<T>(
  columns: readonly (keyof T & string)[],
  types: Partial<Record<keyof T & string, string>> = {},
): RowShape<T> {
  return {
    columns: sql.raw(columns.join(', ')),
    fields: sql.raw(
      columns
        .map((name, i) => (types[name] ? `(r->>${i})::${types[name]} as ${name}` : `r->>${i} as ${name}`))
        .join(', '),
    ),
    cells: cellsOf<T>(columns),
  };
}

const EVENTS = shape<EventRow>(EVENT_COLUMNS, { seq: 'bigint' });
const ORDERS = shape<OrderRow>(ORDER_COLUMNS);
const TRADES = shape<TradeRow>(TRADE_COLUMNS);
const ORDER_STATUSES = shape<OrderStatusChange>(ORDER_STATUS_COLUMNS);
/** `shares = v.shares, cash = v.cash, …`: every changed column but the id that names the row. */
const POSITION_SET = sql.raw(
  POSITION_CHANGE_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = v.${c}`)
    .join(', '),
);
const POSITIONS = shape<PositionChange>(POSITION_CHANGE_COLUMNS, {
  auto_trading_enabled: 'integer',
  orders_today: 'integer',
  version: 'integer',
});

/**
 * A lone UTF-16 surrogate: JSON.stringify writes it as an escape that PostgreSQL's JSON refuses, where
 * a bound text value has it replaced by U+FFFD. Seen (rarely: an escaped one inside a payload's own
 * JSON matches too), the strings are made well-formed first, so both paths store the same text.
 */
const SURROGATE_ESCAPE = /\\ud[89a-f]/i;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (_: string, v: unknown) =>
  typeof v === 'string' ? v.replace(LONE_SURROGATE, '\ufffd') : v;

function jsonOf<T>(s: RowShape<T>, rows: readonly T[]): string {
  const text = JSON.stringify(rows.map(s.cells));
  return SURROGATE_ESCAPE.test(text) ? JSON.stringify(rows.map(s.cells), wellFormed) : text;
}

/**
 * The rows as a subquery over one `jsonb` parameter, an array of arrays read back cell by cell: a
 * 500-row write is one statement binding one value, where a multi-row VALUES list binds 500 × 16; the
 * text is made by one native JSON.stringify, and PostgreSQL parses it faster than it parses the same
 * rows as VALUES, `unnest` arrays or JSON objects.
 */
const rowsOf = <T>(s: RowShape<T>, rows: readonly T[]): RawBuilder<unknown> =>
  sql`(select ${s.fields} from jsonb_array_elements(${jsonOf(s, rows)}::jsonb) as r)`;

async function inChunks<T>(
  rows: readonly T[],
  write: (part: readonly T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

const insertAll = <T>(db: DbExecutor, table: string, s: RowShape<T>, rows: readonly T[]) =>
  inChunks(rows, (part) =>
    sql`insert into ${sql.table(table)} (${s.columns}) select * from ${rowsOf(s, part)} as v`.execute(db),
  );

/**
 * One UPDATE … FROM per chunk joins rows to their ids. Should an id come twice, the last row wins, as
 * it would statement by statement (an UPDATE … FROM would pick one of the two at random).
 */
function lastPerId<T extends { readonly id: string }>(rows: readonly T[]): readonly T[] {
  const byId = new Map<string, T>();
  for (const r of rows) byId.set(r.id, r);
  return byId.size === rows.length ? rows : [...byId.values()];
}

/**
 * The PostgreSQL bulk writer: a whole batch of rows in one statement, updates included, so a write
 * transaction (which holds the writers' lock throughout, docs/decisions/0012) makes a few round trips
 * to the server instead of one per changed position and order.
 */
export const postgresBulkWriter: BulkWriter = {
  appendEvents: (db, rows) => insertAll(db, 'events', EVENTS, rows),
  insertOrders: (db, rows) => insertAll(db, 'orders', ORDERS, rows),
  insertTrades: (db, rows) => insertAll(db, 'trades', TRADES, rows),
  updateOrderStatuses: (db, rows) =>
    inChunks(lastPerId(rows), (part) =>
      sql`update orders as o set status = v.status, reason = v.reason, updated_at = v.updated_at
        from ${rowsOf(ORDER_STATUSES, part)} as v where o.id = v.id`.execute(db),
    ),
  updatePositions: (db, rows) =>
    inChunks(lastPerId(rows), (part) =>
      sql`update positions as p set ${POSITION_SET}
        from ${rowsOf(POSITIONS, part)} as v where p.id = v.id`.execute(db),
    ),
  async claimPositions(db, ids, owner, until, now) {
    const taken: string[] = [];
    await inChunks(ids, async (part) => {
      const result = await sql<{
        position_id: string;
      }>`insert into position_claims (position_id, owner, until)
        select id, ${owner}, ${until} from unnest(${part}::text[]) as id
        on conflict (position_id) do update set owner = excluded.owner, until = excluded.until
        where position_claims.until < ${now} or position_claims.owner = ${owner}
        returning position_id`.execute(db);
      for (const r of result.rows) taken.push(r.position_id);
    });
    return taken;
  },
  releasePositions: (db, ids, owner) =>
    inChunks(ids, (part) =>
      sql`delete from position_claims where position_id = any(${part}::text[]) and owner = ${owner}`.execute(
        db,
      ),
    ),
  takeDue: (db, slot, limit) => takeDueLocking(db, slot, limit),
};

/**
 * PostgreSQL's take: the batch, its row locks and its symbols in one statement. `moved` updates only
 * rows `due` holds locked: nobody else can have moved them in between. Outside a transaction it runs
 * in one of its own at READ COMMITTED whatever the server's default: the re-read of a row moved
 * meanwhile is what READ COMMITTED does (a stricter level would fail the take instead).
 */
function takeDueLocking(db: DbExecutor, slot: number, limit: number): Promise<Due[]> {
  if (db.isTransaction) return takeLockingOn(db, slot, limit);
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute((trx) => takeLockingOn(trx, slot, limit));
}

async function takeLockingOn(db: DbExecutor, slot: number, limit: number): Promise<Due[]> {
  const { rows } = await sql<Due>`with due as materialized (
      select s.position_id, p.symbol from position_slots s
      join positions p on p.id = s.position_id
      join portfolios f on f.id = p.portfolio_id
      where s.slot < ${slot} and ${TRADES_AUTOMATICALLY}
      order by s.slot, s.position_id
      limit ${limit}
      for update of s skip locked
    ), moved as (
      update position_slots set slot = ${slot}
      where position_id = any(array(select position_id from due))
      returning position_id
    )
    select due.position_id as id, due.symbol from due
    join moved on moved.position_id = due.position_id`.execute(db);
  return rows;
}
