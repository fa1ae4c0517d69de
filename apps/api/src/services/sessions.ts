import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '@neuracraft/auth-core';
import { SCOPES } from '@neuracraft/types';
import type { Store } from '../store/index.js';
import type { Database } from '../store/schema.js';

/** The cookie that carries a dashboard session (the spec's `DashboardSession` scheme). */
export const SESSION_COOKIE = 'nc_session';
/** A session ends after this long without a request… */
export const IDLE_MS = 30 * 60_000;
/** …and after this long in any case. */
export const ABSOLUTE_MS = 12 * 60 * 60_000;
/** `last_seen_at` is written at most this often per session. */
const TOUCH_MS = 60_000;

const sessionId = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A live session and the principal it stands for: the org's owner, holding every scope. */
export interface SessionAuth {
  readonly principal: Principal;
  readonly session: Database['sessions'];
}

/** Opens a session for `user`; the token goes in the cookie and only its hash is stored. */
export async function openSession(store: Store, user: Database['users'], now = Date.now()) {
  const token = randomBytes(32).toString('base64url');
  const row: Database['sessions'] = {
    id: sessionId(token),
    user_id: user.id,
    org_id: user.org_id,
    csrf_token: randomBytes(32).toString('base64url'),
    created_at: new Date(now).toISOString(),
    last_seen_at: new Date(now).toISOString(),
    expires_at: new Date(now + ABSOLUTE_MS).toISOString(),
  };
  await store.sessions.create(row);
  return { token, session: row };
}

/** When the session ends if no further request comes: idle or absolute expiry, whichever is first. */
export const sessionEndsAt = (s: Database['sessions']): string =>
  new Date(Math.min(Date.parse(s.last_seen_at) + IDLE_MS, Date.parse(s.expires_at))).toISOString();

/** Finds the live session a cookie token names, extending its idle window; undefined when there is none. */
export async function readSession(
  store: Store,
  token: string,
  now = Date.now(),
): Promise<SessionAuth | undefined> {
  if (!/^[\w-]{43}$/.test(token)) {
    return undefined;
  }
  const session = await store.sessions.get(sessionId(token));
  if (!session) {
    return undefined;
  }
  const at = new Date(now).toISOString();
  if (sessionEndsAt(session) <= at) {
    await store.sessions.delete(session.id);
    return undefined;
  }
  if (now - Date.parse(session.last_seen_at) > TOUCH_MS) {
    await store.sessions.touch(session.id, at);
  }
  return {
    session,
    principal: {
      orgId: session.org_id,
      kind: 'session',
      credentialId: session.user_id,
      scopes: SCOPES,
      clientId: null,
    },
  };
}

/** Whether `sent` is the session's CSRF token, compared in constant time. */
export function csrfMatches(session: Database['sessions'], sent: string | undefined): boolean {
  if (sent === undefined) {
    return false;
  }
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrf_token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Set-Cookie value for a session token; `Secure` when the server is reached over https. */
export function sessionCookie(token: string, secure: boolean, maxAgeSeconds = ABSOLUTE_MS / 1000): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The Set-Cookie value that removes the session cookie. */
export const clearedSessionCookie = (secure: boolean): string => sessionCookie('', secure, 0);

/** The session token in a Cookie header, if any. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) {
    return undefined;
  }
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      return part.slice(eq + 1).trim();
    }
  }
  return undefined;
}
