import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { LoginRequest, SessionResponse, SessionUser } from '../../domain/api/auth.ts';
import type { Permission } from '../../domain/permissions.ts';
import { fetchSession, login, logout } from '../api/auth.ts';
import { isApiError, onSession, onUnauthorized } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';

/** Why the user is signed out: they chose to, the server ended the session, or they never signed in. */
export type SignedOutReason = 'signed_out' | 'session_ended' | null;

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; error: unknown };

interface SessionContextValue {
  load: LoadState;
  user: SessionUser | null;
  oidc: SessionResponse['oidc'];
  signedOutReason: SignedOutReason;
  /** Signs in with email and password; throws `ApiError` on failure. */
  signIn: (credentials: LoginRequest) => Promise<SessionUser | null>;
  /** Signs out on the server and fetches a fresh (signed-out) session. */
  signOut: () => Promise<void>;
  reload: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

const NO_OIDC: SessionResponse['oidc'] = { enabled: false, label: '' };

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [session, setSession] = useState<SessionResponse | null>(null);
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason>(null);
  const [attempt, setAttempt] = useState(0);
  const lastUserId = useRef<string | null>(null);

  // Every session answer (load, sign-in, CSRF refresh) flows through the client; mirror it here.
  useEffect(
    () =>
      onSession((next) => {
        setSession(next);
        const userId = next.user?.id ?? null;
        // When someone signs in (or a signed-in page loads), their saved language wins.
        if (next.user && userId !== lastUserId.current) setLocale(next.user.locale);
        if (next.user) setSignedOutReason(null);
        lastUserId.current = userId;
      }),
    [setLocale],
  );

  useEffect(
    () =>
      onUnauthorized(() => {
        if (lastUserId.current === null) return;
        lastUserId.current = null;
        setSignedOutReason('session_ended');
        setSession((current) => (current ? { ...current, user: null } : current));
      }),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    // `attempt` is read so that "try again" refetches.
    void attempt;
    setLoad({ status: 'loading' });
    fetchSession(controller.signal).then(
      () => setLoad({ status: 'ready' }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signIn = useCallback(async (credentials: LoginRequest) => {
    const next = await login(credentials);
    return next.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch (error) {
      // Already signed out on the server (the session expired): that is what we wanted.
      if (!(isApiError(error) && error.status === 401)) throw error;
    }
    lastUserId.current = null;
    setSignedOutReason('signed_out');
    // A fresh session gives the signed-out CSRF token for the next sign-in.
    await fetchSession().catch(() => {
      setSession((current) => (current ? { ...current, user: null } : current));
    });
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo<SessionContextValue>(
    () => ({
      load,
      user: session?.user ?? null,
      oidc: session?.oidc ?? NO_OIDC,
      signedOutReason,
      signIn,
      signOut,
      reload,
    }),
    [load, session, signedOutReason, signIn, signOut, reload],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

export function hasPermission(user: SessionUser | null, permission: Permission): boolean {
  return user?.permissions.includes(permission) ?? false;
}
