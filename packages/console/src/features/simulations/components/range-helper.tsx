import { useState } from 'react';
import { expandRange } from './grid-values';

/** From, to and step that fill a parameter's values: 2, 6, 0.5 → `2, 2.5, 3, …, 6`. */
export function RangeHelper({ label, onValues }: { label: string; onValues: (text: string) => void }) {
  const [range, setRange] = useState({ from: '', to: '', step: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const fill = () => {
    const parsed = expandRange(Number(range.from), Number(range.to), Number(range.step));
    if (parsed.error !== undefined || [range.from, range.to, range.step].some((v) => v.trim() === ''))
      return setProblem(parsed.error ?? 'give from, to and step');
    setProblem(null);
    onValues(parsed.values.join(', '));
  };
  const input = (key: keyof typeof range, word: string) => (
    <label className="range-part">
      <span>{word}</span>
      <input
        className="range-input"
        inputMode="decimal"
        aria-label={`${label}: range ${word}`}
        value={range[key]}
        onChange={(e) => setRange({ ...range, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <div className="range-helper">
      {input('from', 'from')}
      {input('to', 'to')}
      {input('step', 'step')}
      <button
        type="button"
        className="button small"
        onClick={fill}
        aria-label={`Fill ${label} from the range`}
      >
        Fill
      </button>
      {problem && (
        <small className="field-error" role="alert">
          {problem}
        </small>
      )}
    </div>
  );
}
