import type { PortfolioService } from '../application/portfolios/portfolio-service.js';
import type { Clock } from '../application/ports/clock.js';
import type { CycleRunner } from '../application/ports/cycle-runner.js';
import type { Store } from '../application/ports/store.js';
import type { PositionService } from '../application/positions/position-service.js';
import type { WorkerControl } from '../application/trading/worker-control.js';

/** What the HTTP layer needs; `container.ts` builds it, tests build it with a real store. */
export interface AppDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Runs manual cycles: the orchestrator itself, or the trading thread that owns it. */
  readonly orchestrator: CycleRunner;
  readonly workerControl: WorkerControl;
  readonly portfolios: PortfolioService;
  readonly positions: PositionService;
  /** Extra readiness facts (the worker heartbeat); the database is always checked. */
  readonly readiness?: () => Promise<Record<string, unknown>>;
  /** Where the built console is, if it is served by this process. */
  readonly consoleDir?: string | null;
  readonly version: string;
}
