import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/field';
import { FormError } from '../../../components/form-error';
import { useEngineAction } from '../../../lib/actions';
import { problemsOf } from '../../../lib/api-client';
import { changeOwnPassword } from '../api/access-api';

const SHOWS = ['current_password', 'new_password'];

/** Your own password; every session of yours ends afterwards, this one included. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const run = useEngineAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problems, setProblems] = useState(problemsOf(null));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    try {
      const done = await run({
        confirm: {
          title: 'Change your password?',
          body: 'You will be logged out everywhere, here included, and log in again with the new one.',
          confirmLabel: 'Change password',
        },
        perform: () => changeOwnPassword(current, next),
        done: 'Password changed',
        onError: 'throw',
      });
      if (done) onChanged();
    } catch (error) {
      setProblems(problemsOf(error, SHOWS));
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Change your password">
      <div className="form-grid">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={problems.fields.current_password}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={problems.fields.new_password}
          hint="at least 12 characters"
        />
      </div>
      <FormError message={problems.message} />
      <button type="submit" className="button primary" disabled={!current || !next}>
        Change password
      </button>
    </form>
  );
}
