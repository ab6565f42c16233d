import { RankMetric } from '@ballast/contracts';
import { SelectField } from '../../../components/field';
import { higherIsBetter, METRIC_LABEL } from './metric-format';
import type { OptimizationDraft } from './optimization-draft';

/** Which metric ranks the combinations, and which way. */
export function RankingFields({
  draft,
  onChange,
  errors,
}: {
  draft: OptimizationDraft;
  onChange: (patch: Partial<OptimizationDraft>) => void;
  errors: Readonly<Record<string, string>>;
}) {
  const natural = higherIsBetter(draft.rankBy) ? 'highest first' : 'lowest first';
  return (
    <fieldset className="fieldset">
      <legend>Ranking</legend>
      <div className="form-grid">
        <SelectField
          label="Rank by"
          name="rank_by"
          value={draft.rankBy}
          onChange={(v) => onChange({ rankBy: v as RankMetric })}
          error={errors.rank_by}
          options={RankMetric.options.map((m) => ({ value: m, label: METRIC_LABEL[m] }))}
        />
        <SelectField
          label="Direction"
          name="descending"
          value={draft.direction}
          onChange={(v) => onChange({ direction: v as OptimizationDraft['direction'] })}
          error={errors.descending}
          options={[
            { value: '', label: `Best first (${natural})` },
            { value: 'desc', label: 'Highest first' },
            { value: 'asc', label: 'Lowest first' },
          ]}
        />
      </div>
    </fieldset>
  );
}
