import type { components, NeuraCraftError } from '@neuracraft/client';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSessionEnded, session as sessionAuth } from './api/client';

/** The signed-in user's session, as `POST /auth/login` and `GET /auth/session` answer it. */
export type Session = components['schemas']['Session'];

/** Where the dashboard stands with the server. */
export type SessionState =
  | { status: 'loading' }
  /** `ended`: a session was open and the server said it is over (expired, signed out elsewhere). */
  | { status: 'signed-out'; ended: boolean }
  | { status: 'signed-in'; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Signs in; resolves to the error the server answered, or undefined once signed in. */
  signIn(email: string, password: string): Promise<NeuraCraftError | undefined>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Holds the dashboard session: asks the server for it once, and follows sign-in, sign-out and its end. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const open = useCallback((session: Session) => {
    sessionAuth.setCsrfToken(session.csrf_token);
    // The CSRF token stays in the client's closure; the state keeps everything else.
    setState({ status: 'signed-in', session: { ...session, csrf_token: '' } });
  }, []);

  useEffect(() => {
    let live = true;
    const off = onSessionEnded(() => {
      setState((s) =>
        s.status === 'signed-out' ? s : { status: 'signed-out', ended: s.status === 'signed-in' },
      );
    });
    api.GET('/auth/session').then(
      ({ data }) => {
        if (!live) {
          return;
        }
        if (data) {
          open(data);
        } else {
          setState({ status: 'signed-out', ended: false });
        }
      },
      () => live && setState({ status: 'signed-out', ended: false }),
    );
    return () => {
      live = false;
      off();
    };
  }, [open]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const { data, error } = await api.POST('/auth/login', { body: { email, password } });
      if (error) {
        return error;
      }
      open(data);
      return undefined;
    },
    [open],
  );

  const signOut = useCallback(async () => {
    await api.POST('/auth/logout').catch(() => undefined);
    sessionAuth.setCsrfToken(null);
    setState({ status: 'signed-out', ended: false });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session and the ways to open and end it. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside <SessionProvider>');
  }
  return value;
}
