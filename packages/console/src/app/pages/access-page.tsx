import { TokensPanel } from '../../features/access/components/tokens-panel';
import { UsersPanel } from '../../features/access/components/users-panel';
import { useCan } from '../../lib/session';
import { PageTitle } from './page-title';

export function AccessPage() {
  const isAdmin = useCan('admin');
  return (
    <>
      <PageTitle title="Access" />
      {isAdmin ? (
        <>
          <UsersPanel />
          <TokensPanel />
        </>
      ) : (
        <p className="state empty">Users and tokens are managed by admins.</p>
      )}
    </>
  );
}
