import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const NAVIGATE = 'neuracraft:navigate';

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
};

const current = () => window.location.pathname + window.location.search;

/** The current path and query, e.g. `/login?next=%2Fpipelines`; re-renders on every navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, current);
  return new URL(href, window.location.origin);
}

/** Goes to `to` (a path of this app) without reloading the page. */
export function navigate(to: string, { replace = false } = {}): void {
  if (to === current()) {
    return;
  }
  if (replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  window.dispatchEvent(new Event(NAVIGATE));
}

/** An `<a>` that navigates inside the app; modified clicks (new tab, …) are left to the browser. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
