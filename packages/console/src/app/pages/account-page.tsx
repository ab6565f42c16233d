import { ChangePasswordForm } from '../../features/access/components/change-password-form';
import { useSession } from '../../lib/session';
import { PageTitle } from './page-title';

export function AccountPage() {
  const { state, logOut } = useSession();
  if (state.status !== 'signed-in') return null;
  return (
    <>
      <PageTitle title="Your account" />
      <section className="card">
        <dl className="facts">
          <dt>Logged in as</dt>
          <dd>{state.user.name}</dd>
          <dt>Role</dt>
          <dd>{state.user.role}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <ChangePasswordForm onChanged={() => void logOut('Password changed: log in with the new one.')} />
      </section>
    </>
  );
}
