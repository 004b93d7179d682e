// Who is signed in. Loads /api/auth/session once (200 with `me: null` when anonymous), keeps the CSRF token for later changes,
// and forgets the user when any call answers 401 (the session ended elsewhere).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onApiError, setCsrfToken } from './api.ts';
import type { Me } from './roles.ts';

export type AuthNotice = 'loggedOut' | 'sessionExpired' | null;

interface AuthValue {
  me: Me | null;
  status: 'loading' | 'ready' | 'error';
  notice: AuthNotice;
  login(identifier: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  retry(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthValue['status']>('loading');
  const [notice, setNotice] = useState<AuthNotice>(null);
  const [attempt, setAttempt] = useState(0);

  const setMe = useCallback((value: Me | null) => {
    setCsrfToken(value?.csrfToken ?? null);
    setMeState(value);
  }, []);

  useEffect(() => {
    let live = true;
    api<{ me: Me | null }>('/api/auth/session', { quiet: true }).then(
      (value) => {
        if (!live) return;
        setMe(value.me);
        setStatus('ready');
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) {
          setMe(null);
          setStatus('ready');
        } else setStatus('error');
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, setMe]);

  useEffect(
    () =>
      onApiError((error) => {
        if (error.status !== 401) return;
        setMeState((current) => {
          if (current) setNotice('sessionExpired');
          return null;
        });
        setCsrfToken(null);
      }),
    [],
  );

  const value = useMemo<AuthValue>(
    () => ({
      me,
      status,
      notice,
      async login(identifier, password) {
        const signedIn = await api<Me>('/api/auth/login', { method: 'POST', body: { identifier, password }, quiet: true });
        setNotice(null);
        setMe(signedIn);
        return signedIn;
      },
      async logout() {
        try {
          await api<void>('/api/auth/logout', { method: 'POST', quiet: true });
        } catch (error) {
          // Already signed out is as good as signing out.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        setNotice('loggedOut');
        setMe(null);
      },
      retry() {
        setStatus('loading');
        setAttempt((n) => n + 1);
      },
    }),
    [me, status, notice, setMe],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}

/** The signed-in user, in pages that only render when someone is signed in. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
