import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading } from '../components/states';
import { ActionsProvider } from '../lib/actions';
import { ApiError } from '../lib/api-client';
import { RouterProvider } from '../lib/router';
import { SessionProvider, useSession } from '../lib/session';
import { Layout } from './layout';
import { LoginPage } from './pages/login-page';
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

/** The console for whoever is logged in; the login page for everyone else. */
function Gate() {
  const { state } = useSession();
  if (state.status === 'checking') return <Loading what="the console" />;
  if (state.status === 'signed-out') return <LoginPage why={state.why} />;
  return (
    <ActionsProvider>
      <Layout>
        <CurrentPage />
      </Layout>
    </ActionsProvider>
  );
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <QueryClientProvider client={client}>
      <RouterProvider>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </RouterProvider>
    </QueryClientProvider>
  );
}
