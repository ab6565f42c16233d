import type { Store } from '../application/ports/store.js';
import { Decimal } from '../domain/decimal.js';
import type { PositionId } from '../domain/ids.js';

/**
 * A position's cash and shares replayed from what was recorded about it: its opening figures (the
 * PositionCreated event), its deposits and withdrawals, and its trades. Equal to the stored position
 * when no fill was lost or counted twice.
 */
export async function replayedLedger(
  store: Store,
  positionId: PositionId,
): Promise<{ shares: string; cash: string }> {
  const created = (await store.audit.list({ type: 'PositionCreated', position_id: positionId }, { limit: 1 }))
    .items[0];
  if (!created) throw new Error(`no PositionCreated event for ${positionId}`);
  let shares = new Decimal(created.payload.shares as string);
  let cash = new Decimal(created.payload.cash as string);
  for (const m of await store.cashMovements.listByPosition(positionId))
    cash = m.kind === 'deposit' ? cash.add(m.amount) : cash.sub(m.amount);
  for (const t of await store.trades.listByPosition(positionId)) {
    const notional = t.qty.mul(t.price);
    shares = t.side === 'buy' ? shares.add(t.qty) : shares.sub(t.qty);
    cash = (t.side === 'buy' ? cash.sub(notional) : cash.add(notional)).sub(t.fee);
  }
  return { shares: shares.toFixed(), cash: cash.toFixed() };
}
