import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../../../components/field';
import { useEngineAction } from '../../../lib/actions';
import { problemsOf } from '../../../lib/api-client';
import { updateWorker } from '../api/worker-api';

/** The seconds between scheduled cycles; the engine checks the value and says what is wrong with it. */
export function IntervalEditor({ current }: { current: number }) {
  const [value, setValue] = useState(String(current));
  const [error, setError] = useState<string | undefined>();
  const run = useEngineAction();
  useEffect(() => setValue(String(current)), [current]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const seconds = Number(value);
    const typed = value.trim() !== '' && Number.isFinite(seconds) ? seconds : value;
    try {
      await run({
        confirm: {
          title: 'Change the worker interval?',
          body: `Scheduled cycles will run every ${value} s instead of every ${current} s.`,
          confirmLabel: 'Change interval',
        },
        // Sent as typed: the engine says what is wrong with a bad value.
        perform: () => updateWorker({ interval_seconds: typed }),
        done: `Interval set to ${value} s`,
        onError: 'throw',
      });
    } catch (e) {
      const { fields, message } = problemsOf(e, ['interval_seconds']);
      setError([fields.interval_seconds, message].filter(Boolean).join(' ') || undefined);
    }
  };

  return (
    <form className="inline-form" onSubmit={submit}>
      <Field
        label="Interval"
        suffix="s"
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={error}
        size={6}
      />
      <button type="submit" className="button" disabled={value === String(current)}>
        Save interval
      </button>
    </form>
  );
}
