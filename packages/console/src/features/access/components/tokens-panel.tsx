import type { ApiToken, CreatedToken, Role } from '@ballast/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, SelectField } from '../../../components/field';
import { FormError } from '../../../components/form-error';
import { Empty, QueryView } from '../../../components/states';
import { Time } from '../../../components/time';
import { useEngineAction } from '../../../lib/actions';
import { problemsOf } from '../../../lib/api-client';
import { createToken, revokeToken, tokensQuery } from '../api/access-api';
import { ROLE_CHOICES } from './users-panel';

function TokenRow({ token }: { token: ApiToken }) {
  const run = useEngineAction();
  return (
    <tr data-token-id={token.id}>
      <th scope="row">{token.name}</th>
      <td>{token.role}</td>
      <td>{token.created_by}</td>
      <td>
        <Time iso={token.created_at} compact />
      </td>
      <td>{token.expires_at ? <Time iso={token.expires_at} compact /> : 'never'}</td>
      <td>
        <Time iso={token.last_used_at} compact />
      </td>
      <td>
        {token.revoked_at ? (
          <span className="muted">
            revoked <Time iso={token.revoked_at} compact />
          </span>
        ) : (
          <button
            type="button"
            className="button small danger"
            onClick={() =>
              void run({
                confirm: {
                  title: `Revoke the token ${token.name}?`,
                  body: 'Every program using it is refused from its next request. This cannot be undone.',
                  confirmLabel: 'Revoke token',
                  tone: 'danger',
                },
                perform: () => revokeToken(token.id),
                done: `Revoked ${token.name}`,
              })
            }
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}

/** The one moment a token's secret is visible: after creation, until the person dismisses it. */
function NewToken({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  return (
    <div className="new-token" role="status">
      <p>
        <strong>{created.name}</strong> ({created.role}): copy it now, it is not shown again.
      </p>
      <code className="mono break" data-testid="new-token">
        {created.token}
      </code>
      <div className="form-actions">
        <button
          type="button"
          className="button small"
          onClick={() => void navigator.clipboard?.writeText(created.token)}
        >
          Copy
        </button>
        <button type="button" className="button small" onClick={onDone}>
          I have stored it
        </button>
      </div>
      <p className="hint">Use it as the header Authorization: Bearer &lt;token&gt;.</p>
    </div>
  );
}

const NEW_TOKEN_SHOWS = ['name', 'role', 'expires_at'];

function CreateTokenForm() {
  const run = useEngineAction();
  const [draft, setDraft] = useState({ name: '', role: 'viewer' as Role, days: '' });
  const [problems, setProblems] = useState(problemsOf(null));
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    const days = Number(draft.days);
    const expires =
      draft.days.trim() === ''
        ? {}
        : Number.isFinite(days)
          ? { expires_at: new Date(Date.now() + days * 86_400_000).toISOString() }
          : { expires_at: draft.days };
    try {
      const done = await run({
        confirm: {
          title: `Create the token ${draft.name} with the ${draft.role} role?`,
          confirmLabel: 'Create token',
        },
        perform: () => createToken({ name: draft.name.trim(), role: draft.role, ...expires }),
        done: (t) => `Created the token ${t.name}`,
        onError: 'throw',
      });
      if (done) {
        setCreated(done.data);
        setDraft({ name: '', role: 'viewer', days: '' });
      }
    } catch (error) {
      setProblems(problemsOf(error, NEW_TOKEN_SHOWS));
    }
  };
  if (created) return <NewToken created={created} onDone={() => setCreated(null)} />;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New token">
      <div className="form-grid">
        <Field
          label="Name"
          name="name"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          error={problems.fields.name}
          hint="what uses it, e.g. backup-script"
        />
        <SelectField
          label="Role"
          value={draft.role}
          onChange={(v) => setDraft({ ...draft, role: v as Role })}
          options={ROLE_CHOICES}
          error={problems.fields.role}
        />
        <Field
          label="Expires in"
          name="days"
          inputMode="numeric"
          suffix="days"
          value={draft.days}
          onChange={(e) => setDraft({ ...draft, days: e.target.value })}
          error={problems.fields.expires_at}
          hint="empty: never"
        />
      </div>
      <FormError message={problems.message} />
      <button type="submit" className="button primary">
        Create token
      </button>
    </form>
  );
}

/** Named API tokens for scripts: their role, who made them, when they were last used; revoke any. */
export function TokensPanel() {
  const query = useQuery(tokensQuery);
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <QueryView query={query} what="tokens">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No tokens yet. Scripts can also log in with POST /v1/auth/login.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Token</th>
                    <th scope="col">Role</th>
                    <th scope="col">Created by</th>
                    <th scope="col">Created</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Last used</th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((t) => (
                    <TokenRow key={t.id} token={t} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <h3>New token</h3>
      <CreateTokenForm />
    </section>
  );
}
