import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * Who caused an event. `worker` = scheduled cycles, `api/manual` = a person or script through the
 * API, `simulation` = backtests (kept apart from live trading), `system` = the engine itself
 * (first-start seeding, migrations). `continuous_trading` is accepted as a legacy name of `worker`.
 */
export const EventSource = z.enum(['worker', 'api/manual', 'simulation', 'system', 'continuous_trading']);
export type EventSource = z.infer<typeof EventSource>;

export const EVENT_TYPES = [
  'CycleStarted',
  'CycleCompleted',
  'PriceEvent',
  'TriggerEvaluated',
  'GuardrailEvaluated',
  'OrderCreated',
  'ExecutionRecorded',
  'PositionUpdated',
  'EvaluationFailed',
  'OrderSubmissionFailed',
  'OrderReconciled',
  'WorkerStarted',
  'WorkerStopped',
  'WorkerSettingsChanged',
  'PortfolioCreated',
  'PortfolioUpdated',
  'PortfolioDeleted',
  'PositionCreated',
  'PositionUpdatedByUser',
  'PositionDeleted',
  'CashMoved',
  'AnchorSet',
  'LoginSucceeded',
  'LoginFailed',
  'LoggedOut',
  'PasswordChanged',
  'UserCreated',
  'UserUpdated',
  'UserDeleted',
  'TokenCreated',
  'TokenRevoked',
  'SimulationStarted',
  'SimulationCompleted',
  'OptimizationStarted',
  'OptimizationCompleted',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** The envelope of every audit event (DESIGN §5.2); `payload` depends on `type`. */
export const AuditEvent = z.object({
  id: Id,
  seq: z.number().int().positive(),
  type: EventType,
  occurred_at: Timestamp,
  recorded_at: Timestamp,
  source: EventSource,
  actor: z.string(),
  cycle_id: Id.nullable(),
  parent_id: Id.nullable(),
  portfolio_id: Id.nullable(),
  position_id: Id.nullable(),
  symbol: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const EventListQuery = z.object({
  source: EventSource.optional(),
  type: EventType.optional(),
  portfolio_id: z.string().max(64).optional(),
  position_id: z.string().max(64).optional(),
  cycle_id: z.string().max(64).optional(),
  since: Timestamp.optional().describe('only events recorded at or after this instant'),
  until: Timestamp.optional().describe('only events recorded before this instant'),
  order: z.enum(['desc', 'asc']).default('desc'),
});
export type EventListQuery = z.infer<typeof EventListQuery>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  first_bad_seq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
