import { SystemClock } from '../adapters/clock/system-clock.js';
import type { Store } from '../application/ports/store.js';
import type { Config } from '../config.js';
import { openStore } from '../container.js';

/** Opens the configured database (migrating it), runs `fn`, and closes it again whatever happens. */
export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const { store } = await openStore(config.database, new SystemClock());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
