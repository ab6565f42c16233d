import { type ChangeEvent, useState } from 'react';
import { Field } from '../../../components/field';
import { formatCount } from '../../../lib/format';
import { CSV_LIMIT_BYTES, type CsvFile } from './run-draft';

const MB = 1_000_000;

/**
 * A CSV of bars the person picks: read in the browser and sent with the request (at most 16 MB), so
 * the engine never reads a path on its own disk for a browser.
 */
export function CsvFileField({
  file,
  onChange,
  error,
}: {
  file: CsvFile | null;
  onChange: (file: CsvFile | null) => void;
  error?: string | undefined;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    setProblem(null);
    if (!picked) return onChange(null);
    if (picked.size > CSV_LIMIT_BYTES) {
      onChange(null);
      return setProblem(
        `${picked.name} is ${(picked.size / MB).toFixed(1)} MB; the engine takes at most 16 MB. Use fewer bars.`,
      );
    }
    onChange({ name: picked.name, text: await picked.text() });
  };
  const lines = file ? file.text.split('\n').filter((l) => l.trim() !== '').length : 0;
  return (
    <Field
      label="CSV file"
      name="bars.csv"
      type="file"
      accept=".csv,text/csv"
      onChange={(e) => void pick(e)}
      error={problem ?? error}
      hint={
        file
          ? `${file.name}: ${formatCount(lines)} lines read`
          : 'columns timestamp,close (others are ignored); at most 16 MB, read in your browser and sent with the request'
      }
    />
  );
}
