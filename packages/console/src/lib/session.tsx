import { type Principal, type Role, SessionInfo } from '@ballast/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { ApiError, get, send, setRequestSession } from './api-client';

type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'signed-out'; readonly why: string | null }
  | { readonly status: 'signed-in'; readonly user: Principal; readonly csrfToken: string | null };

interface SessionValue {
  readonly state: SessionState;
  logIn(username: string, password: string): Promise<void>;
  logOut(why?: string): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Who is using the console. The session itself is an httpOnly cookie the engine sets and the page
 * never sees; the page keeps only the user, their role and the CSRF token its changes must repeat.
 */
export function SessionProvider({ children, initial }: { children: ReactNode; initial?: SessionInfo }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const queryClient = useQueryClient();

  const signedOut = useCallback(
    (why: string | null) => {
      setRequestSession(null, null);
      queryClient.clear();
      setState({ status: 'signed-out', why });
    },
    [queryClient],
  );
  const signedIn = useCallback(
    (info: SessionInfo) => {
      setRequestSession(info.csrf_token, () => signedOut('Your session ended. Log in again.'));
      setState({ status: 'signed-in', user: info.user, csrfToken: info.csrf_token });
    },
    [signedOut],
  );

  useEffect(() => {
    if (initial) return signedIn(initial);
    get(SessionInfo, '/v1/auth/session')
      .then(signedIn)
      .catch((error: unknown) =>
        signedOut(error instanceof ApiError && error.status === 401 ? null : describeStart(error)),
      );
  }, [signedIn, signedOut, initial]);

  const logIn = useCallback(
    async (username: string, password: string) => {
      const { data } = await send(SessionInfo, 'POST', '/v1/auth/session', { username, password });
      signedIn(data);
    },
    [signedIn],
  );
  const logOut = useCallback(
    async (why = 'You are logged out.') => {
      // The engine answers 204, which `send` reads as null.
      await send(z.null(), 'DELETE', '/v1/auth/session').catch(() => undefined);
      signedOut(why);
    },
    [signedOut],
  );

  const value = useMemo(() => ({ state, logIn, logOut }), [state, logIn, logOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function describeStart(error: unknown): string {
  return error instanceof ApiError ? error.message : 'The engine did not answer. Is it running?';
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether the person logged in has (at least) `role`: the console hides what they cannot do. */
export function useCan(role: Role): boolean {
  const { state } = useSession();
  return state.status === 'signed-in' && RANK[state.user.role] >= RANK[role];
}

/** Shows its children only to people with the role `need`; the engine refuses the rest anyway. */
export function IfCan({ need, children }: { need: Role; children: ReactNode }) {
  return useCan(need) ? children : null;
}
