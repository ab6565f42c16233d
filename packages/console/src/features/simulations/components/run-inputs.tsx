import { Field, SelectField } from '../../../components/field';
import { BarsSourceFields } from './bars-source-fields';
import type { RunDraft } from './run-draft';
import { StrategyParamFields } from './strategy-param-fields';

export const MARKET_HOURS_CHOICES = [
  { value: '', label: 'Engine default (always)' },
  { value: 'regular', label: 'Regular' },
  { value: 'extended', label: 'Extended' },
  { value: 'always', label: 'Always' },
];

/** The wire paths these inputs show errors for (beside the bars and parameter fields). */
export const RUN_PATHS = [
  'name',
  'bars',
  'bars.name',
  'bars.csv',
  'shares',
  'cash',
  'anchor',
  'market_hours',
];

/** What a simulation and an optimization both start from: bars, holdings, anchor, market hours, parameters. */
export function RunInputs({
  draft,
  onChange,
  errors,
  paramsLegend,
}: {
  draft: RunDraft;
  onChange: (patch: Partial<RunDraft>) => void;
  errors: Readonly<Record<string, string>>;
  paramsLegend?: string;
}) {
  return (
    <>
      <BarsSourceFields draft={draft} onChange={onChange} errors={errors} />
      <fieldset className="fieldset">
        <legend>Start</legend>
        <div className="form-grid">
          <Field
            label="Name"
            name="name"
            value={draft.name}
            onChange={(e) => onChange({ name: e.target.value })}
            error={errors.name}
            hint="optional, to find it in the list"
          />
          <Field
            label="Shares"
            name="shares"
            inputMode="decimal"
            value={draft.shares}
            onChange={(e) => onChange({ shares: e.target.value })}
            error={errors.shares}
            hint="held at the first bar"
          />
          <Field
            label="Cash"
            name="cash"
            inputMode="decimal"
            value={draft.cash}
            onChange={(e) => onChange({ cash: e.target.value })}
            error={errors.cash}
            hint="at the first bar"
          />
          <Field
            label="Anchor"
            name="anchor"
            inputMode="decimal"
            value={draft.anchor}
            onChange={(e) => onChange({ anchor: e.target.value })}
            error={errors.anchor}
            hint="optional; empty: the first bar only sets the anchor"
          />
          <SelectField
            label="Market hours"
            name="market_hours"
            value={draft.marketHours}
            onChange={(marketHours) => onChange({ marketHours })}
            error={errors.market_hours}
            options={MARKET_HOURS_CHOICES}
          />
        </div>
      </fieldset>
      <StrategyParamFields
        values={draft.params}
        onChange={(params) => onChange({ params })}
        errors={errors}
        legend={paramsLegend}
      />
    </>
  );
}
