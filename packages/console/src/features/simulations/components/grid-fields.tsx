import { GridParam } from '@ballast/contracts';
import { Field } from '../../../components/field';
import { formatCount } from '../../../lib/format';
import { paramLabel } from '../../../lib/strategy-params';
import { MAX_COMBINATIONS } from './grid-values';
import type { GridCheck } from './optimization-draft';
import { RangeHelper } from './range-helper';

/** The wire paths of the grid fields, as the engine names them in its errors. */
export const GRID_PATHS = GridParam.options.map((p) => `grid.${p}`);

/** Per parameter, the values to try (typed or filled from a range), and the combination count as it changes. */
export function GridFields({
  texts,
  onChange,
  check,
  errors,
}: {
  texts: Readonly<Partial<Record<GridParam, string>>>;
  onChange: (texts: Partial<Record<GridParam, string>>) => void;
  check: GridCheck;
  errors: Readonly<Record<string, string>>;
}) {
  const refusal =
    Object.keys(check.errors).length > 0
      ? 'some values are not numbers'
      : check.combinations > MAX_COMBINATIONS
        ? `more than the ${formatCount(MAX_COMBINATIONS)} the engine runs`
        : null;
  return (
    <fieldset className="fieldset">
      <legend>Grid: values to try</legend>
      <p className="hint">
        Leave a parameter empty to keep its base value. Every combination of the values is run (at most 20
        000).
      </p>
      <div className="grid-fields">
        {GridParam.options.map((param) => {
          const label = paramLabel(param);
          return (
            <div key={param} className="grid-field">
              <Field
                label={`${label}: values to try`}
                name={`grid.${param}`}
                inputMode="decimal"
                placeholder="e.g. 1, 2, 3"
                value={texts[param] ?? ''}
                onChange={(e) => onChange({ ...texts, [param]: e.target.value })}
                error={check.errors[`grid.${param}`] ?? errors[`grid.${param}`]}
              />
              <RangeHelper label={label} onValues={(text) => onChange({ ...texts, [param]: text })} />
            </div>
          );
        })}
      </div>
      <p className={refusal ? 'combinations warn' : 'combinations'} role="status" aria-live="polite">
        <strong>{formatCount(check.combinations)}</strong>{' '}
        {check.combinations === 1 ? 'combination' : 'combinations'}
        {refusal ? ` — ${refusal}` : ''}
      </p>
    </fieldset>
  );
}
