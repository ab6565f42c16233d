import type { Timers } from '../../application/ports/timers.js';

export class NodeTimers implements Timers {
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
  yieldToEventLoop(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }
  setTimeout(fn: () => void, ms: number): unknown {
    return setTimeout(fn, ms);
  }
  clearTimeout(handle: unknown): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
  setInterval(fn: () => void, ms: number): unknown {
    return setInterval(fn, ms);
  }
  clearInterval(handle: unknown): void {
    clearInterval(handle as NodeJS.Timeout);
  }
}
