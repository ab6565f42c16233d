import { EventSource } from '@ballast/contracts';
import type { StoredEvent } from '../application/records.js';
import type { Config } from '../config.js';
import { UsageError } from './usage-error.js';
import { withStore } from './with-store.js';

const POLL_MS = 1_000;

/** One line per event: seq, time, source, actor, type, symbol and what happened. */
export function formatEventLine(e: StoredEvent): string {
  const p = e.payload as Record<string, unknown>;
  const what = typeof p.reason === 'string' ? p.reason : summaryOf(e.type, p);
  return [
    String(e.seq).padStart(7),
    new Date(e.occurredAt).toISOString(),
    e.source.padEnd(10),
    e.actor,
    e.type.padEnd(18),
    e.symbol ?? '-',
    what,
  ].join('  ');
}

function summaryOf(type: string, p: Record<string, unknown>): string {
  if (type === 'PriceEvent') return p.ok ? `price ${p.price} (anchor ${p.anchor})` : `no price: ${p.error}`;
  if (type === 'OrderCreated') return `${p.side} ${p.qty} @ ${p.price}`;
  if (type === 'ExecutionRecorded')
    return p.status === 'filled'
      ? `filled ${p.side} ${p.qty} @ ${p.price}, fee ${p.fee}`
      : `${p.status}: ${p.reason}`;
  if (type === 'GuardrailEvaluated')
    return p.allowed
      ? 'allowed'
      : `blocked: ${(p.reasons as { message: string }[]).map((r) => r.message).join('; ')}`;
  if (type === 'CycleCompleted')
    return `${p.status}: ${p.evaluated} evaluated, ${p.orders} orders, ${p.fills} fills, ${p.errors} errors in ${p.duration_ms} ms`;
  return JSON.stringify(p);
}

export interface TailOptions {
  readonly follow: boolean;
  readonly source?: string | undefined;
  readonly limit: number;
}

/** `ballast audit tail`: the last events, oldest first; with --follow, new ones as they are committed (by any process). */
export async function auditTail(
  config: Config,
  options: TailOptions,
  out: (line: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  const source = options.source === undefined ? undefined : EventSource.safeParse(options.source);
  if (source && !source.success)
    throw new UsageError(`--source must be one of ${EventSource.options.join(', ')}`);
  const filter = { source: source?.data };
  return withStore(config, async (store) => {
    const recent = await store.audit.list(filter, { limit: options.limit });
    let last = recent.items[0]?.seq ?? (await store.audit.lastSeq());
    for (const e of recent.items.reverse()) out(formatEventLine(e));
    while (options.follow && !signal?.aborted) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const page = await store.audit.list({ ...filter, order: 'asc', afterSeq: last }, { limit: 500 });
      for (const e of page.items) out(formatEventLine(e));
      last = page.items.at(-1)?.seq ?? last;
    }
    return 0;
  });
}

/** `ballast audit verify`: exit 0 when the chain is intact, 1 with the first bad seq otherwise. */
export async function auditVerify(config: Config, out: (line: string) => void): Promise<number> {
  return withStore(config, async (store) => {
    const result = await store.audit.verify((checked) => {
      if (checked % 100_000 === 0 && checked > 0) out(`  … ${checked} events checked`);
    });
    out(
      result.ok
        ? `audit chain OK: ${result.checked} events, gap-free, every hash verified`
        : `audit chain BROKEN at seq ${result.first_bad_seq}: ${result.reason} (${result.checked} events before it are intact)`,
    );
    return result.ok ? 0 : 1;
  });
}
