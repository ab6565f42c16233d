import { useQuery } from '@tanstack/react-query';
import { describeError } from '../../../lib/api-client';
import { formatCount } from '../../../lib/format';
import { verifyQuery } from '../api/audit-api';

/** The hash chain re-checked by the engine: every seq present, every hash recomputed. */
export function VerifyPanel() {
  const query = useQuery(verifyQuery);
  return (
    <div className="verify" aria-live="polite">
      {query.isPending && <span>Checking the hash chain…</span>}
      {query.isError && <span className="warn">Could not check the chain: {describeError(query.error)}</span>}
      {query.data &&
        (query.data.ok ? (
          <span className="ok-text">
            ✓ Chain verified: {formatCount(query.data.checked)} events, every hash matches, no gaps
          </span>
        ) : (
          <span className="warn">
            ✗ Chain broken at seq {query.data.first_bad_seq}: {query.data.reason} (
            {formatCount(query.data.checked)} events checked before it)
          </span>
        ))}{' '}
      <button
        type="button"
        className="button small"
        onClick={() => void query.refetch()}
        disabled={query.isFetching}
      >
        {query.isFetching ? 'Verifying…' : 'Verify again'}
      </button>
    </div>
  );
}
