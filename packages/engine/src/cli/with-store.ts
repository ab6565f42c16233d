import { SystemClock } from '../adapters/clock/system-clock.js';
import { openSqliteStore } from '../adapters/db/sqlite/sqlite-store.js';
import type { Store } from '../application/ports/store.js';
import type { Config } from '../config.js';

/** Opens the configured database (migrating it), runs `fn`, and closes it again whatever happens. */
export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const { store } = await openSqliteStore(config.database.file, new SystemClock());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
