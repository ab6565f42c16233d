/** Timers behind an interface, so tests and simulations can run without real waiting. */
export interface Timers {
  sleep(ms: number): Promise<void>;
  /** Lets pending I/O (HTTP requests) run before continuing: long work calls this between steps. */
  yieldToEventLoop(): Promise<void>;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}
