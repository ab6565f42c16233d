import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/field';
import { FormError } from '../../../components/form-error';
import { useEngineAction } from '../../../lib/actions';
import { problemsOf } from '../../../lib/api-client';
import { Link } from '../../../lib/router';
import { createPosition } from '../api/positions-api';

const EMPTY = { symbol: '', shares: '0', cash: '0', anchor: '', auto: true };

const SHOWS = ['symbol', 'shares', 'cash', 'anchor'];

/**
 * A new position: a symbol with its own shares and cash. Default parameters; they are edited on the
 * position's page. Without an anchor the engine takes the current quote.
 */
export function CreatePositionForm({ portfolioId, currency }: { portfolioId: string; currency: string }) {
  const [draft, setDraft] = useState(EMPTY);
  const [problems, setProblems] = useState(problemsOf(null));
  const [created, setCreated] = useState<{ id: string; symbol: string } | null>(null);
  const run = useEngineAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    const symbol = draft.symbol.trim();
    try {
      const done = await run({
        confirm: {
          title: `Add ${symbol || 'the position'} to this portfolio?`,
          body: draft.auto
            ? 'With auto trading on, the worker starts trading it in its next cycle (if the portfolio is active).'
            : 'Auto trading is off: it trades only when you run it.',
          confirmLabel: 'Add position',
        },
        perform: () =>
          createPosition(portfolioId, {
            symbol,
            shares: draft.shares.trim(),
            cash: draft.cash.trim(),
            auto_trading_enabled: draft.auto,
            ...(draft.anchor.trim() ? { anchor: draft.anchor.trim() } : {}),
          }),
        done: (p) => `Added ${p.symbol} with anchor ${p.anchor}`,
        onError: 'throw',
      });
      if (done) {
        setCreated({ id: done.data.id, symbol: done.data.symbol });
        setDraft(EMPTY);
      }
    } catch (error) {
      setProblems(problemsOf(error, SHOWS));
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New position">
      <div className="form-grid">
        <Field
          label="Symbol"
          name="symbol"
          value={draft.symbol}
          onChange={(e) => setDraft({ ...draft, symbol: e.target.value })}
          error={problems.fields.symbol}
          autoCapitalize="characters"
        />
        <Field
          label="Shares"
          name="shares"
          inputMode="decimal"
          value={draft.shares}
          onChange={(e) => setDraft({ ...draft, shares: e.target.value })}
          error={problems.fields.shares}
        />
        <Field
          label="Cash"
          name="cash"
          inputMode="decimal"
          suffix={currency}
          value={draft.cash}
          onChange={(e) => setDraft({ ...draft, cash: e.target.value })}
          error={problems.fields.cash}
        />
        <Field
          label="Anchor"
          name="anchor"
          inputMode="decimal"
          value={draft.anchor}
          onChange={(e) => setDraft({ ...draft, anchor: e.target.value })}
          error={problems.fields.anchor}
          hint="empty: the current price"
        />
        <label className="check">
          <input
            type="checkbox"
            checked={draft.auto}
            onChange={(e) => setDraft({ ...draft, auto: e.target.checked })}
          />{' '}
          Auto trading on
        </label>
      </div>
      <FormError message={problems.message} />
      <button type="submit" className="button primary">
        Add position
      </button>
      {created && (
        <p className="hint">
          Added <Link to={`/positions/${created.id}`}>{created.symbol}</Link>: its parameters are on its page.
        </p>
      )}
    </form>
  );
}
