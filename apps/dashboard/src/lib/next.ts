/**
 * The page to return to after signing in, from the `next` query parameter — only a path of this app,
 * so the login page cannot be made to send anyone to another site (`//evil.example`, `https://…`,
 * `javascript:`), nor back to the login page itself.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(next, 'http://dashboard.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://dashboard.invalid' || url.pathname === '/login') {
    return fallback;
  }
  return url.pathname + url.search + url.hash;
}

/** The login page's address that comes back to `path` afterwards. */
export const loginFor = (path: string): string =>
  path === '/' || path.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(path)}`;
