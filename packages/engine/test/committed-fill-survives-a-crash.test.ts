import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../src/adapters/clock/test-clock.js';
import { openSqliteStore } from '../src/adapters/db/sqlite/sqlite-store.js';
import type { PositionId } from '../src/domain/ids.js';

const FIXTURE = new URL('./fixtures/fill-then-die.mjs', import.meta.url).pathname;
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runUntilKilled(dbFile: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(process.execPath, [FIXTURE, dbFile, dir], (error) =>
      resolve((error as { signal?: string } | null)?.signal ?? null),
    );
  });
}

describe('a committed fill survives the process being killed', () => {
  it('keeps the trade, the new position state and an intact audit chain after SIGKILL', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ballast-crash-'));
    const dbFile = join(dir, 'ballast.db');
    expect(await runUntilKilled(dbFile)).toBe('SIGKILL');
    const committed = JSON.parse(readFileSync(join(dir, 'committed.json'), 'utf8'));
    expect(committed.counts).toMatchObject({ orders: 1, fills: 1 });

    const { store } = await openSqliteStore(dbFile, new TestClock());
    try {
      const position = await store.positions.get(committed.position_id as PositionId);
      expect(position!.shares.toFixed()).toBe('55.234455');
      expect(position!.anchor!.toFixed()).toBe('97');
      const trades = await store.trades.list({ positionId: committed.position_id }, { limit: 10 });
      expect(trades.items.map((t) => [t.side, t.qty.toFixed(), t.price.toFixed()])).toEqual([
        ['buy', '5.234455', '97'],
      ]);
      const cycleEvents = await store.audit.listByCycle(committed.cycle_id);
      expect(cycleEvents.map((e) => e.type)).toContain('CycleCompleted');
      expect(await store.audit.verify()).toMatchObject({ ok: true, first_bad_seq: null });
    } finally {
      await store.close();
    }
  }, 30_000);
});
