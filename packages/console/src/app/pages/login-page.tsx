import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import { describeError } from '../../lib/api-client';
import { useSession } from '../../lib/session';

/** The way in. The engine keeps trading whether or not anyone is logged in here. */
export function LoginPage({ why }: { why: string | null }) {
  const { logIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Log in · Ballast';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(username.trim(), password);
    } catch (e) {
      setError(describeError(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Ballast</h1>
        <p className="muted">Log in to see and steer the engine. It trades on its own schedule either way.</p>
        {why && (
          <p className="notice-inline" role="status">
            {why}
          </p>
        )}
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <FormError message={error} />
        <button type="submit" className="button primary" disabled={busy || !username || !password}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="hint">
          First start? The engine's log shows the password of <strong>admin</strong> once (or it is the
          BALLAST_ADMIN_PASSWORD it was started with).
        </p>
      </form>
    </main>
  );
}
