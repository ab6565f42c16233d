import type { AuditEvent, EventSource } from '@ballast/contracts';
import {
  formatAmount,
  formatDuration,
  formatFee,
  formatMoney,
  formatPct,
  formatPrice,
  formatQty,
  formatRatio,
  plural,
} from './format';

type Payload = Record<string, unknown>;

const text = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));
const obj = (v: unknown): Payload => (v && typeof v === 'object' ? (v as Payload) : {});
const dec = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

/** `before → after` of a `{ before, after }` pair, or null when nothing changed. */
function change(pair: unknown, show: (v: unknown) => string = text): string | null {
  const { before, after } = obj(pair);
  if (JSON.stringify(before) === JSON.stringify(after)) return null;
  return `${show(before)} → ${show(after)}`;
}

/** Leaf paths whose values differ between two nested objects: `trigger.up_pct 3 → 4`. */
function changedLeaves(before: unknown, after: unknown, prefix = ''): string[] {
  const b = obj(before);
  const a = obj(after);
  const out: string[] = [];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const path = prefix ? `${prefix}.${key}` : key;
    const [x, y] = [b[key], a[key]];
    if (x && y && typeof x === 'object' && typeof y === 'object') out.push(...changedLeaves(x, y, path));
    else if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${path} ${text(x)} → ${text(y)}`);
  }
  return out;
}

/** `“DAX” ` when a lab job was named, else nothing. */
const named = (p: Payload) => (typeof p.name === 'string' && p.name !== '' ? `“${p.name}” ` : '');

/** `1 860 bars of eustock-dax (1991-07-01 – 1998-08-24)`. */
function barsText(v: unknown): string {
  const bars = obj(v);
  const day = (at: unknown) => (typeof at === 'string' ? at.slice(0, 10) : '—');
  const span = bars.first_at ? ` (${day(bars.first_at)} – ${day(bars.last_at)})` : '';
  return `${plural(Number(bars.count), 'bar')} of ${text(bars.source)}${span}`;
}

/** `return +4.20 %, Sharpe 0.61, max drawdown 12.00 %, 37 trades`. */
function figures(v: unknown): string {
  const m = obj(v);
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  return `return ${formatPct(num(m.return_pct), { signed: true })}, Sharpe ${formatRatio(num(m.sharpe))}, max drawdown ${formatPct(num(m.max_drawdown_pct))}, ${plural(Number(m.trades), 'trade')}`;
}

/** How a lab job ended: its figures against buy-and-hold, or why there are none. */
function jobEnd(p: Payload, completed: () => string): string {
  if (p.status === 'completed') return completed();
  const by = typeof p.cancelled_by === 'string' ? ` by ${p.cancelled_by}` : '';
  return `${text(p.status)}${by}${p.error ? `: ${text(p.error)}` : ''}`;
}

const onOff = (v: unknown) => (v === true ? 'on' : v === false ? 'off' : text(v));
const side = (v: unknown) => text(v).toUpperCase();

const DESCRIBE: Partial<Record<AuditEvent['type'], (p: Payload) => string>> = {
  CycleStarted: (p) =>
    `${text(p.positions)} positions to evaluate, ${text(p.symbols)} symbols quoted` +
    (Number(p.quotes_failed) > 0 ? `, ${text(p.quotes_failed)} quotes failed` : ''),
  CycleCompleted: (p) =>
    `${text(p.status)}: ${text(p.evaluated)} evaluated, ${plural(Number(p.orders), 'order')}, ${text(p.fills)} filled, ` +
    `${text(p.skips)} blocked, ${plural(Number(p.errors), 'error')} in ${formatDuration(Number(p.duration_ms))}`,
  PriceEvent: (p) =>
    p.ok === true
      ? `${text(p.symbol)} at ${formatPrice(dec(p.price))} (anchor ${formatPrice(dec(p.anchor))}) from ${text(p.provider)}`
      : `no price for ${text(p.symbol)}: ${text(p.error)}`,
  TriggerEvaluated: (p) => text(p.reason),
  GuardrailEvaluated: (p) => {
    const proposal = obj(p.proposal);
    const band = obj(p.band);
    const reasons = Array.isArray(p.reasons) ? p.reasons.map((r) => text(obj(r).message)) : [];
    const head =
      `${p.allowed === true ? 'allowed' : 'blocked'}: ${side(proposal.side)} ${formatQty(dec(proposal.qty))} ` +
      `@ ${formatPrice(dec(p.price))} (${text(proposal.note)}); allocation ${formatPct(dec(band.before_pct))} → ` +
      `${formatPct(dec(band.after_pct))}, band ${text(band.min_pct)}–${text(band.max_pct)} %`;
    return reasons.length > 0 ? `${head}. ${reasons.join('; ')}` : head;
  },
  OrderCreated: (p) =>
    `${side(p.side)} ${formatQty(dec(p.qty))} @ ${formatPrice(dec(p.price))}, est. fee ${formatFee(dec(p.est_fee))} (client order id ${text(p.client_order_id)})`,
  ExecutionRecorded: (p) =>
    (p.status === 'filled'
      ? `filled: ${side(p.side)} ${formatQty(dec(p.qty))} @ ${formatPrice(dec(p.price))}, fee ${formatFee(dec(p.fee))}`
      : `${text(p.status)}: ${side(p.side)} ${formatQty(dec(p.qty))}. ${text(p.reason)}`) +
    (p.reconciled === true ? ' (learnt from the broker by reconciliation)' : ''),
  PositionUpdated: (p) =>
    [
      change(p.shares, (v) => formatQty(dec(v))) && `shares ${change(p.shares, (v) => formatQty(dec(v)))}`,
      change(p.cash, (v) => formatMoney(dec(v))) && `cash ${change(p.cash, (v) => formatMoney(dec(v)))}`,
      change(p.anchor, (v) => formatPrice(dec(v))) &&
        `anchor ${change(p.anchor, (v) => formatPrice(dec(v)))}`,
    ]
      .filter(Boolean)
      .join(', ') || 'no change',
  EvaluationFailed: (p) => `evaluation failed (${text(p.stage)}): ${text(p.error)}`,
  OrderSubmissionFailed: (p) =>
    `the broker could not take the order: ${text(p.error)}; it stays open until reconciliation settles it with the broker`,
  OrderReconciled: (p) =>
    `reconciled with the broker ${p.trigger === 'start-up' ? 'at start-up' : 'before a cycle'}: ${text(p.reason)}`,
  WorkerStarted: (p) =>
    `worker ${text(p.instance_id)} started on ${text(p.host)} (pid ${text(p.pid)}), ${p.enabled === true ? `trading every ${text(p.interval_seconds)} s` : 'disabled'}`,
  WorkerStopped: (p) => `worker stopped: ${text(p.reason)}`,
  WorkerSettingsChanged: (p) =>
    [
      change(p.enabled, onOff) && `trading ${change(p.enabled, onOff)}`,
      change(p.interval_seconds, (v) => `${text(v)} s`) &&
        `interval ${change(p.interval_seconds, (v) => `${text(v)} s`)}`,
    ]
      .filter(Boolean)
      .join(', ') || 'settings saved unchanged',
  PortfolioCreated: (p) =>
    `created “${text(p.name)}” (${text(p.base_currency)}, ${text(p.state)}, auto trading ${onOff(p.auto_trading_enabled)}, market hours ${text(p.market_hours)})`,
  PortfolioUpdated: (p) =>
    Object.entries(obj(p.changes))
      .map(
        ([key, pair]) =>
          `${key.replace(/_/g, ' ')} ${change(pair, key === 'auto_trading_enabled' ? onOff : text)}`,
      )
      .join(', ') || 'saved unchanged',
  PortfolioDeleted: (p) => `deleted “${text(p.name)}”; its orders, trades and events are kept`,
  PositionCreated: (p) =>
    `created with ${formatQty(dec(p.shares))} shares and ${formatMoney(dec(p.cash))} cash, anchor ${formatPrice(dec(p.anchor))}`,
  PositionUpdatedByUser: (p) =>
    [
      change(p.auto_trading_enabled, onOff) && `auto trading ${change(p.auto_trading_enabled, onOff)}`,
      ...changedLeaves(obj(p.params).before, obj(p.params).after),
    ]
      .filter(Boolean)
      .join(', ') || 'saved unchanged',
  PositionDeleted: (p) =>
    `deleted (had ${formatQty(dec(p.shares))} shares, ${formatMoney(dec(p.cash))} cash); its history is kept`,
  CashMoved: (p) =>
    `${text(p.kind)} of ${formatMoney(dec(p.amount))}: cash ${change(p.cash, (v) => formatMoney(dec(v)))}` +
    (p.note ? ` (${text(p.note)})` : ''),
  LoginSucceeded: (p) =>
    `logged in (${p.kind === 'session' ? 'console' : 'bearer token'}) from ${text(p.ip)}`,
  LoginFailed: (p) =>
    `login as ${text(p.username)} refused: ${text(p.reason)} (from ${text(p.ip)})` +
    (p.locked_until ? `; account locked until ${text(p.locked_until)}` : ''),
  LoggedOut: () => 'logged out',
  PasswordChanged: (p) => `${text(p.username)} changed their password; their sessions ended`,
  UserCreated: (p) => `added the user ${text(p.username)} as ${text(p.role)}`,
  UserUpdated: (p) => {
    const enabled = (v: unknown) => (v === true ? 'disabled' : 'enabled');
    const parts = [
      change(p.role) && `role ${change(p.role)}`,
      change(p.disabled, enabled),
      p.password_changed === true && 'new password',
      p.sessions_ended === true && 'sessions ended',
    ].filter(Boolean);
    return `${text(p.username)}: ${parts.join(', ') || 'saved unchanged'}`;
  },
  TokenCreated: (p) =>
    `created the API token ${text(p.name)} (${text(p.role)}${p.expires_at ? `, expires ${text(p.expires_at)}` : ''})`,
  TokenRevoked: (p) => `revoked the API token ${text(p.name)}`,
  SimulationStarted: (p) =>
    `started the simulation ${named(p)}over ${barsText(p.bars)}, from ${formatQty(dec(p.shares))} shares and ${formatAmount(dec(p.cash))} cash` +
    (p.from_position ? ' with a position’s parameters' : ''),
  SimulationCompleted: (p) =>
    `simulation ${named(p)}` +
    jobEnd(p, () => `completed: ${figures(p.metrics)}; buy-and-hold ${figures(p.buy_and_hold)}`),
  OptimizationStarted: (p) =>
    `started the optimization ${named(p)}of ${plural(Number(p.combinations), 'combination')} over ${Object.keys(obj(p.grid)).join(' × ') || '—'}, ranked by ${text(p.rank_by)}, on ${barsText(p.bars)}`,
  OptimizationCompleted: (p) =>
    `optimization ${named(p)}` +
    jobEnd(p, () => {
      const best = obj(p.best);
      const values = Object.entries(obj(best.params))
        .map(([key, value]) => `${key} ${text(value)}`)
        .join(', ');
      const notRun = Number(p.not_run) > 0 ? ` (${text(p.not_run)} not valid, not run)` : '';
      const head = `completed: ${plural(Number(p.combinations), 'combination')}${notRun}`;
      return p.best
        ? `${head}; best ${values}: ${figures(best.metrics)}; buy-and-hold ${figures(p.buy_and_hold)}`
        : `${head}; none could be run`;
    }),
  AnchorSet: (p) =>
    `anchor ${change(p.anchor, (v) => formatPrice(dec(v))) ?? 'unchanged'}${p.from_current_price === true ? ' (the current price)' : ''}`,
};

/** One line that says what an audit event records, in words. */
export function describeEvent(event: Pick<AuditEvent, 'type' | 'payload'>): string {
  return DESCRIBE[event.type]?.(event.payload) ?? JSON.stringify(event.payload);
}

/** Who started it, as the console labels it: scheduled cycles are "Auto", requests through the API "Manual". */
export function sourceLabel(source: EventSource): string {
  switch (source) {
    case 'worker':
    case 'continuous_trading':
      return 'Auto (worker)';
    case 'api/manual':
      return 'Manual (console)';
    case 'simulation':
      return 'Simulation';
    case 'system':
      return 'System';
  }
}
