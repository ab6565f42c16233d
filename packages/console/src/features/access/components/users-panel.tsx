import type { Role, User } from '@ballast/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, SelectField } from '../../../components/field';
import { FormError } from '../../../components/form-error';
import { QueryView } from '../../../components/states';
import { Time } from '../../../components/time';
import { useEngineAction } from '../../../lib/actions';
import { type FormProblems, problemsOf } from '../../../lib/api-client';
import { createUser, updateUser, usersQuery } from '../api/access-api';

export const ROLE_CHOICES: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'viewer (reads)' },
  { value: 'operator', label: 'operator (trades)' },
  { value: 'admin', label: 'admin (access)' },
];

export const ROLE_MEANING =
  'viewers read everything; operators also run cycles and change the worker, portfolios and positions; admins also manage users and tokens';

/** The one field a user's row shows; a refusal of a role change or of disabling goes in its message. */
const ROW_SHOWS = ['password'];
const NEW_USER_SHOWS = ['username', 'password', 'role'];

function UserRow({ user }: { user: User }) {
  const run = useEngineAction();
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState(problemsOf(null));
  const change = (patch: Record<string, unknown>, what: string) =>
    run({
      confirm: {
        title: `${what} for ${user.username}?`,
        body: 'Their sessions end at once when the role, the password or access changes.',
        confirmLabel: what,
        tone: patch.disabled === true ? 'danger' : 'normal',
      },
      perform: () => updateUser(user.username, patch),
      done: `${what}: ${user.username}`,
      onError: 'throw',
    });
  const resetPassword = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    try {
      if (await change({ password }, 'Set a new password')) setPassword('');
    } catch (error) {
      setProblems(problemsOf(error, ROW_SHOWS));
    }
  };
  return (
    <tr data-username={user.username}>
      <th scope="row">{user.username}</th>
      <td>
        <select
          aria-label={`Role of ${user.username}`}
          value={user.role}
          onChange={(e) =>
            void change({ role: e.target.value }, `Make ${e.target.value}`).catch(
              setProblemsFrom(setProblems),
            )
          }
        >
          {ROLE_CHOICES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.value}
            </option>
          ))}
        </select>
      </td>
      <td>
        {user.disabled ? (
          'disabled'
        ) : user.locked_until ? (
          <span className="warn">
            locked until <Time iso={user.locked_until} />
          </span>
        ) : (
          'active'
        )}
      </td>
      <td>
        <Time iso={user.last_login_at} compact />
      </td>
      <td>
        <form
          className="inline-form"
          onSubmit={resetPassword}
          aria-label={`New password for ${user.username}`}
        >
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={problems.fields.password}
          />
          <button type="submit" className="button small" disabled={!password}>
            Set
          </button>
        </form>
        <FormError message={problems.message} />
      </td>
      <td>
        <button
          type="button"
          className={user.disabled ? 'button small' : 'button small danger'}
          onClick={() =>
            void change({ disabled: !user.disabled }, user.disabled ? 'Enable' : 'Disable').catch(
              setProblemsFrom(setProblems),
            )
          }
        >
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
    </tr>
  );
}

const setProblemsFrom = (set: (p: FormProblems) => void) => (error: unknown) =>
  set(problemsOf(error, ROW_SHOWS));

function CreateUserForm() {
  const run = useEngineAction();
  const [draft, setDraft] = useState({ username: '', password: '', role: 'viewer' as Role });
  const [problems, setProblems] = useState(problemsOf(null));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(problemsOf(null));
    try {
      const done = await run({
        confirm: { title: `Add the user ${draft.username} as ${draft.role}?`, confirmLabel: 'Add user' },
        perform: () => createUser({ ...draft, username: draft.username.trim() }),
        done: (u) => `Added ${u.username} (${u.role})`,
        onError: 'throw',
      });
      if (done) setDraft({ username: '', password: '', role: 'viewer' });
    } catch (error) {
      setProblems(problemsOf(error, NEW_USER_SHOWS));
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New user">
      <div className="form-grid">
        <Field
          label="Username"
          name="username"
          autoCapitalize="none"
          value={draft.username}
          onChange={(e) => setDraft({ ...draft, username: e.target.value })}
          error={problems.fields.username}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(e) => setDraft({ ...draft, password: e.target.value })}
          error={problems.fields.password}
          hint="at least 12 characters"
        />
        <SelectField
          label="Role"
          value={draft.role}
          onChange={(v) => setDraft({ ...draft, role: v as Role })}
          options={ROLE_CHOICES}
          error={problems.fields.role}
        />
      </div>
      <FormError message={problems.message} />
      <button type="submit" className="button primary">
        Add user
      </button>
    </form>
  );
}

/** Who can log in, with which role; admins add people, change roles, reset passwords, disable access. */
export function UsersPanel() {
  const query = useQuery(usersQuery);
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <p className="hint">Roles: {ROLE_MEANING}.</p>
      <QueryView query={query} what="users">
        {(page) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Access</th>
                  <th scope="col">Last login</th>
                  <th scope="col">Password</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {page.items.map((u) => (
                  <UserRow key={u.username} user={u} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <details className="disclosure">
        <summary>Add a user</summary>
        <CreateUserForm />
      </details>
    </section>
  );
}
