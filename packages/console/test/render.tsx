import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ConfirmDialog } from '../src/components/confirm-dialog';
import { Notices } from '../src/components/notices';
import { ActionsProvider } from '../src/lib/actions';
import { RouterProvider } from '../src/lib/router';

/** A component with everything the console gives it: queries (no retries), routing, confirmations and notices. */
export function renderInConsole(ui: ReactNode) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchInterval: false } },
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider>
        <ActionsProvider>
          {ui}
          <ConfirmDialog />
          <Notices />
        </ActionsProvider>
      </RouterProvider>
    </QueryClientProvider>,
  );
}
