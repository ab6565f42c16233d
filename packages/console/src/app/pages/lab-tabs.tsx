import { Link } from '../../lib/router';

/** The two pages of the lab: simulations and optimizations. */
export function LabTabs({ current }: { current: 'simulations' | 'optimizations' }) {
  return (
    <nav className="tabs" aria-label="Lab">
      <Link className="tab" to="/simulations" aria-current={current === 'simulations' ? 'page' : undefined}>
        Simulations
      </Link>
      <Link
        className="tab"
        to="/optimizations"
        aria-current={current === 'optimizations' ? 'page' : undefined}
      >
        Optimizations
      </Link>
    </nav>
  );
}
