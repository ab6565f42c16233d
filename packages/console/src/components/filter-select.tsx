export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** One filter of a list: a labelled select whose first choice means "no filter". */
export function FilterSelect({
  label,
  value,
  onChange,
  choices,
  any = 'any',
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  choices: readonly Choice[];
  any?: string;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
