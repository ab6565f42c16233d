import type { Decimal } from './decimal.js';
import type { PositionState } from './position-state.js';

export type CashMovementKind = 'deposit' | 'withdrawal';

export type CashMovementResult =
  | { readonly ok: true; readonly state: PositionState }
  | {
      readonly ok: false;
      readonly code: 'CASH_AMOUNT_INVALID' | 'CASH_INSUFFICIENT';
      readonly message: string;
    };

/** Deposits add to a position's own cash; withdrawals may take at most what is there. */
export function applyCashMovement(
  state: PositionState,
  kind: CashMovementKind,
  amount: Decimal,
): CashMovementResult {
  if (!amount.isPositive() || amount.isZero()) {
    return { ok: false, code: 'CASH_AMOUNT_INVALID', message: 'amount must be greater than 0' };
  }
  if (kind === 'withdrawal' && amount.greaterThan(state.cash)) {
    return {
      ok: false,
      code: 'CASH_INSUFFICIENT',
      message: `cannot withdraw ${amount.toFixed()}: the position holds ${state.cash.toFixed()} in cash`,
    };
  }
  const cash = kind === 'deposit' ? state.cash.add(amount) : state.cash.sub(amount);
  return { ok: true, state: { ...state, cash } };
}
