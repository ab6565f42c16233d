import type { PositionId } from '../../domain/ids.js';
import type { Repositories } from '../ports/store.js';
import type { PositionRecord } from '../records.js';

/**
 * The current records of positions, read inside a write transaction. A cycle already holds what it
 * loaded (or wrote) itself; only positions whose stored version moved since — a deposit through the
 * API, say — are read again. Deleted positions are missing from the result.
 */
export async function freshPositions(
  tx: Repositories,
  known: readonly PositionRecord[],
): Promise<Map<PositionId, PositionRecord>> {
  const versions = await tx.positions.versions(known.map((p) => p.id));
  const fresh = new Map<PositionId, PositionRecord>();
  const stale: PositionId[] = [];
  for (const p of known) {
    const version = versions.get(p.id);
    if (version === undefined) continue;
    if (version === p.version) fresh.set(p.id, p);
    else stale.push(p.id);
  }
  for (const p of await tx.positions.getMany(stale)) fresh.set(p.id, p);
  return fresh;
}
