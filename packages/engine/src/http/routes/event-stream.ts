import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventFilter, Store } from '../../application/ports/store.js';
import { presentEvent } from '../presenters.js';

const POLL_MS = 1_000;
const KEEPALIVE_MS = 15_000;
const PAGE = 500;

/**
 * Server-Sent Events of the audit trail. Events committed in this process wake the stream at once;
 * a poll picks up events written by other processes (a separate `ballast worker`). Each message's id
 * is the event's seq, so a client that reconnects with Last-Event-ID misses nothing.
 */
export function streamEvents(
  store: Store,
  req: FastifyRequest,
  reply: FastifyReply,
  filter: EventFilter,
  startAfter: number,
  open: Set<() => void>,
): void {
  let lastSeq = startAfter;
  let pumping: Promise<void> | null = null;
  let again = false;
  let closed = false;
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.write(`retry: 2000\n: streaming audit events after seq ${lastSeq}\n\n`);

  const pump = async (): Promise<void> => {
    for (;;) {
      const page = await store.audit.list({ ...filter, order: 'asc', afterSeq: lastSeq }, { limit: PAGE });
      for (const event of page.items) {
        reply.raw.write(`id: ${event.seq}\nevent: audit\ndata: ${JSON.stringify(presentEvent(event))}\n\n`);
        lastSeq = event.seq;
      }
      if (page.items.length < PAGE || closed) return;
    }
  };
  const wake = (): void => {
    if (closed) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = pump()
      .catch((error: unknown) => req.log.warn({ err: error }, 'event stream read failed'))
      .finally(() => {
        pumping = null;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  const unsubscribe = store.onEventsCommitted(wake);
  const poll = setInterval(wake, POLL_MS);
  const keepalive = setInterval(() => reply.raw.write(': keepalive\n\n'), KEEPALIVE_MS);
  // A stream never ends by itself: on shutdown the server ends it, or it would wait for the browser.
  const end = () => reply.raw.end();
  open.add(end);
  req.raw.on('close', () => {
    closed = true;
    open.delete(end);
    unsubscribe();
    clearInterval(poll);
    clearInterval(keepalive);
  });
  wake();
}
