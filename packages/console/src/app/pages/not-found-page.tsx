import { Link } from '../../lib/router';
import { PageTitle } from './page-title';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title="Page not found" />
      <p>
        There is no console page at this address. <Link to="/">Go to the dashboard</Link>.
      </p>
    </>
  );
}
