import { SystemClock } from '../adapters/clock/system-clock.js';
import type { Config } from '../config.js';
import { openStore } from '../container.js';

/** `ballast migrate`: applies pending migrations (start-up does too) and says what it did. */
export async function migrate(config: Config, out: (line: string) => void): Promise<number> {
  const { store, migrated } = await openStore(config.database, new SystemClock());
  await store.close();
  out(
    migrated.length > 0
      ? `applied ${migrated.length} migration(s) to ${config.database.url}: ${migrated.join(', ')}`
      : `${config.database.url} is up to date`,
  );
  return 0;
}
