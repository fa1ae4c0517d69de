import { createClient, type NeuraCraftClient } from '@neuracraft/client';
import { type SessionAuth, sessionAuth } from './session-auth';

type Listener = () => void;
const listeners = new Set<Listener>();

/** The session the dashboard's client carries; `setCsrfToken` after signing in. */
export const session: SessionAuth = sessionAuth(() => {
  for (const listener of listeners) {
    listener();
  }
});

/** Calls `listener` whenever the API answers that the session has ended; returns the unsubscribe. */
export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The one API client of the dashboard: same origin, authenticated by the session. */
export const api: NeuraCraftClient = createClient({ baseUrl: window.location.origin, auth: session });
