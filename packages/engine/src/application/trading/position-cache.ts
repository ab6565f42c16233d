import type { PositionId } from '../../domain/ids.js';
import type { PositionForTrading, Store } from '../ports/store.js';
import type { PositionRecord } from '../records.js';

/**
 * The positions a worker evaluates, kept between cycles. Every write to a position bumps its version,
 * so a cheap read of the versions tells which cached records are still current; only the others — a
 * deposit through the API, a new position — are read in full. Portfolios (few, and the kill switch
 * lives there) and open orders are always read fresh.
 */
export class PositionCache {
  private readonly byId = new Map<PositionId, PositionRecord>();

  async load(store: Store, ids: readonly PositionId[]): Promise<PositionForTrading[]> {
    const versions = await store.positions.versions(ids);
    const stale: PositionId[] = [];
    for (const id of ids) {
      const version = versions.get(id);
      if (version === undefined) this.byId.delete(id);
      else if (this.byId.get(id)?.version !== version) stale.push(id);
    }
    for (const p of await store.positions.getMany(stale)) this.byId.set(p.id, p);
    const positions = ids.flatMap((id) => (versions.has(id) ? (this.byId.get(id) ?? []) : []));
    const portfolios = await store.portfolios.getMany([...new Set(positions.map((p) => p.portfolioId))]);
    const open = await store.positions.withOpenOrders(ids);
    return positions.flatMap((position) => {
      const portfolio = portfolios.get(position.portfolioId);
      return portfolio ? [{ position, portfolio, hasOpenOrder: open.has(position.id) }] : [];
    });
  }

  /** Records the cycle itself wrote: they are what the database now holds. */
  remember(records: Iterable<PositionRecord>): void {
    for (const r of records) this.byId.set(r.id, r);
  }
}
