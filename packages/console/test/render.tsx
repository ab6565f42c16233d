import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ConfirmDialog } from '../src/components/confirm-dialog';
import { Notices } from '../src/components/notices';
import { ActionsProvider } from '../src/lib/actions';
import { RouterProvider } from '../src/lib/router';
import { SessionProvider } from '../src/lib/session';

/** The session a component test runs in: a logged-in console user with the CSRF token the engine gave. */
export const TEST_CSRF = 'csrf-test-token';
const SIGNED_IN = {
  user: { name: 'alice', role: 'admin' as const, kind: 'session' as const },
  csrf_token: TEST_CSRF,
  expires_at: null,
};

/** A component with everything the console gives it: queries (no retries), routing, confirmations and notices. */
export function renderInConsole(ui: ReactNode, session: typeof SIGNED_IN = SIGNED_IN) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchInterval: false } },
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider>
        <SessionProvider initial={session}>
          <ActionsProvider>
            {ui}
            <ConfirmDialog />
            <Notices />
          </ActionsProvider>
        </SessionProvider>
      </RouterProvider>
    </QueryClientProvider>,
  );
}
