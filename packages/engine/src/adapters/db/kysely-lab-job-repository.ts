import type { BarsSummary, JobStatus } from '@ballast/contracts';
import type { Selectable } from 'kysely';
import type { Page, PageRequest } from '../../application/ports/page.js';
import type { LabJobRepository } from '../../application/ports/store.js';
import type { LabJobEnd, LabJobKind, LabJobRecord } from '../../application/records.js';
import type { EventId, Instant, PositionId } from '../../domain/ids.js';
import { pageById } from './cursor.js';
import type { LabJobsTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { instant, instantOrNull, iso, isoOrNull } from './row-codecs.js';

type SummaryRow = Omit<Selectable<LabJobsTable>, 'result' | 'bars_text'>;

/**
 * Every column but the result and the kept CSV, which only `getResult` and `getBarsText` read: lists
 * stay small however big results and uploads are.
 */
const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'name',
  'status',
  'done',
  'total',
  'requested_by',
  'created_at',
  'started_at',
  'finished_at',
  'heartbeat_at',
  'runner_host',
  'runner_pid',
  'error',
  'from_position',
  'bars',
  'request',
  'outcome',
  'started_event_id',
] as const;

const UNFINISHED: readonly JobStatus[] = ['queued', 'running'];

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function jobFromRow(r: SummaryRow): LabJobRecord {
  return {
    id: r.id,
    kind: r.kind as LabJobKind,
    name: r.name,
    status: r.status as JobStatus,
    done: r.done,
    total: r.total,
    requestedBy: r.requested_by,
    createdAt: instant(r.created_at),
    startedAt: instantOrNull(r.started_at),
    finishedAt: instantOrNull(r.finished_at),
    heartbeatAt: instant(r.heartbeat_at),
    runner: { host: r.runner_host, pid: r.runner_pid },
    error: r.error,
    fromPosition: r.from_position as PositionId | null,
    bars: json<BarsSummary>(r.bars),
    request: JSON.parse(r.request) as Record<string, unknown>,
    outcome: json<Record<string, unknown>>(r.outcome),
    startedEventId: r.started_event_id as EventId | null,
  };
}

export class KyselyLabJobRepository implements LabJobRepository {
  constructor(private readonly db: DbExecutor) {}

  async insert(j: LabJobRecord, barsText: string | null = null): Promise<void> {
    await this.db
      .insertInto('lab_jobs')
      .values({
        id: j.id,
        kind: j.kind,
        name: j.name,
        status: j.status,
        done: j.done,
        total: j.total,
        requested_by: j.requestedBy,
        created_at: iso(j.createdAt),
        started_at: isoOrNull(j.startedAt),
        finished_at: isoOrNull(j.finishedAt),
        heartbeat_at: iso(j.heartbeatAt),
        runner_host: j.runner.host,
        runner_pid: j.runner.pid,
        error: j.error,
        from_position: j.fromPosition,
        bars: j.bars === null ? null : JSON.stringify(j.bars),
        request: JSON.stringify(j.request),
        outcome: j.outcome === null ? null : JSON.stringify(j.outcome),
        result: null,
        bars_text: barsText,
        started_event_id: j.startedEventId,
      })
      .execute();
  }

  async get(kind: LabJobKind, id: string): Promise<LabJobRecord | null> {
    const row = await this.db
      .selectFrom('lab_jobs')
      .select(SUMMARY_COLUMNS)
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? jobFromRow(row) : null;
  }

  async getResult(kind: LabJobKind, id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('lab_jobs')
      .select('result')
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.result ?? null;
  }

  async find(id: string): Promise<LabJobRecord | null> {
    const row = await this.db
      .selectFrom('lab_jobs')
      .select(SUMMARY_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? jobFromRow(row) : null;
  }

  async getBarsText(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('lab_jobs')
      .select('bars_text')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.bars_text ?? null;
  }

  list(kind: LabJobKind, page: PageRequest): Promise<Page<LabJobRecord>> {
    const q = this.db.selectFrom('lab_jobs').select(SUMMARY_COLUMNS).where('kind', '=', kind);
    return pageById(q, page, jobFromRow);
  }

  async markRunning(id: string, at: Instant): Promise<boolean> {
    const result = await this.db
      .updateTable('lab_jobs')
      .set({ status: 'running', started_at: iso(at), heartbeat_at: iso(at) })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async saveProgress(id: string, done: number, total: number, heartbeatAt: Instant): Promise<boolean> {
    const result = await this.db
      .updateTable('lab_jobs')
      .set({ done, total, heartbeat_at: iso(heartbeatAt) })
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async finish(id: string, end: LabJobEnd): Promise<boolean> {
    const result = await this.db
      .updateTable('lab_jobs')
      .set({
        status: end.status,
        finished_at: iso(end.finishedAt),
        heartbeat_at: iso(end.finishedAt),
        error: end.error,
        outcome: end.outcome === null ? null : JSON.stringify(end.outcome),
        result: end.resultJson,
        ...(end.done === undefined ? {} : { done: end.done }),
      })
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listUnfinished(): Promise<LabJobRecord[]> {
    const rows = await this.db
      .selectFrom('lab_jobs')
      .select(SUMMARY_COLUMNS)
      .where('status', 'in', UNFINISHED)
      .orderBy('id')
      .execute();
    return rows.map(jobFromRow);
  }
}
