import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { AuditEvent, EventSource } from './events.js';

export const CycleCounts = z.object({
  evaluated: z.number().int(),
  orders: z.number().int(),
  fills: z.number().int(),
  rejections: z.number().int(),
  skips: z.number().int(),
  holds: z.number().int(),
  anchor_resets: z.number().int(),
  no_price: z.number().int(),
  errors: z.number().int(),
});
export type CycleCounts = z.infer<typeof CycleCounts>;

export const CycleStatus = z.enum(['running', 'completed', 'interrupted', 'failed']);

export const CycleSummary = z.object({
  id: Id,
  source: EventSource,
  actor: z.string(),
  instance_id: z.string().nullable(),
  status: CycleStatus,
  started_at: Timestamp,
  finished_at: Timestamp.nullable(),
  duration_ms: z.number().int().nullable(),
  positions: z.number().int(),
  counts: CycleCounts,
  error: z.string().nullable(),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const PositionOutcome = z.object({
  position_id: Id,
  symbol: z.string(),
  outcome: z.enum(['hold', 'order', 'skip', 'anchor_reset', 'no_anchor', 'no_price', 'error']),
  order_id: Id.nullable(),
  fill: z.enum(['filled', 'rejected', 'pending']).nullable(),
  reason: z.string(),
});

export const RunCycleResult = CycleSummary.extend({ results: z.array(PositionOutcome) });
export type RunCycleResult = z.infer<typeof RunCycleResult>;

/** Strict: a mistyped `position_id` must not turn a run for one position into a run for all. */
export const RunCycleQuery = z.object({ position_id: z.string().max(64).optional() }).strict();

export const CycleListQuery = z.object({ source: EventSource.optional() });

export const WorkerInstance = z.object({
  instance_id: z.string(),
  host: z.string(),
  pid: z.number().int(),
  started_at: Timestamp,
  heartbeat_at: Timestamp,
  stopped_at: Timestamp.nullable(),
  last_cycle_id: Id.nullable(),
  alive: z.boolean(),
});

export const WorkerStatus = z.object({
  running: z.boolean(),
  enabled: z.boolean(),
  interval_seconds: z.number().int(),
  last_cycle: CycleSummary.nullable(),
  next_cycle_at: Timestamp.nullable(),
  instance_id: z.string().nullable(),
  heartbeat_at: Timestamp.nullable(),
  heartbeat_stale_after_seconds: z
    .number()
    .int()
    .describe('a heartbeat older than this means the worker is not alive (stuck, or its process is gone)'),
  settings_updated_at: Timestamp.nullable(),
  settings_updated_by: z.string().nullable(),
  instances: z.array(WorkerInstance),
  database: z
    .object({ ok: z.boolean(), error: z.string().nullable() })
    .describe(
      'whether the engine reached its database for this answer; when not, the rest is what this process knows',
    ),
});
export type WorkerStatus = z.infer<typeof WorkerStatus>;

export const WorkerSettingsBody = z
  .object({
    enabled: z.boolean({ error: 'must be true or false' }),
    interval_seconds: z
      .number({ error: 'must be a whole number of seconds' })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1 second')
      .max(86_400, 'must be at most 86 400 seconds (one day)'),
  })
  .partial()
  .strict()
  .refine(
    (b) => b.enabled !== undefined || b.interval_seconds !== undefined,
    'give enabled, interval_seconds or both',
  );
export type WorkerSettingsBody = z.infer<typeof WorkerSettingsBody>;

export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.unknown()).optional(),
});

export const CycleDetail = z.object({ cycle: CycleSummary, events: z.array(AuditEvent) });
