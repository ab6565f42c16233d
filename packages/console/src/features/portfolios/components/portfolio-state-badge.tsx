import type { PortfolioState } from '@ballast/contracts';

const EXPLAIN: Record<PortfolioState, string> = {
  active: 'trades automatically (where auto trading is on)',
  paused: 'no automatic cycles; manual runs still evaluate',
  halted: 'kill switch: no orders at all, every attempt recorded as blocked',
};

export function PortfolioStateBadge({ state }: { state: PortfolioState }) {
  return (
    <span className={`badge state-${state}`} title={EXPLAIN[state]}>
      {state}
    </span>
  );
}

export { EXPLAIN as PORTFOLIO_STATE_MEANING };
