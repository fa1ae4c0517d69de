import { type ComponentType, useEffect, useRef } from 'react';
import { Layout, type NavGroup } from './components/layout';
import { loginFor, safeNext } from './lib/next';
import { navigate, useLocation } from './lib/router';
import { ApiKeysPage } from './pages/api-keys';
import { AuditPage } from './pages/audit';
import { ExecutionsPage } from './pages/executions';
import { LoginPage } from './pages/login';
import { NotFoundPage } from './pages/not-found';
import { OAuthAppsPage } from './pages/oauth-apps';
import { PipelinesPage } from './pages/pipelines';
import { WorkflowsPage } from './pages/workflows';
import { useSession } from './session';

/** Where `/` and a fresh sign-in lead: the seed's first instruction is "Navigate to Settings > API Keys". */
const HOME = '/settings/api-keys';

/** The pages, by path — exactly the paths the server answers with `index.html`. */
const PAGES: Record<string, { title: string; page: ComponentType }> = {
  '/settings/api-keys': { title: 'API Keys', page: ApiKeysPage },
  '/settings/oauth-apps': { title: 'OAuth Apps', page: OAuthAppsPage },
  '/pipelines': { title: 'Pipelines', page: PipelinesPage },
  '/workflows': { title: 'Workflows', page: WorkflowsPage },
  '/executions': { title: 'Executions', page: ExecutionsPage },
  '/audit': { title: 'Audit Log', page: AuditPage },
};

const NAV: NavGroup[] = [
  {
    label: 'Settings',
    items: [
      { path: '/settings/api-keys', label: 'API Keys' },
      { path: '/settings/oauth-apps', label: 'OAuth Apps' },
    ],
  },
  {
    label: 'Automation',
    items: [
      { path: '/pipelines', label: 'Pipelines' },
      { path: '/workflows', label: 'Workflows' },
      { path: '/executions', label: 'Executions' },
    ],
  },
  { label: 'Security', items: [{ path: '/audit', label: 'Audit Log' }] },
];

export function App() {
  const { state } = useSession();
  const location = useLocation();
  const path = location.pathname;
  const here = path + location.search;
  const first = useRef(true);

  // Signed out anywhere but the login page: go there, to come back afterwards. Signed in on the login
  // page (or at the root): go on to where the user was headed.
  useEffect(() => {
    if (state.status === 'signed-out' && path !== '/login') {
      navigate(loginFor(here), { replace: true });
    } else if (state.status === 'signed-in' && (path === '/login' || path === '/')) {
      navigate(safeNext(path === '/login' ? location.searchParams.get('next') : null, HOME), {
        replace: true,
      });
    }
  }, [state.status, path, here, location.searchParams]);

  const entry = PAGES[path];
  const title = path === '/login' ? 'Sign in' : (entry?.title ?? 'Not found');

  // A new page: its title, and focus on its heading so that a screen reader says where we are.
  useEffect(() => {
    document.title = `${title} · NeuraCraft Dashboard`;
    if (first.current) {
      first.current = false;
      return;
    }
    if (path !== '/login') {
      document.querySelector<HTMLElement>('main h1')?.focus();
    }
  }, [title, path]);

  if (state.status === 'loading') {
    return (
      <div className="loading-screen" role="status">
        Loading…
      </div>
    );
  }
  if (state.status === 'signed-out' || path === '/login' || path === '/') {
    return state.status === 'signed-out' ? <LoginPage ended={state.ended} /> : null;
  }
  const Page = entry?.page ?? NotFoundPage;
  return (
    <Layout nav={NAV} path={path}>
      <Page key={path} />
    </Layout>
  );
}
