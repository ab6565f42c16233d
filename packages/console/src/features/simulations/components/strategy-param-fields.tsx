import { Field } from '../../../components/field';
import { STRATEGY_PARAM_FIELDS } from '../../../lib/strategy-params';

/** The wire paths of the parameter fields, as the engine names them in its errors. */
export const PARAM_PATHS = STRATEGY_PARAM_FIELDS.map((f) => `params.${f.path}`);

/**
 * The strategy parameters of a run, in the look of a position's parameter form. An empty field is the
 * engine's default (or the position's value); only what is typed is sent.
 */
export function StrategyParamFields({
  values,
  onChange,
  errors,
  legend = 'Strategy parameters',
}: {
  values: Readonly<Record<string, string>>;
  onChange: (values: Record<string, string>) => void;
  errors: Readonly<Record<string, string>>;
  legend?: string;
}) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <p className="hint">Leave a field empty for the engine's default; only what you type is sent.</p>
      <div className="form-grid">
        {STRATEGY_PARAM_FIELDS.map((f) => (
          <Field
            key={f.path}
            label={f.label}
            name={`params.${f.path}`}
            inputMode="decimal"
            placeholder="default"
            suffix={f.suffix}
            hint={f.hint}
            value={values[f.path] ?? ''}
            onChange={(e) => onChange({ ...values, [f.path]: e.target.value })}
            error={errors[`params.${f.path}`]}
          />
        ))}
      </div>
    </fieldset>
  );
}
