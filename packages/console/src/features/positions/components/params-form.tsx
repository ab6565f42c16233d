import type { MarketHours, Position, StrategyParams } from '@ballast/contracts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Field, SelectField } from '../../../components/field';
import { FormError } from '../../../components/form-error';
import { useEngineAction } from '../../../lib/actions';
import { problemsOf } from '../../../lib/api-client';
import { STRATEGY_PARAM_FIELDS as NUMERIC, nestParams } from '../../../lib/strategy-params';
import { updatePosition } from '../api/positions-api';

type Draft = Record<string, string>;

function read(params: StrategyParams, path: string): string {
  const [group, key] = path.split('.') as [keyof StrategyParams, string];
  return String((params[group] as Record<string, number>)[key]);
}

function draftOf(params: StrategyParams): Draft {
  const draft: Draft = Object.fromEntries(NUMERIC.map((f) => [f.path, read(params, f.path)]));
  draft.market_hours = params.market_hours ?? '';
  return draft;
}

/** Only what changed, nested as the API takes it; values go as typed so the engine judges them. */
function patchOf(before: Draft, after: Draft): Record<string, unknown> {
  const changed = Object.fromEntries(
    NUMERIC.filter(({ path }) => after[path] !== before[path]).map(({ path }) => [path, after[path]!.trim()]),
  );
  const patch: Record<string, unknown> = nestParams(changed);
  if (after.market_hours !== before.market_hours)
    patch.market_hours = (after.market_hours || null) as MarketHours | null;
  return patch;
}

/** The fields the form shows, by the engine's wire path (`params.trigger.up_pct`) or the form's own. */
const SHOWS = [...NUMERIC.map((f) => f.path), 'market_hours'].flatMap((path) => [`params.${path}`, path]);

/** The strategy parameters of one position; the engine's own validation errors appear next to each field. */
export function ParamsForm({ position, readOnly = false }: { position: Position; readOnly?: boolean }) {
  // Keyed by content: a refetch that brings the same parameters keeps what the person is typing.
  const paramsText = JSON.stringify(position.params);
  const saved = useMemo(() => draftOf(JSON.parse(paramsText) as StrategyParams), [paramsText]);
  const [draft, setDraft] = useState(saved);
  const [problems, setProblems] = useState(problemsOf(null));
  // The engine names parameters by their wire path (`params.trigger.up_pct`); the form by `trigger.up_pct`.
  const errors = Object.fromEntries(
    Object.entries(problems.fields).map(([field, message]) => [field.replace(/^params\./, ''), message]),
  );
  const run = useEngineAction();
  useEffect(() => setDraft(saved), [saved]);
  const patch = patchOf(saved, draft);
  const changed = Object.keys(patch).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    try {
      await run({
        confirm: {
          title: `Change the parameters of ${position.symbol}?`,
          body: 'The engine uses them from its next evaluation of this position.',
          confirmLabel: 'Save parameters',
        },
        perform: () => updatePosition(position.id, { params: patch }),
        done: `Saved the parameters of ${position.symbol}`,
        onError: 'throw',
      });
    } catch (error) {
      setProblems(problemsOf(error, SHOWS));
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Strategy parameters">
      <div className="form-grid">
        {NUMERIC.map((f) => (
          <Field
            key={f.path}
            label={f.label}
            name={f.path}
            inputMode="decimal"
            suffix={f.suffix}
            hint={f.hint}
            value={draft[f.path] ?? ''}
            readOnly={readOnly}
            onChange={(e) => setDraft({ ...draft, [f.path]: e.target.value })}
            error={errors[f.path]}
          />
        ))}
        <SelectField
          label="Market hours"
          name="market_hours"
          value={draft.market_hours ?? ''}
          onChange={(v) => setDraft({ ...draft, market_hours: v })}
          error={errors.market_hours}
          disabled={readOnly}
          options={[
            { value: '', label: 'As the portfolio' },
            { value: 'regular', label: 'Regular' },
            { value: 'extended', label: 'Extended' },
            { value: 'always', label: 'Always' },
          ]}
        />
      </div>
      <FormError message={problems.message} />
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={!changed}>
            Save parameters
          </button>
          <button
            type="button"
            className="button"
            disabled={!changed}
            onClick={() => {
              setDraft(saved);
              setProblems(problemsOf(null));
            }}
          >
            Undo changes
          </button>
        </div>
      )}
    </form>
  );
}
