import { describe, expect, it } from 'vitest';
import { TestClock } from '../clock/test-clock.js';
import { UuidV7Generator } from './uuid-v7-generator.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('UUIDv7 ids', () => {
  it('are well-formed version 7 UUIDs carrying the millisecond', () => {
    const clock = new TestClock(Date.UTC(2026, 0, 6, 15, 0, 0, 123));
    const id = new UuidV7Generator(clock).next();
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(clock.now());
  });

  it('sort in creation order, within one millisecond and across many', () => {
    const clock = new TestClock();
    const ids = new UuidV7Generator(clock);
    const made: string[] = [];
    for (let i = 0; i < 5000; i++) {
      made.push(ids.next());
      if (i % 1000 === 999) clock.advance(1);
    }
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('keep increasing when the clock goes back', () => {
    const clock = new TestClock(Date.UTC(2026, 0, 6));
    const ids = new UuidV7Generator(clock);
    const a = ids.next();
    clock.advance(-60_000);
    expect(ids.next() > a).toBe(true);
  });
});
