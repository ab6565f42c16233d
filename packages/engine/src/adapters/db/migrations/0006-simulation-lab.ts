import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect-name.js';

/**
 * The simulation lab's jobs (DESIGN §9): simulations and optimizations in one table, told apart by
 * `kind`, listed newest first by id. Progress is two integers (done of total: bars or combinations);
 * the request, the bars summary, the headline and the result are JSON text (docs/decisions/0003), and
 * `bars_text` keeps an uploaded CSV so that later runs can use the same bars. The
 * runner (host, pid) and heartbeat let the next start fail the jobs of an engine that died.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialectName): Promise<void> {
  await db.schema
    .createTable('lab_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('runner_host', 'text', (c) => c.notNull())
    .addColumn('runner_pid', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('from_position', 'text')
    .addColumn('bars', 'text')
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('result', 'text')
    .addColumn('bars_text', 'text')
    .addColumn('started_event_id', 'text')
    .execute();
  await db.schema.createIndex('lab_jobs_kind').on('lab_jobs').columns(['kind', 'id']).execute();
  await db.schema.createIndex('lab_jobs_status').on('lab_jobs').columns(['status']).execute();
}
