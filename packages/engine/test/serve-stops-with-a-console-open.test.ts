/**
 * A console left open holds a live event stream. Stopping the engine (Ctrl-C, SIGTERM from a
 * supervisor) must not wait for the browser to go away: the server ends its streams and exits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  engineSettings,
  ensureBuilt,
  killHard,
  running,
  startBallast,
  stop,
  writeSeesawCsv,
} from './support/engine-process.js';

let dir = '';

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'ballast-stream-stop-'));
}, 180_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('stopping the engine while a console streams events', () => {
  it('ends the open stream and exits cleanly on SIGTERM', async () => {
    const csv = await writeSeesawCsv(dir, 100);
    const engine = await startBallast('serve', engineSettings(dir, csv));
    const response = await fetch(`${engine.url}/v1/events/stream?after_seq=0`, {
      headers: await client(engine).auth(),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('streaming audit events after seq 0');

    const exit = await stop(engine);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(engine.logs.some((l) => l.msg === 'stopped cleanly')).toBe(true);
    // The stream was ended by the server, not cut: the client reads to its end.
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
  });
});
