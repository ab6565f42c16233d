import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionsProvider } from '../lib/actions';
import { ApiError } from '../lib/api-client';
import { RouterProvider } from '../lib/router';
import { Layout } from './layout';
import { CurrentPage } from './routes';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 2_000,
        // A 4xx will not change by asking again; an unreachable engine might come back.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <QueryClientProvider client={client}>
      <RouterProvider>
        <ActionsProvider>
          <Layout>
            <CurrentPage />
          </Layout>
        </ActionsProvider>
      </RouterProvider>
    </QueryClientProvider>
  );
}
