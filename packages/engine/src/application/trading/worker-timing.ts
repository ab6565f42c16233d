/** How often a worker tells the database it is alive. */
export const HEARTBEAT_MS = 5_000;

/** An instance whose heartbeat is older than this is not alive (stuck, or its process is gone). */
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;
