import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { ApiError, describeError, type Sent } from './api-client';
import { isOneAuditEvent } from './audit-event-query';
import { EVERYTHING, type RootKey } from './query-keys';

export interface ConfirmRequest {
  readonly title: string;
  readonly body?: ReactNode;
  readonly confirmLabel: string;
  readonly tone?: 'danger' | 'normal';
}

/** What an action did: shown until dismissed, with the audit events the engine wrote for it. */
export interface Notice {
  readonly id: number;
  readonly kind: 'done' | 'failed';
  readonly title: string;
  readonly message?: string;
  readonly auditSeqs?: readonly number[];
  readonly cycleId?: string;
}

interface ActionsValue {
  readonly pending: ConfirmRequest | null;
  readonly notices: readonly Notice[];
  confirm(request: ConfirmRequest): Promise<boolean>;
  answer(yes: boolean): void;
  notify(notice: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

const ActionsContext = createContext<ActionsValue | null>(null);
const MAX_NOTICES = 4;

/** Holds the one confirmation being asked and the notices of what actions did. */
export function ActionsProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<ConfirmRequest | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const resolver = useRef<((yes: boolean) => void) | null>(null);
  const nextId = useRef(1);

  const confirm = useCallback((request: ConfirmRequest) => {
    resolver.current?.(false);
    setPending(request);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const answer = useCallback((yes: boolean) => {
    resolver.current?.(yes);
    resolver.current = null;
    setPending(null);
  }, []);
  const notify = useCallback((notice: Omit<Notice, 'id'>) => {
    const id = nextId.current++;
    setNotices((list) => [{ ...notice, id }, ...list].slice(0, MAX_NOTICES));
  }, []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const value = useMemo(
    () => ({ pending, notices, confirm, answer, notify, dismiss }),
    [pending, notices, confirm, answer, notify, dismiss],
  );
  return <ActionsContext.Provider value={value}>{children}</ActionsContext.Provider>;
}

export function useActions(): ActionsValue {
  const value = useContext(ActionsContext);
  if (!value) throw new Error('useActions outside ActionsProvider');
  return value;
}

export interface EngineAction<T> {
  readonly confirm: ConfirmRequest;
  readonly perform: () => Promise<Sent<T>>;
  /** The notice's title once it worked. */
  readonly done: string | ((data: T) => string);
  /** The cycle to link to, for actions that ran one. */
  readonly cycleOf?: (data: T) => string | undefined;
  /**
   * `notice` (buttons): a failure becomes a notice. `throw` (forms): the caller shows the engine's
   * field errors next to the fields.
   */
  readonly onError?: 'notice' | 'throw';
}

/**
 * Every action that moves money or changes the engine: ask, do it, refresh what it touched, and show
 * the audit events the engine recorded for it. Resolves to `{ data }` once done; null when it was not
 * confirmed or (with `onError: 'notice'`) failed.
 */
export function useEngineAction() {
  const { confirm, notify } = useActions();
  const queryClient = useQueryClient();
  return useCallback(
    async <T,>(action: EngineAction<T>): Promise<{ data: T } | null> => {
      if (!(await confirm(action.confirm))) return null;
      try {
        const sent = await action.perform();
        const title = typeof action.done === 'string' ? action.done : action.done(sent.data);
        notify({ kind: 'done', title, auditSeqs: sent.auditSeqs, cycleId: action.cycleOf?.(sent.data) });
        return { data: sent.data };
      } catch (error) {
        if (action.onError === 'throw' && error instanceof ApiError && error.status < 500) throw error;
        const details = error instanceof ApiError ? error.details : undefined;
        const cycleId =
          details && typeof details === 'object' && 'cycle_id' in details
            ? String((details as { cycle_id: unknown }).cycle_id)
            : undefined;
        // The engine said no (4xx), or the request did not get through or broke (no answer, 5xx).
        const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
        const title = `${action.confirm.title.replace(/\?$/, '')}: ${refused ? 'refused' : 'failed'}`;
        notify({ kind: 'failed', title, message: describeError(error), cycleId });
        return null;
      } finally {
        // Everything a change may have touched; not the audit events already shown, which never change
        // (invalidating ignores their infinite staleTime: each would be fetched again).
        void queryClient.invalidateQueries({
          predicate: ({ queryKey }) =>
            EVERYTHING.includes(queryKey[0] as RootKey) && !isOneAuditEvent(queryKey),
        });
      }
    },
    [confirm, notify, queryClient],
  );
}
