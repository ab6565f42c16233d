import { lazy, type ReactNode, Suspense } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { Loading } from '../components/states';
import { matchPath, useRouter } from '../lib/router';
import { AccessPage } from './pages/access-page';
import { AccountPage } from './pages/account-page';
import { AuditPage } from './pages/audit-page';
import { CyclePage } from './pages/cycle-page';
import { CyclesPage } from './pages/cycles-page';
import { DashboardPage } from './pages/dashboard-page';
import { EventPage } from './pages/event-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrdersPage } from './pages/orders-page';
import { PortfolioPage } from './pages/portfolio-page';
import { PortfoliosPage } from './pages/portfolios-page';

/** The position page carries the chart library: loaded when first opened, not with the dashboard. */
const PositionPage = lazy(() => import('./pages/position-page'));
/** The lab's pages (and their chart chunk) load when first opened, too. */
const SimulationsPage = lazy(() => import('./pages/simulations-page'));
const SimulationPage = lazy(() => import('./pages/simulation-page'));
const OptimizationsPage = lazy(() => import('./pages/optimizations-page'));
const OptimizationPage = lazy(() => import('./pages/optimization-page'));

type Render = (params: Record<string, string>, query: URLSearchParams) => ReactNode;

const ROUTES: readonly [string, Render][] = [
  ['/', () => <DashboardPage />],
  ['/portfolios', () => <PortfoliosPage />],
  ['/portfolios/:id', (p) => <PortfolioPage id={p.id!} />],
  ['/positions/:id', (p) => <PositionPage id={p.id!} />],
  ['/orders', () => <OrdersPage />],
  ['/audit', () => <AuditPage />],
  ['/audit/events/:seq', (p) => <EventPage seq={p.seq!} />],
  ['/cycles', () => <CyclesPage />],
  ['/simulations', () => <SimulationsPage />],
  ['/simulations/:id', (p) => <SimulationPage id={p.id!} />],
  ['/optimizations', () => <OptimizationsPage />],
  ['/optimizations/:id', (p) => <OptimizationPage id={p.id!} />],
  ['/access', () => <AccessPage />],
  ['/account', () => <AccountPage />],
  ['/cycles/:id', (p, q) => <CyclePage id={p.id!} positionId={q.get('position') ?? undefined} />],
];

export function CurrentPage() {
  const { location } = useRouter();
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, location.path);
    if (params)
      return (
        <ErrorBoundary resetKey={location.path}>
          <Suspense fallback={<Loading what="the page" />}>{render(params, location.query)}</Suspense>
        </ErrorBoundary>
      );
  }
  return <NotFoundPage />;
}
