import type { MarketHours, Portfolio } from '@ballast/contracts';
import { type FormEvent, useState } from 'react';
import { Field, SelectField } from '../../../components/field';
import { FormError } from '../../../components/form-error';
import { useEngineAction } from '../../../lib/actions';
import { problemsOf } from '../../../lib/api-client';
import { createPortfolio, updatePortfolio } from '../api/portfolios-api';

const HOURS: { value: MarketHours; label: string }[] = [
  { value: 'regular', label: 'Regular (NYSE session)' },
  { value: 'extended', label: 'Extended (04:00–20:00 NY)' },
  { value: 'always', label: 'Always (24×7)' },
];

interface Draft {
  name: string;
  base_currency: string;
  market_hours: MarketHours;
  auto_trading_enabled: boolean;
}

/** The fields each form shows (a refusal of any other goes in the message). */
const NEW_SHOWS = ['name', 'base_currency', 'market_hours'];
const EDIT_SHOWS = ['name', 'market_hours'];

/** Create a portfolio, or rename it and change its market hours; the engine checks every field. */
export function PortfolioForm({
  portfolio,
  onSaved,
}: {
  portfolio?: Portfolio;
  onSaved?: (p: Portfolio) => void;
}) {
  const editing = portfolio !== undefined;
  const initial: Draft = {
    name: portfolio?.name ?? '',
    base_currency: portfolio?.base_currency ?? 'USD',
    market_hours: portfolio?.market_hours ?? 'regular',
    auto_trading_enabled: portfolio?.auto_trading_enabled ?? true,
  };
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState(problemsOf(null));
  const run = useEngineAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    try {
      const saved = await run({
        confirm: editing
          ? { title: `Save changes to “${portfolio.name}”?`, confirmLabel: 'Save' }
          : {
              title: `Create the portfolio “${draft.name}”?`,
              body: draft.auto_trading_enabled
                ? 'Its positions will trade automatically once you add them.'
                : 'Auto trading is off: its positions trade only when you run them.',
              confirmLabel: 'Create portfolio',
            },
        perform: () =>
          editing
            ? updatePortfolio(portfolio.id, { name: draft.name, market_hours: draft.market_hours })
            : createPortfolio(draft),
        done: (p) => (editing ? `Saved “${p.name}”` : `Created “${p.name}”`),
        onError: 'throw',
      });
      if (saved) {
        if (!editing) setDraft(initial);
        onSaved?.(saved.data);
      }
    } catch (error) {
      setProblems(problemsOf(error, editing ? EDIT_SHOWS : NEW_SHOWS));
    }
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={editing ? 'Edit portfolio' : 'New portfolio'}
    >
      <div className="form-grid">
        <Field
          label="Name"
          name="name"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          error={problems.fields.name}
        />
        {!editing && (
          <Field
            label="Base currency"
            name="base_currency"
            value={draft.base_currency}
            onChange={(e) => setDraft({ ...draft, base_currency: e.target.value.toUpperCase() })}
            error={problems.fields.base_currency}
            maxLength={3}
            hint="three letters, e.g. USD"
          />
        )}
        <SelectField
          label="Market hours"
          name="market_hours"
          value={draft.market_hours}
          onChange={(v) => setDraft({ ...draft, market_hours: v as MarketHours })}
          options={HOURS}
          error={problems.fields.market_hours}
        />
        {!editing && (
          <label className="check">
            <input
              type="checkbox"
              checked={draft.auto_trading_enabled}
              onChange={(e) => setDraft({ ...draft, auto_trading_enabled: e.target.checked })}
            />{' '}
            Auto trading on
          </label>
        )}
      </div>
      <FormError message={problems.message} />
      <button type="submit" className="button primary">
        {editing ? 'Save portfolio' : 'Create portfolio'}
      </button>
    </form>
  );
}
