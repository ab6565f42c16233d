import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Notices } from '../components/notices';
import { WorkerPill } from '../features/worker/components/worker-pill';
import { type LiveState, useLiveRefresh } from '../lib/live-events';
import { Link, useRouter } from '../lib/router';
import { useCan, useSession } from '../lib/session';

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly match: (path: string) => boolean;
  readonly admin?: boolean;
}

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Dashboard', match: (p: string) => p === '/' },
  {
    to: '/portfolios',
    label: 'Portfolios',
    match: (p: string) => p.startsWith('/portfolios') || p.startsWith('/positions'),
  },
  { to: '/orders', label: 'Orders & trades', match: (p: string) => p.startsWith('/orders') },
  {
    to: '/audit',
    label: 'Audit trail',
    match: (p: string) => p.startsWith('/audit') || p.startsWith('/cycles'),
  },
  {
    to: '/simulations',
    label: 'Lab',
    match: (p: string) => p.startsWith('/simulations') || p.startsWith('/optimizations'),
  },
  { to: '/access', label: 'Access', match: (p: string) => p.startsWith('/access'), admin: true },
];

function UserMenu() {
  const { state, logOut } = useSession();
  if (state.status !== 'signed-in') return null;
  return (
    <span className="user-menu">
      <Link to="/account" className="user-link" title="Your account: change your password">
        {state.user.name} <span className="muted">({state.user.role})</span>
      </Link>
      <button type="button" className="button small" onClick={() => void logOut()}>
        Log out
      </button>
    </span>
  );
}

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'engine unreachable, retrying',
};

export function Layout({ children }: { children: ReactNode }) {
  const { location } = useRouter();
  const live = useLiveRefresh(useQueryClient());
  const isAdmin = useCan('admin');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Ballast
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => !item.admin || isAdmin).map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={item.match(location.path) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-status">
          <WorkerPill />
          <span className={`live live-${live}`} title="Updates pushed by the engine as cycles complete">
            <span className="dot" aria-hidden="true" /> {LIVE_TEXT[live]}
          </span>
          <UserMenu />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        The engine trades on its own schedule whether or not this page is open.{' '}
        <a href="/docs">API reference</a>
      </footer>
      <ConfirmDialog />
      <Notices />
    </div>
  );
}
