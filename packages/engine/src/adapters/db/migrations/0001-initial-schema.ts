import { type Kysely, sql } from 'kysely';
import type { SqlDialectName } from '../sql-dialect-name.js';

/** Portfolios, positions, orders, trades, cash movements, the audit trail, cycles and worker state. */
export async function up(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  await db.schema
    .createTable('portfolios')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_currency', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('auto_trading_enabled', 'integer', (c) => c.notNull())
    .addColumn('market_hours', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('positions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('portfolio_id', 'text', (c) => c.notNull().references('portfolios.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('shares', 'text', (c) => c.notNull())
    .addColumn('cash', 'text', (c) => c.notNull())
    .addColumn('anchor', 'text')
    .addColumn('invested', 'text', (c) => c.notNull())
    .addColumn('auto_trading_enabled', 'integer', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('orders_day', 'text')
    .addColumn('orders_today', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('positions_portfolio').on('positions').columns(['portfolio_id']).execute();

  // A claim is a lease on a position by one evaluating cycle (DESIGN §5.4); a narrow table of its own,
  // so claiming a batch does not rewrite the wide position rows.
  await db.schema
    .createTable('position_claims')
    .addColumn('position_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    // On SQLite the row lives in the key's own B-tree: claiming and releasing touch one tree, not two.
    .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_order_id', 'text', (c) => c.notNull().unique())
    .addColumn('portfolio_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull().references('positions.id'))
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('qty', 'text', (c) => c.notNull())
    .addColumn('price', 'text', (c) => c.notNull())
    .addColumn('est_fee', 'text', (c) => c.notNull())
    .addColumn('commission_rate', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_position').on('orders').columns(['position_id', 'id']).execute();
  await db.schema.createIndex('orders_portfolio').on('orders').columns(['portfolio_id', 'id']).execute();
  await db.schema
    .createIndex('orders_open')
    .on('orders')
    .columns(['position_id'])
    .where(sql.ref('status'), 'in', ['new', 'submitted', 'partially_filled'])
    .execute();

  await db.schema
    .createTable('trades')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('portfolio_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('qty', 'text', (c) => c.notNull())
    .addColumn('price', 'text', (c) => c.notNull())
    .addColumn('fee', 'text', (c) => c.notNull())
    .addColumn('executed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trades_position').on('trades').columns(['position_id', 'id']).execute();
  await db.schema.createIndex('trades_portfolio').on('trades').columns(['portfolio_id', 'id']).execute();

  await db.schema
    .createTable('cash_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position_id', 'text', (c) => c.notNull().references('positions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cash_movements_position')
    .on('cash_movements')
    .columns(['position_id', 'id'])
    .execute();

  await createEventsTable(db, dialect);

  await db.schema
    .createTable('cycles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('positions', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('cycles_started').on('cycles').columns(['started_at', 'id']).execute();
  await db.schema
    .createIndex('cycles_source_started')
    .on('cycles')
    .columns(['source', 'started_at', 'id'])
    .execute();

  await db.schema
    .createTable('worker_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('worker_instances')
    .addColumn('instance_id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text')
    .addColumn('last_cycle_id', 'text')
    .addColumn('next_cycle_at', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interval_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('symbol_quotes')
    .addColumn('symbol', 'text', (c) => c.primaryKey())
    .addColumn('price', 'text', (c) => c.notNull())
    .addColumn('quoted_at', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .execute();
}

async function createEventsTable(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  // On SQLite only `integer primary key` is the rowid itself, the fastest possible append.
  await db.schema
    .createTable('events')
    .addColumn('seq', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.primaryKey())
    // Event ids are UUIDv7 made by the engine, unique by construction; `seq` is the key. A unique index
    // on id would cost every append and serve no query (decision 0004).
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('portfolio_id', 'text')
    .addColumn('position_id', 'text')
    .addColumn('symbol', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_cycle').on('events').columns(['cycle_id', 'seq']).execute();
  await db.schema.createIndex('events_position').on('events').columns(['position_id', 'seq']).execute();
  await db.schema.createIndex('events_portfolio').on('events').columns(['portfolio_id', 'seq']).execute();
  await db.schema.createIndex('events_type').on('events').columns(['type', 'seq']).execute();
  // No index on source or time: every index costs each of the tens of thousands of appends a cycle
  // makes. `recorded_at` never decreases with seq, so a time range becomes a seq range by binary
  // search on the primary key; source filters scan newest-first, where worker events are the majority.
}
