import { Field } from '../../../components/field';
import type { SyntheticDraft } from './run-draft';

const FIELDS: readonly { key: keyof SyntheticDraft; label: string; suffix?: string; hint: string }[] = [
  { key: 'seed', label: 'Seed', hint: 'the same seed gives the same bars' },
  { key: 'bars', label: 'Number of bars', hint: '2 to 5 000 000' },
  { key: 'interval_minutes', label: 'Bar interval', suffix: 'minutes', hint: '1 to 1 440' },
  { key: 'start_price', label: 'Start price', hint: 'empty: 100' },
  { key: 'drift_pct_per_year', label: 'Drift', suffix: '% a year', hint: 'the trend; empty: 0' },
  { key: 'volatility_pct_per_year', label: 'Volatility', suffix: '% a year', hint: 'empty: 30' },
];

/** A seeded geometric Brownian motion: the engine generates the bars from these. */
export function SyntheticFields({
  values,
  onChange,
  errors,
}: {
  values: SyntheticDraft;
  onChange: (values: SyntheticDraft) => void;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <div className="form-grid">
      {FIELDS.map((f) => (
        <Field
          key={f.key}
          label={f.label}
          name={`bars.${f.key}`}
          inputMode="decimal"
          suffix={f.suffix}
          hint={f.hint}
          value={values[f.key]}
          onChange={(e) => onChange({ ...values, [f.key]: e.target.value })}
          error={errors[`bars.${f.key}`]}
        />
      ))}
    </div>
  );
}

/** The wire paths of the synthetic fields, as the engine names them. */
export const SYNTHETIC_PATHS = FIELDS.map((f) => `bars.${f.key}`);
