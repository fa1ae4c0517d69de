import type { components } from '@neuracraft/client';
import { useId } from 'react';
import { Badge } from '../components/badge';
import { type Column, DataTable, PageHeader } from '../components/page';
import { formatDateTime } from '../lib/format';
import { navigate, useLocation } from '../lib/router';
import { useList } from '../lib/use-list';

type AuditEvent = components['schemas']['AuditEvent'];
type Action = components['schemas']['AuditAction'];
type Outcome = components['schemas']['AuditOutcome'];

/** Each action of the spec's `AuditAction`, in words. */
const ACTIONS: Record<Action, string> = {
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'api_key.rotated': 'API key rotated',
  'oauth_app.created': 'OAuth app created',
  'oauth_app.updated': 'OAuth app updated',
  'oauth_app.deleted': 'OAuth app deleted',
  'oauth_app.secret_rotated': 'OAuth app secret rotated',
  'admin.denied': 'Admin request denied',
  'session.login': 'Signed in',
  'session.login_failed': 'Sign-in failed',
};
const ACTORS: Record<AuditEvent['actor']['type'], string> = {
  api_key: 'API key',
  access_token: 'Access token',
  session: 'Dashboard user',
  cli: 'CLI',
};
const TARGETS: Record<NonNullable<AuditEvent['target']>['type'], string> = {
  api_key: 'API key',
  oauth_app: 'OAuth app',
  operation: 'Operation',
  user: 'User',
};
const OUTCOMES: Outcome[] = ['success', 'failure'];

const columns: Column<AuditEvent>[] = [
  { header: 'When', cell: (e) => <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time> },
  {
    header: 'Action',
    cell: (e) => (
      <>
        <span className="strong">{ACTIONS[e.action] ?? e.action}</span>
        <code className="subtext">{e.action}</code>
      </>
    ),
  },
  {
    header: 'Outcome',
    cell: (e) =>
      e.outcome === 'success' ? <Badge tone="success">Success</Badge> : <Badge tone="danger">Failure</Badge>,
  },
  {
    header: 'Actor',
    cell: (e) => (
      <>
        {ACTORS[e.actor.type] ?? e.actor.type}
        <code className="subtext">{e.actor.id}</code>
      </>
    ),
  },
  {
    header: 'Target',
    cell: (e) =>
      e.target ? (
        <>
          {TARGETS[e.target.type] ?? e.target.type}
          <code className="subtext">{e.target.id}</code>
        </>
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    header: 'Source',
    cell: (e) => (
      <>
        {e.ip ? <code className="hint">{e.ip}</code> : <span className="muted">Unknown address</span>}
        <code className="subtext" title="Request id">
          {e.request_id}
        </code>
      </>
    ),
  },
];

export function AuditPage() {
  const id = useId();
  const location = useLocation();
  const action = location.searchParams.get('action') ?? '';
  const outcome = location.searchParams.get('outcome') ?? '';
  const list = useList('/v1/audit-events', { action: action || undefined, outcome: outcome || undefined });

  const filter = (name: 'action' | 'outcome', value: string) => {
    const params = new URLSearchParams(location.search);
    if (value) {
      params.set(name, value);
    } else {
      params.delete(name);
    }
    const query = params.toString();
    navigate(`/audit${query ? `?${query}` : ''}`, { replace: true });
  };

  return (
    <>
      <PageHeader eyebrow="Security" title="Audit Log">
        What was done to your credentials, by whom and from where — and every admin request that was denied.
      </PageHeader>
      <fieldset className="filters">
        <legend className="visually-hidden">Filters</legend>
        <div className="field inline">
          <label htmlFor={`${id}-action`}>Action</label>
          <select
            id={`${id}-action`}
            value={action}
            onChange={(event) => filter('action', event.currentTarget.value)}
          >
            <option value="">All actions</option>
            {Object.entries(ACTIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={`${id}-outcome`}>Outcome</label>
          <select
            id={`${id}-outcome`}
            value={outcome}
            onChange={(event) => filter('outcome', event.currentTarget.value)}
          >
            <option value="">Any outcome</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o[0]!.toUpperCase() + o.slice(1)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <DataTable
        list={list}
        columns={columns}
        caption="Audit events"
        empty={
          <>
            <p className="strong">No events</p>
            <p className="muted">
              {action || outcome
                ? 'Nothing matches these filters.'
                : 'Management actions will be listed here.'}
            </p>
          </>
        }
      />
    </>
  );
}
