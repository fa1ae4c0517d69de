import type { ReactNode } from 'react';
import { Link } from '../lib/router';
import { useSession } from '../session';
import { Logo } from './logo';

export interface NavItem {
  path: string;
  label: string;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

/** The signed-in frame: a skip link, the navigation, the user and sign-out, and the page. */
export function Layout({ nav, path, children }: { nav: NavGroup[]; path: string; children: ReactNode }) {
  const { state, signOut } = useSession();
  const email = state.status === 'signed-in' ? state.session.user.email : '';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link href="/settings/api-keys" className="brand" aria-label="NeuraCraft Dashboard, home">
          <Logo />
          <span>
            NeuraCraft <span className="brand-sub">Dashboard</span>
          </span>
        </Link>
        <nav aria-label="Main">
          {nav.map((group) => (
            <div key={group.label} className="nav-group">
              <p className="nav-label" id={`nav-${group.label}`}>
                {group.label}
              </p>
              <ul aria-labelledby={`nav-${group.label}`}>
                {group.items.map((item) => (
                  <li key={item.path}>
                    <Link
                      href={item.path}
                      className="nav-link"
                      aria-current={path === item.path ? 'page' : undefined}
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="account">
          <div className="account-who">
            <span className="avatar" aria-hidden="true">
              {email.slice(0, 1).toUpperCase()}
            </span>
            <span className="account-email" title={email}>
              <span className="visually-hidden">Signed in as </span>
              {email}
            </span>
          </div>
          <button type="button" className="button signout small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="content">
        {children}
      </main>
    </div>
  );
}
