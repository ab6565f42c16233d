import { hostname } from 'node:os';
import type { ProcessLiveness } from '../../application/ports/process-liveness.js';

/**
 * A process on this host is gone when signal 0 cannot reach it (ESRCH). A supervisor restarting
 * a killed engine thus frees its work at once instead of waiting for the heartbeat to go stale.
 */
export class LocalProcessLiveness implements ProcessLiveness {
  private readonly host = hostname();

  isGone(host: string, pid: number): boolean {
    if (host !== this.host || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
}
