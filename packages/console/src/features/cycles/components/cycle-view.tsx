import type { AuditEvent, CycleSummary } from '@ballast/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { SourceBadge } from '../../../components/source-badge';
import { PagedQueryView, QueryView } from '../../../components/states';
import { Time } from '../../../components/time';
import { describeEvent } from '../../../lib/event-text';
import { formatCount, formatDuration, plural } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { cycleEventsQuery, cycleQuery } from '../api/cycles-api';

/** The steps of one position's evaluation, in the order the engine takes them (DESIGN §5.2). */
const STEP_LABEL: Partial<Record<AuditEvent['type'], string>> = {
  PriceEvent: 'Price',
  TriggerEvaluated: 'Trigger',
  GuardrailEvaluated: 'Guardrails',
  OrderCreated: 'Order',
  ExecutionRecorded: 'Execution',
  PositionUpdated: 'Position',
  EvaluationFailed: 'Failure',
  OrderSubmissionFailed: 'Broker',
  OrderReconciled: 'Reconciled',
};

interface Chain {
  readonly positionId: string;
  readonly symbol: string | null;
  readonly events: AuditEvent[];
}

/** Events of positions grouped into one chain per position, in order of their first event. */
function chainsOf(events: readonly AuditEvent[]): { chains: Chain[]; cycleEvents: AuditEvent[] } {
  const chains = new Map<string, Chain>();
  const cycleEvents: AuditEvent[] = [];
  for (const e of events) {
    if (!e.position_id) {
      cycleEvents.push(e);
      continue;
    }
    let chain = chains.get(e.position_id);
    if (!chain) {
      chain = { positionId: e.position_id, symbol: e.symbol, events: [] };
      chains.set(e.position_id, chain);
    }
    chain.events.push(e);
  }
  return { chains: [...chains.values()], cycleEvents };
}

/** How a chain ended, for its heading: traded, blocked (and why), held. */
function outcomeOf(chain: Chain): { kind: string; text: string } {
  const last = (type: AuditEvent['type']) => chain.events.findLast((e) => e.type === type);
  const execution = last('ExecutionRecorded');
  if (execution)
    return {
      kind: execution.payload.status === 'filled' ? 'filled' : 'rejected',
      text: String(execution.payload.status),
    };
  if (last('EvaluationFailed') || last('OrderSubmissionFailed')) return { kind: 'error', text: 'error' };
  const guard = last('GuardrailEvaluated');
  if (guard && guard.payload.allowed !== true) return { kind: 'blocked', text: 'blocked' };
  const trigger = last('TriggerEvaluated');
  if (trigger?.payload.outcome === 'anchor_reset') return { kind: 'reset', text: 'anchor reset' };
  return { kind: 'hold', text: 'no order' };
}

function ChainView({ chain }: { chain: Chain }) {
  const outcome = outcomeOf(chain);
  return (
    <li className="chain" data-position-id={chain.positionId}>
      <h3>
        <Link to={`/positions/${chain.positionId}`}>{chain.symbol ?? chain.positionId}</Link>{' '}
        <span className={`status status-${outcome.kind}`}>{outcome.text}</span>
      </h3>
      <ol className="steps">
        {chain.events.map((e) => (
          <li key={e.seq} className={`step step-${e.type}`} data-event-type={e.type}>
            <span className="step-name">{STEP_LABEL[e.type] ?? e.type}</span>
            <span className="step-type mono">{e.type}</span>
            <span className="step-text">{describeEvent(e)}</span>
            <Link className="step-seq" to={`/audit/events/${e.seq}`} aria-label={`Audit event ${e.seq}`}>
              #{e.seq}
            </Link>
          </li>
        ))}
      </ol>
    </li>
  );
}

function CycleFacts({ cycle }: { cycle: CycleSummary }) {
  const c = cycle.counts;
  return (
    <dl className="facts">
      <dt>Source</dt>
      <dd>
        <SourceBadge source={cycle.source} actor={cycle.actor} /> asked by <strong>{cycle.actor}</strong>
      </dd>
      <dt>Status</dt>
      <dd>
        {cycle.status}
        {cycle.error && <span className="warn"> — {cycle.error}</span>}
      </dd>
      <dt>Started</dt>
      <dd>
        <Time iso={cycle.started_at} />
      </dd>
      <dt>Took</dt>
      <dd>{formatDuration(cycle.duration_ms)}</dd>
      <dt>Outcome</dt>
      <dd>
        {formatCount(c.evaluated)} of {formatCount(cycle.positions)} evaluated: {plural(c.orders, 'order')},{' '}
        {formatCount(c.fills)} filled, {formatCount(c.rejections)} rejected, {formatCount(c.skips)} blocked,{' '}
        {formatCount(c.holds)} held, {plural(c.anchor_resets, 'anchor reset')}, {formatCount(c.no_price)}{' '}
        without a price, {plural(c.errors, 'error')}
      </dd>
      {cycle.instance_id && (
        <>
          <dt>Engine</dt>
          <dd className="mono">{cycle.instance_id}</dd>
        </>
      )}
    </dl>
  );
}

/** The events of a cycle as chains, one per position; with `onlyOrders`, those where an order was proposed. */
function Chains({ events, onlyOrders }: { events: readonly AuditEvent[]; onlyOrders: boolean }) {
  const { chains, cycleEvents } = useMemo(() => chainsOf(events), [events]);
  const shown = onlyOrders
    ? chains.filter((c) => c.events.some((e) => e.type === 'GuardrailEvaluated'))
    : chains;
  return (
    <>
      {cycleEvents.length > 0 && (
        <ul className="cycle-events">
          {cycleEvents.map((e) => (
            <li key={e.seq} data-event-type={e.type}>
              <span className="mono">{e.type}</span> {describeEvent(e)}{' '}
              <Link to={`/audit/events/${e.seq}`}>#{e.seq}</Link>
            </li>
          ))}
        </ul>
      )}
      {shown.length === 0 && (
        <p className="state empty">
          {onlyOrders
            ? 'No position had an order proposed in this cycle.'
            : 'This cycle evaluated no positions.'}
        </p>
      )}
      <ol className="chains">
        {shown.map((c) => (
          <ChainView key={c.positionId} chain={c} />
        ))}
      </ol>
    </>
  );
}

/** One cycle: its summary, then each position's chain from price to position update with the reason at each step. */
export function CycleView({ id, positionId }: { id: string; positionId?: string | undefined }) {
  const summary = useQuery(cycleQuery(id));
  const events = useInfiniteQuery(cycleEventsQuery(id, positionId));
  const [onlyOrders, setOnlyOrders] = useState(false);

  return (
    <>
      <section className="card">
        <QueryView query={summary} what="the cycle">
          {(detail) => <CycleFacts cycle={detail.cycle} />}
        </QueryView>
      </section>
      <section className="card" aria-labelledby="chain-title">
        <div className="card-head">
          <h2 id="chain-title">{positionId ? 'The position’s chain' : 'Every position’s chain'}</h2>
          <label className="check">
            <input type="checkbox" checked={onlyOrders} onChange={(e) => setOnlyOrders(e.target.checked)} />{' '}
            Only positions where an order was proposed
          </label>
          {positionId && <Link to={`/cycles/${id}`}>Show every position</Link>}
        </div>
        <PagedQueryView query={events} what="the cycle's events" more="Load more of this cycle">
          {(all) => <Chains events={all} onlyOrders={onlyOrders} />}
        </PagedQueryView>
      </section>
    </>
  );
}
