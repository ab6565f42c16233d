import type { AuditEvent } from '@ballast/contracts';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminAuth, buildHarnessApp, type Harness, startHarness } from '../test-support/engine-harness.js';

interface SseFrame {
  readonly id: string | null;
  readonly event: string | null;
  readonly data: AuditEvent;
}

interface SseStream {
  readonly status: number;
  readonly contentType: string | null;
  readonly frames: SseFrame[];
  until(what: string, done: (frames: SseFrame[]) => boolean): Promise<SseFrame[]>;
  close(): Promise<void>;
}

import { describeEachDialect } from '../test-support/dialects.js';

describeEachDialect('the audit trail streamed and exported', (dialect) => {
  let h: Harness;
  let app: FastifyInstance;
  let base: string;
  const streams: SseStream[] = [];

  beforeEach(async () => {
    h = await startHarness({ dialect });
    app = await buildHarnessApp(h);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) await s.close();
    await app.close();
    await h.close();
  });

  /** One SSE message block → a frame; comment-only blocks (`: keepalive`, `retry:`) give null. */
  function parseFrame(block: string): SseFrame | null {
    let id: string | null = null;
    let event: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    return data.length === 0 ? null : { id, event, data: JSON.parse(data.join('\n')) as AuditEvent };
  }

  /** Opens the live audit stream over a real socket with `fetch` and reads its frames as they come. */
  async function openStream(path: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const abort = new AbortController();
    const res = await fetch(`${base}${path}`, {
      headers: { ...adminAuth(app), ...headers },
      signal: abort.signal,
    });
    const frames: SseFrame[] = [];
    const reader = res.body!.getReader();
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const frame = parseFrame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (frame) frames.push(frame);
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    const stream: SseStream = {
      status: res.status,
      contentType: res.headers.get('content-type'),
      frames,
      async until(what, done) {
        const deadline = Date.now() + 5_000;
        while (!done(frames)) {
          if (Date.now() > deadline)
            throw new Error(`stream ${path}: timed out waiting for ${what}; got ${types(frames).join(', ')}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return frames;
      },
      async close() {
        abort.abort();
        await reading;
      },
    };
    streams.push(stream);
    return stream;
  }

  const types = (frames: readonly SseFrame[]) => frames.map((f) => f.data.type);
  const seqs = (frames: readonly SseFrame[]) => frames.map((f) => f.data.seq);
  const completes = (cycleId: string) => (frames: SseFrame[]) =>
    frames.some((f) => f.data.type === 'CycleCompleted' && f.data.cycle_id === cycleId);

  async function api(method: 'GET' | 'POST', path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? { headers: adminAuth(app) }
        : { body: JSON.stringify(body), headers: { ...adminAuth(app), 'content-type': 'application/json' } }),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res.json() as Promise<Record<string, unknown>>;
  }

  async function createPosition(): Promise<string> {
    const pf = await api('POST', '/v1/portfolios', { name: 'Main', market_hours: 'always' });
    h.market.set('ACME', 100);
    const pos = await api('POST', `/v1/portfolios/${pf.id}/positions`, {
      symbol: 'ACME',
      shares: '50',
      cash: '5000',
    });
    return pos.id as string;
  }

  async function runCycleAt(positionId: string, price: number): Promise<string> {
    h.market.set('ACME', price);
    const result = await api('POST', `/v1/trading/cycle?position_id=${positionId}`);
    expect(result).toMatchObject({ status: 'completed', counts: { orders: 1 } });
    return result.id as string;
  }

  /** Every stored event after `afterSeq`, oldest first, as the API presents it. */
  async function storedAfter(afterSeq: number): Promise<AuditEvent[]> {
    const page = await api('GET', '/v1/events?order=asc&limit=500');
    return (page.items as AuditEvent[]).filter((e) => e.seq > afterSeq);
  }

  describe('the live audit stream', () => {
    it("delivers a manual cycle's events in order, each with its seq as the SSE id", async () => {
      const positionId = await createPosition();
      const before = await h.store.audit.lastSeq();
      const live = await openStream('/v1/events/stream');
      expect(live.status).toBe(200);
      expect(live.contentType).toMatch(/^text\/event-stream/);

      const cycleId = await runCycleAt(positionId, 97);
      const frames = await live.until('the cycle to complete', completes(cycleId));

      expect(types(frames)).toEqual([
        'CycleStarted',
        'PriceEvent',
        'TriggerEvaluated',
        'GuardrailEvaluated',
        'OrderCreated',
        'ExecutionRecorded',
        'PositionUpdated',
        'CycleCompleted',
      ]);
      for (const f of frames) {
        expect(f.event).toBe('audit');
        expect(f.id).toBe(String(f.data.seq));
        expect(f.data).toMatchObject({ cycle_id: cycleId, source: 'api/manual' });
      }
      // Only what came after the connection opened, then every event with no gap.
      expect(seqs(frames)).toEqual(frames.map((_, i) => before + 1 + i));
      expect(frames.map((f) => f.data)).toEqual(await storedAfter(before));
    });

    it('resumes after Last-Event-ID on reconnect and misses nothing written while disconnected', async () => {
      const positionId = await createPosition();
      const first = await openStream('/v1/events/stream');
      const cycle1 = await runCycleAt(positionId, 97);
      const seen = await first.until('the first cycle', completes(cycle1));
      const lastSeen = seen.find((f) => f.data.type === 'TriggerEvaluated')!; // the client dropped here
      await first.close();

      const cycle2 = await runCycleAt(positionId, 94); // written while nobody listens
      const again = await openStream('/v1/events/stream', { 'last-event-id': lastSeen.id! });
      const resumed = await again.until('the second cycle', completes(cycle2));

      expect(resumed[0]!.data.seq).toBe(lastSeen.data.seq + 1);
      expect(resumed.map((f) => f.data)).toEqual(await storedAfter(lastSeen.data.seq));
      expect(new Set(resumed.map((f) => f.data.cycle_id))).toEqual(new Set([cycle1, cycle2]));
      for (const f of resumed) expect(f.id).toBe(String(f.data.seq));
    });

    it('delivers only the events matching a filter, past and live', async () => {
      const positionId = await createPosition();
      await runCycleAt(positionId, 97);
      await runCycleAt(positionId, 94);
      const orders = await openStream('/v1/events/stream?type=OrderCreated&after_seq=0');
      await orders.until('the two past orders', (f) => f.length >= 2);

      const live = await runCycleAt(positionId, 91);
      // Frames arrive in seq order, so the live cycle's PriceEvent, TriggerEvaluated and
      // GuardrailEvaluated would have come before its OrderCreated had the filter let them through.
      const frames = await orders.until('the live order', (f) => f.some((x) => x.data.cycle_id === live));
      expect(types(frames)).toEqual(['OrderCreated', 'OrderCreated', 'OrderCreated']);
      const stored = await h.store.audit.list({ type: 'OrderCreated', order: 'asc' }, { limit: 10 });
      expect(seqs(frames)).toEqual(stored.items.map((e) => e.seq));
      expect(frames.map((f) => f.id)).toEqual(stored.items.map((e) => String(e.seq)));
    });
  });

  /** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\n') {
        rows.push([...row, cell]);
        row = [];
        cell = '';
      } else cell += c;
    }
    if (cell !== '' || row.length > 0) rows.push([...row, cell]);
    return rows;
  }

  describe('exporting the audit trail', () => {
    const COLUMNS = [
      'seq',
      'id',
      'type',
      'occurred_at',
      'recorded_at',
      'source',
      'actor',
      'cycle_id',
      'parent_id',
      'portfolio_id',
      'position_id',
      'symbol',
      'payload',
      'prev_hash',
      'hash',
    ];

    async function tradeTwice() {
      const positionId = await createPosition();
      await runCycleAt(positionId, 97);
      await runCycleAt(positionId, 94);
      return storedAfter(0);
    }

    it('as CSV: a header row, then one row per event oldest first, the payload as quoted JSON', async () => {
      const events = await tradeTwice();
      const res = await fetch(`${base}/v1/events/export?format=csv`, { headers: adminAuth(app) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await res.text();
      const [header, ...rows] = parseCsv(text);

      expect(header).toEqual(COLUMNS);
      expect(rows).toHaveLength(events.length);
      expect(events.length).toBe(await h.store.audit.lastSeq());
      rows.forEach((row, i) => {
        const e = events[i]!;
        expect(row).toHaveLength(COLUMNS.length);
        expect(row.slice(0, 7)).toEqual([
          String(e.seq),
          e.id,
          e.type,
          e.occurred_at,
          e.recorded_at,
          e.source,
          e.actor,
        ]);
        expect(row.slice(7, 12)).toEqual(
          [e.cycle_id, e.parent_id, e.portfolio_id, e.position_id, e.symbol].map((v) => v ?? ''),
        );
        expect(JSON.parse(row[12]!)).toEqual(e.payload);
        expect(row.slice(13)).toEqual([e.prev_hash, e.hash]);
      });
      // Written as one quoted cell with its inner quotes doubled, so a spreadsheet keeps it whole.
      const firstLine = text.split('\n')[1]!;
      expect(firstLine).toContain(`,"${JSON.stringify(events[0]!.payload).replace(/"/g, '""')}",`);
    });

    it('as NDJSON: one JSON event per line, oldest first, and filters apply', async () => {
      const events = await tradeTwice();
      const res = await fetch(`${base}/v1/events/export?format=ndjson`, { headers: adminAuth(app) });
      expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const lines = (await res.text()).split('\n');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual(events);

      const fills = await (
        await fetch(`${base}/v1/events/export?format=ndjson&type=ExecutionRecorded`, {
          headers: adminAuth(app),
        })
      ).text();
      const filled = fills
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as AuditEvent);
      expect(filled).toEqual(events.filter((e) => e.type === 'ExecutionRecorded'));
      expect(filled).toHaveLength(2);
    });
  });
});
