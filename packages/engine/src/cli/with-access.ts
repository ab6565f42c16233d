import { userInfo } from 'node:os';
import { SystemClock } from '../adapters/clock/system-clock.js';
import { UuidV7Generator } from '../adapters/ids/uuid-v7-generator.js';
import type { Requester } from '../application/audit-draft.js';
import type { Config } from '../config.js';
import { accessFor, type EngineAccess } from '../container.js';
import { withStore } from './with-store.js';

/** The user and token services on the configured database, for one command. */
export function withAccess<T>(config: Config, fn: (access: EngineAccess) => Promise<T>): Promise<T> {
  const clock = new SystemClock();
  return withStore(config, (store) => fn(accessFor(store, new UuidV7Generator(clock), clock, config.access)));
}

/** Who the audit trail records for a change made at the command line: `cli:<login name>`. */
export function cliRequester(): Requester {
  let name: string | null = null;
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers): the command line is all we know
  }
  return { source: 'system', actor: name ? `cli:${name}` : 'cli' };
}
