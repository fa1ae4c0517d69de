import type { Auth } from '@neuracraft/client';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Codes that mean the session cookie is gone or over: the user has to sign in again. */
const SESSION_ENDED = new Set(['invalid_session', 'authentication_required']);

/** The `auth` of a client that acts as the signed-in dashboard user. */
export type SessionAuth = Auth & {
  /** Sets the CSRF token of the session (from `POST /auth/login` or `GET /auth/session`), or forgets it. */
  setCsrfToken(token: string | null): void;
};

/**
 * Authenticates with the dashboard session (the spec's `DashboardSession` scheme): the `nc_session`
 * cookie, which the browser holds (`HttpOnly`, never seen here), and the session's CSRF token as
 * `X-CSRF-Token` on every mutation. The token lives in this closure only — never in `localStorage`,
 * `sessionStorage` or a readable cookie — so a reload asks `GET /auth/session` for it again.
 *
 * @param onSessionEnded Called when an answer says the session has ended (`invalid_session`,
 *   `authentication_required`), except for `POST /auth/login` itself.
 */
export function sessionAuth(onSessionEnded: () => void): SessionAuth {
  let csrfToken: string | null = null;
  const middleware: Auth = {
    onRequest({ request }) {
      if (csrfToken !== null && MUTATIONS.has(request.method)) {
        request.headers.set('X-CSRF-Token', csrfToken);
      }
      // Same-origin only: the cookie never goes anywhere else, and nothing else's cookie comes here.
      return new Request(request, { credentials: 'same-origin' });
    },
    async onResponse({ request, response }) {
      if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/login')) {
        const body = (await response
          .clone()
          .json()
          .catch(() => null)) as { error?: unknown } | null;
        if (typeof body?.error === 'string' && SESSION_ENDED.has(body.error)) {
          csrfToken = null;
          onSessionEnded();
        }
      }
      return response;
    },
  };
  return Object.assign(middleware, {
    setCsrfToken(token: string | null) {
      csrfToken = token;
    },
  });
}
