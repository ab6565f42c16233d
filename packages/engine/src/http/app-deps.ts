import type { Authenticator } from '../application/access/authenticator.js';
import type { LoginService } from '../application/access/login-service.js';
import type { TokenService } from '../application/access/token-service.js';
import type { UserService } from '../application/access/user-service.js';
import type { PortfolioService } from '../application/portfolios/portfolio-service.js';
import type { Clock } from '../application/ports/clock.js';
import type { CycleRunner } from '../application/ports/cycle-runner.js';
import type { Store } from '../application/ports/store.js';
import type { PositionService } from '../application/positions/position-service.js';
import type { SimulationLab } from '../application/simulations/simulation-lab.js';
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
  /** Simulations and optimizations, run as jobs off the API thread. */
  readonly simulations: SimulationLab;
  /** Extra readiness facts (the worker heartbeat); the database is always checked. */
  readonly readiness?: () => Promise<Record<string, unknown>>;
  /** Where the built console is, if it is served by this process. */
  readonly consoleDir?: string | null;
  readonly version: string;
  readonly access: AccessDeps;
}

/** Who may do what: credentials, logins, users and tokens, and how cookies and browsers are treated. */
export interface AccessDeps {
  readonly authenticator: Authenticator;
  readonly logins: LoginService;
  readonly users: UserService;
  readonly tokens: TokenService;
  readonly loginAttemptsPerMinute: number;
  /** Cookies marked Secure (the engine serves TLS). */
  readonly tls: boolean;
  /** Origins allowed to call the API from a browser; none by default. */
  readonly corsOrigins: readonly string[];
}
