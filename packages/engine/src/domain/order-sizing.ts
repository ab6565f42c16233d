import { type Decimal, HUNDRED, maxDecimal, minDecimal, ONE, ZERO } from './decimal.js';
import { allocationAt, type Band, type Side } from './position-state.js';

/** Where a proposed order came from. */
export type ProposalOrigin = 'trigger' | 'band_restore' | 'band_overrule';

/** A signed quantity (positive buys) with the working of steps 5–8, kept for the audit trail. */
export interface Proposal {
  readonly origin: ProposalOrigin;
  readonly qty: Decimal;
  readonly rawQty: Decimal | null;
  readonly cappedQty: Decimal | null;
  readonly cap: Decimal | null;
  readonly allocBefore: Decimal;
  readonly allocAfterCap: Decimal | null;
  readonly note: string;
}

export interface SizingInput {
  readonly shares: Decimal;
  readonly cash: Decimal;
  readonly anchor: Decimal;
  readonly price: Decimal;
  readonly ratio: Decimal;
  readonly maxTradePct: Decimal;
  readonly commissionRate: Decimal;
  readonly band: Band;
}

export function sideOf(qty: Decimal): Side {
  return qty.isNegative() ? 'sell' : 'buy';
}

/** Step 5: the order that brings an out-of-band position back to the nearest edge, or null inside the band. */
export function bandRestore(shares: Decimal, cash: Decimal, price: Decimal, band: Band): Decimal | null {
  const value = shares.mul(price).add(cash);
  const alloc = allocationAt(shares, cash, price);
  if (alloc.lessThan(band.min)) return band.min.mul(value).div(price).sub(shares);
  if (alloc.greaterThan(band.max)) return band.max.mul(value).div(price).sub(shares);
  return null;
}

/** Step 7: the largest quantity a single trigger order may have. */
function tradeCap(s: SizingInput, buying: boolean): Decimal {
  const value = s.shares.mul(s.price).add(s.cash);
  const m = s.maxTradePct.div(HUNDRED);
  return buying
    ? minDecimal(s.cash, m.mul(value)).div(s.price)
    : minDecimal(s.shares, m.mul(value).div(s.price));
}

/** Step 8's look-ahead: the allocation and value after trading `qty` at the price, commission included. */
function afterTrade(s: SizingInput, qty: Decimal): { alloc: Decimal; value: Decimal } {
  const shares = s.shares.add(qty);
  const cash = s.cash.sub(qty.mul(s.price)).sub(qty.abs().mul(s.price).mul(s.commissionRate));
  return { alloc: allocationAt(shares, cash, s.price), value: shares.mul(s.price).add(cash) };
}

/** Steps 6–8 for a fired trigger: size, cap, trim to the band, and let the band overrule the trigger. */
export function sizeTriggerOrder(s: SizingInput): Proposal {
  const buying = s.anchor.greaterThan(s.price);
  const value = s.shares.mul(s.price).add(s.cash);
  const raw = s.anchor.div(s.price).sub(ONE).mul(s.ratio).mul(value.div(s.price));
  const cap = tradeCap(s, buying);
  const capped = buying ? minDecimal(raw, cap) : raw.abs().greaterThan(cap) ? cap.neg() : raw;
  const allocBefore = allocationAt(s.shares, s.cash, s.price);
  const after = afterTrade(s, capped);
  let qty = capped;
  let note = capped.equals(raw) ? 'sized by the rebalance formula' : 'capped at max_trade_pct';
  if (after.alloc.lessThan(s.band.min) || after.alloc.greaterThan(s.band.max)) {
    const edge = after.alloc.lessThan(s.band.min) ? s.band.min : s.band.max;
    const trimmed = edge.mul(after.value).div(s.price).sub(s.shares);
    qty = buying ? trimmed : maxDecimal(trimmed, capped);
    note = `trimmed to the band edge ${edge.mul(HUNDRED).toFixed()}%`;
  }
  const base: Working = { rawQty: raw, cappedQty: capped, cap, allocBefore, allocAfterCap: after.alloc };
  if (capped.isZero())
    return proposal('trigger', ZERO, `nothing to ${buying ? 'buy with: no cash' : 'sell: no shares'}`, base);
  if (qty.isZero() || qty.isNegative() === buying) return overruleByBand(s, allocBefore, base, buying);
  return proposal('trigger', qty, note, base);
}

type Working = Omit<Proposal, 'origin' | 'qty' | 'note'>;

function proposal(origin: ProposalOrigin, qty: Decimal, note: string, w: Working): Proposal {
  return {
    origin,
    qty,
    note,
    rawQty: w.rawQty,
    cappedQty: w.cappedQty,
    cap: w.cap,
    allocBefore: w.allocBefore,
    allocAfterCap: w.allocAfterCap,
  };
}

function overruleByBand(s: SizingInput, allocBefore: Decimal, base: Working, buying: boolean): Proposal {
  const restore = bandRestore(s.shares, s.cash, s.price, s.band) ?? ZERO;
  const trigger = buying ? 'buy' : 'sell';
  const where = allocBefore.lessThan(s.band.min)
    ? 'under'
    : allocBefore.greaterThan(s.band.max)
      ? 'over'
      : 'at the edge of';
  const outcome = restore.isZero() ? 'holds' : 'is restored to the band';
  return proposal(
    'band_overrule',
    restore,
    `the band overrules the ${trigger} trigger: the position is ${where} the band, so it ${outcome}`,
    base,
  );
}
