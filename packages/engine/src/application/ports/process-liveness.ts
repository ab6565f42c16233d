/** Whether an engine process is known to be gone (on this machine a dead pid can be seen at once). */
export interface ProcessLiveness {
  /** True only when certain: a process on another host, or a live one, is not gone. */
  isGone(host: string, pid: number): boolean;
}

/** Knows nothing: an engine is taken for dead only when its heartbeat is stale. */
export const UNKNOWN_LIVENESS: ProcessLiveness = { isGone: () => false };
