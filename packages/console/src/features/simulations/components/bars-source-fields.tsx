import { useQuery } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { SelectField } from '../../../components/field';
import { ErrorState, Loading } from '../../../components/states';
import { formatCount } from '../../../lib/format';
import { samplesQuery } from '../api/simulations-api';
import { CsvFileField } from './csv-file-field';
import type { BarsKind, RunDraft } from './run-draft';
import { SyntheticFields } from './synthetic-fields';

const KINDS: readonly { kind: BarsKind; label: string }[] = [
  { kind: 'synthetic', label: 'Synthetic (seeded)' },
  { kind: 'sample', label: 'A sample of real closes' },
  { kind: 'csv', label: 'A CSV file' },
];

type Change = (patch: Partial<RunDraft>) => void;

function SampleField({ draft, onChange, error }: { draft: RunDraft; onChange: Change; error?: string }) {
  const samples = useQuery(samplesQuery);
  const first = samples.data?.[0]?.name;
  useEffect(() => {
    if (!draft.sample && first) onChange({ sample: first });
  }, [draft.sample, first, onChange]);
  if (samples.isPending) return <Loading what="the samples" />;
  if (samples.isError)
    return <ErrorState what="the samples" error={samples.error} retry={() => void samples.refetch()} />;
  if (samples.data.length === 0) return <p className="muted">The engine offers no samples.</p>;
  const picked = samples.data.find((s) => s.name === draft.sample);
  return (
    <div className="form-grid">
      <SelectField
        label="Sample"
        name="bars.name"
        value={draft.sample}
        onChange={(sample) => onChange({ sample })}
        error={error}
        options={samples.data.map((s) => ({
          value: s.name,
          label: `${s.name} (${formatCount(s.bars)} bars)`,
        }))}
      />
      {picked && <p className="hint">{picked.description}</p>}
    </div>
  );
}

/** Where the bars come from: a sample that ships with the engine, a CSV the person picks, or a seeded path. */
export function BarsSourceFields({
  draft,
  onChange,
  errors,
}: {
  draft: RunDraft;
  onChange: Change;
  errors: Readonly<Record<string, string>>;
}) {
  const name = useId();
  return (
    <fieldset className="fieldset">
      <legend>Bars</legend>
      <div className="choices">
        {KINDS.map((k) => (
          <label key={k.kind} className="check">
            <input
              type="radio"
              name={name}
              value={k.kind}
              checked={draft.barsKind === k.kind}
              onChange={() => onChange({ barsKind: k.kind })}
            />
            {k.label}
          </label>
        ))}
      </div>
      {draft.barsKind === 'sample' && (
        <SampleField draft={draft} onChange={onChange} error={errors['bars.name']} />
      )}
      {draft.barsKind === 'csv' && (
        <CsvFileField file={draft.csv} onChange={(csv) => onChange({ csv })} error={errors['bars.csv']} />
      )}
      {draft.barsKind === 'synthetic' && (
        <SyntheticFields
          values={draft.synthetic}
          onChange={(synthetic) => onChange({ synthetic })}
          errors={errors}
        />
      )}
      {errors.bars && (
        <p className="field-error" role="alert">
          {errors.bars}
        </p>
      )}
    </fieldset>
  );
}
