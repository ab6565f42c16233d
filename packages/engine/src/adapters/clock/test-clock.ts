import type { Clock } from '../../application/ports/clock.js';

/** A clock that moves only when told to: for tests and simulations. */
export class TestClock implements Clock {
  constructor(private at: number = Date.UTC(2026, 0, 5, 15, 0, 0)) {}

  now(): number {
    return this.at;
  }

  set(at: number): void {
    this.at = at;
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
