/** What the worker reports about itself. */
export interface WorkerSnapshot {
  readonly running: boolean;
  readonly enabled: boolean;
  readonly intervalSeconds: number;
  readonly nextCycleAt: number | null;
  readonly heartbeatAt: number | null;
  readonly instanceId: string;
  readonly inCycle: boolean;
}

/** The worker of this process, wherever it runs (this thread or a trading thread). */
export interface WorkerHandle {
  /** The latest known state, or null before the worker has reported. */
  snapshot(): WorkerSnapshot | null;
  /** Re-read the settings now (after an API change) rather than at the next heartbeat. */
  refresh(): Promise<void>;
}
