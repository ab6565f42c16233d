import type { Portfolio, PortfolioState } from '@ballast/contracts';
import { Switch } from '../../../components/switch';
import { useEngineAction } from '../../../lib/actions';
import { useRouter } from '../../../lib/router';
import { deletePortfolio, updatePortfolio } from '../api/portfolios-api';
import { PORTFOLIO_STATE_MEANING } from './portfolio-state-badge';

const STATES: readonly PortfolioState[] = ['active', 'paused', 'halted'];

/** Active, paused or halted (the kill switch), each change confirmed and audited. */
export function PortfolioStateControl({ portfolio }: { portfolio: Portfolio }) {
  const run = useEngineAction();
  const choose = (state: PortfolioState) =>
    run({
      confirm: {
        title: `Set “${portfolio.name}” to ${state}?`,
        body: `A ${state} portfolio: ${PORTFOLIO_STATE_MEANING[state]}.`,
        confirmLabel: state === 'halted' ? 'Halt trading' : `Set ${state}`,
        tone: state === 'halted' ? 'danger' : 'normal',
      },
      perform: () => updatePortfolio(portfolio.id, { state }),
      done: (p) => `“${p.name}” is now ${p.state}`,
    });
  return (
    <fieldset className="segmented">
      <legend>Trading state</legend>
      {STATES.map((state) => (
        <button
          key={state}
          type="button"
          className={`segment state-${state}`}
          aria-pressed={portfolio.state === state}
          onClick={() => portfolio.state !== state && void choose(state)}
        >
          {state === 'halted' ? 'Halt' : state === 'paused' ? 'Pause' : 'Active'}
        </button>
      ))}
      <p className="hint">{PORTFOLIO_STATE_MEANING[portfolio.state]}</p>
    </fieldset>
  );
}

export function PortfolioAutoTradingSwitch({ portfolio }: { portfolio: Portfolio }) {
  const run = useEngineAction();
  const on = portfolio.auto_trading_enabled;
  return (
    <Switch
      on={on}
      label="Auto trading"
      onToggle={() =>
        run({
          confirm: {
            title: `${on ? 'Turn off' : 'Turn on'} auto trading for “${portfolio.name}”?`,
            body: on
              ? 'The worker stops trading every position of this portfolio; manual runs still work.'
              : 'The worker trades the positions of this portfolio that have auto trading on.',
            confirmLabel: on ? 'Turn off' : 'Turn on',
            tone: on ? 'danger' : 'normal',
          },
          perform: () => updatePortfolio(portfolio.id, { auto_trading_enabled: !on }),
          done: (p) => `Auto trading ${p.auto_trading_enabled ? 'on' : 'off'} for “${p.name}”`,
        })
      }
    />
  );
}

export function DeletePortfolioButton({ portfolio }: { portfolio: Portfolio }) {
  const run = useEngineAction();
  const { navigate } = useRouter();
  return (
    <button
      type="button"
      className="button danger"
      onClick={async () => {
        const done = await run({
          confirm: {
            title: `Delete “${portfolio.name}”?`,
            body: `Its ${portfolio.summary.positions} positions stop trading and disappear from the lists. Every order, trade and audit event is kept.`,
            confirmLabel: 'Delete portfolio',
            tone: 'danger',
          },
          perform: () => deletePortfolio(portfolio.id),
          done: `Deleted “${portfolio.name}”`,
        });
        if (done !== null) navigate('/portfolios');
      }}
    >
      Delete portfolio
    </button>
  );
}
