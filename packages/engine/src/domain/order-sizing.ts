import { type Decimal, HUNDRED, maxDecimal, minDecimal, SizingDecimal, ZERO } from './decimal.js';
import { allocationApprox, type Band, bandSide, isClearlyInsideBand, type Side } from './position-state.js';

/** Where a proposed order came from. */
export type ProposalOrigin = 'trigger' | 'band_restore' | 'band_overrule';

/** A signed quantity (positive buys) with the working of steps 5–8, kept for the audit trail. */
export interface Proposal {
  readonly origin: ProposalOrigin;
  readonly qty: Decimal;
  readonly rawQty: Decimal | null;
  readonly cappedQty: Decimal | null;
  readonly cap: Decimal | null;
  /** Allocations (fractions) for people and the audit trail; decisions are made exactly elsewhere. */
  readonly allocBefore: number;
  readonly allocAfterCap: number | null;
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
  const side = bandSide(shares, cash, price, band);
  if (side === 'inside') return null;
  const value = shares.mul(price).add(cash);
  const edge = side === 'below' ? band.min : band.max;
  return SizingDecimal.div(edge.mul(value), price).sub(shares);
}

const fractions = new WeakMap<Decimal, Decimal>();

/** A percent parameter as a fraction; parameter values are shared immutable objects, so it is memoised. */
function fractionOf(pct: Decimal): Decimal {
  let f = fractions.get(pct);
  if (f === undefined) {
    f = pct.div(HUNDRED);
    fractions.set(pct, f);
  }
  return f;
}

/** Step 7: the largest quantity a single trigger order may have (`value` is the position's value at the price). */
function tradeCap(s: SizingInput, buying: boolean, value: Decimal): Decimal {
  const m = fractionOf(s.maxTradePct);
  return buying
    ? SizingDecimal.div(minDecimal(s.cash, m.mul(value)), s.price)
    : minDecimal(s.shares, SizingDecimal.div(m.mul(value), s.price));
}

/** Step 8's look-ahead: the position after trading `qty` at the price, commission included. */
function afterTrade(s: SizingInput, qty: Decimal): { shares: Decimal; cash: Decimal } {
  const shares = s.shares.add(qty);
  // |q·P| is |q|·P exactly: decimal.js rounds magnitudes, the same either way round.
  const amount = qty.mul(s.price);
  const cash = s.cash.sub(amount).sub(amount.abs().mul(s.commissionRate));
  return { shares, cash };
}

/** Where the look-ahead position lies against the band; floats settle the clear cases (decision 0002). */
function sideAfter(s: SizingInput, after: { shares: Decimal; cash: Decimal }): ReturnType<typeof bandSide> {
  if (isClearlyInsideBand(after.shares, after.cash, s.price, s.band)) return 'inside';
  return bandSide(after.shares, after.cash, s.price, s.band);
}

/** Steps 6–8 for a fired trigger: size, cap, trim to the band, and let the band overrule the trigger. */
export function sizeTriggerOrder(s: SizingInput): Proposal {
  const buying = s.anchor.greaterThan(s.price);
  const value = s.shares.mul(s.price).add(s.cash);
  // raw = (A/P − 1) · r · (V/P) = (A − P) · r · V / P², with one division.
  const raw = SizingDecimal.div(s.anchor.sub(s.price).mul(s.ratio).mul(value), s.price.mul(s.price));
  const cap = tradeCap(s, buying, value);
  const capped = buying ? minDecimal(raw, cap) : raw.abs().greaterThan(cap) ? cap.neg() : raw;
  const after = afterTrade(s, capped);
  const side = sideAfter(s, after);
  let qty = capped;
  let note = capped.equals(raw) ? 'sized by the rebalance formula' : 'capped at max_trade_pct';
  if (side !== 'inside') {
    const edge = side === 'below' ? s.band.min : s.band.max;
    const afterValue = after.shares.mul(s.price).add(after.cash);
    const trimmed = SizingDecimal.div(edge.mul(afterValue), s.price).sub(s.shares);
    qty = buying ? trimmed : maxDecimal(trimmed, capped);
    note = `trimmed to the band edge ${edge.mul(HUNDRED).toFixed()}%`;
  }
  const base: Working = {
    rawQty: raw,
    cappedQty: capped,
    cap,
    allocBefore: allocationApprox(s.shares, s.cash, s.price),
    allocAfterCap: allocationApprox(after.shares, after.cash, s.price),
  };
  if (capped.isZero())
    return proposal('trigger', ZERO, `nothing to ${buying ? 'buy with: no cash' : 'sell: no shares'}`, base);
  if (qty.isZero() || qty.isNegative() === buying) return overruleByBand(s, base, buying);
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

function overruleByBand(s: SizingInput, base: Working, buying: boolean): Proposal {
  const restore = bandRestore(s.shares, s.cash, s.price, s.band) ?? ZERO;
  const trigger = buying ? 'buy' : 'sell';
  const side = bandSide(s.shares, s.cash, s.price, s.band);
  const where = side === 'below' ? 'under' : side === 'above' ? 'over' : 'at the edge of';
  const outcome = restore.isZero() ? 'holds' : 'is restored to the band';
  return proposal(
    'band_overrule',
    restore,
    `the band overrules the ${trigger} trigger: the position is ${where} the band, so it ${outcome}`,
    base,
  );
}
