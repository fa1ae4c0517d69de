import type { components } from '@neuracraft/client';
import type { Scope } from '@neuracraft/types';
import { useId, useState } from 'react';
import { api } from '../api/client';
import { Alert, ErrorAlert } from '../components/alert';
import { Badge } from '../components/badge';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyField } from '../components/copy-field';
import { Dialog } from '../components/dialog';
import { DurationInput } from '../components/duration-input';
import { NameField } from '../components/name-field';
import { type Column, DataTable, PageHeader } from '../components/page';
import { ScopeList, ScopePicker } from '../components/scopes';
import { formatDate, formatDateTime, formatDuration, formatRelative } from '../lib/format';
import { useApiAction } from '../lib/use-api-action';
import { useList } from '../lib/use-list';
import { STORE_WARNING } from './api-keys';

type OAuthApp = components['schemas']['OAuthApp'];

const MAX_GRACE = 30 * 86_400;

/** Credentials shown once: a new app's, or a rotated secret. */
type Revealed = {
  name: string;
  clientId: string;
  clientSecret: string;
  /** After a rotation: when the previous secret stops working. */
  oldSecretUntil?: string | null;
};

export function OAuthAppsPage() {
  const list = useList('/v1/oauth-apps');
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [rotating, setRotating] = useState<OAuthApp | null>(null);
  const [deleting, setDeleting] = useState<OAuthApp | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: Column<OAuthApp>[] = [
    {
      header: 'Name and client ID',
      cell: (a) => (
        <>
          <span className="strong">{a.name}</span>
          <code className="subtext">{a.client_id}</code>
        </>
      ),
    },
    { header: 'Allowed scopes', cell: (a) => <ScopeList scopes={a.scopes} /> },
    { header: 'Token lifetime', cell: (a) => formatDuration(a.token_ttl_seconds) },
    {
      header: 'Client secrets',
      cell: (a) => (
        <ul className="secret-list">
          {a.secrets.map((s) => (
            <li key={s.id}>
              <code className="hint">{s.hint}</code>{' '}
              {s.expires_at ? (
                <Badge tone="warning">
                  <time dateTime={s.expires_at} title={formatDateTime(s.expires_at)}>
                    {Date.parse(s.expires_at) > Date.now()
                      ? `expires ${formatRelative(s.expires_at)}`
                      : 'expired'}
                  </time>
                </Badge>
              ) : (
                <Badge tone="success">Current</Badge>
              )}
            </li>
          ))}
        </ul>
      ),
    },
    {
      header: 'Created',
      cell: (a) => (
        <time dateTime={a.created_at} title={formatDateTime(a.created_at)}>
          {formatDate(a.created_at)}
        </time>
      ),
    },
    {
      header: 'Actions',
      actions: true,
      cell: (a) => (
        <div className="row-actions">
          <button
            type="button"
            className="button ghost small"
            onClick={() => setRotating(a)}
            aria-label={`Rotate secret of ${a.name}`}
          >
            Rotate secret
          </button>
          <button
            type="button"
            className="button ghost-danger small"
            onClick={() => setDeleting(a)}
            aria-label={`Delete ${a.name}`}
          >
            Delete
          </button>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="OAuth Apps"
        action={
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            Create App
          </button>
        }
      >
        Apps get access tokens with the OAuth 2.0 client credentials flow: <code>POST /oauth/token</code> with
        their <code>client_id</code> and <code>client_secret</code>, for the scopes they are allowed.
      </PageHeader>
      {notice && <Alert tone="success">{notice}</Alert>}
      <DataTable
        list={list}
        columns={columns}
        caption="OAuth apps"
        empty={
          <>
            <p className="strong">No OAuth apps yet</p>
            <p className="muted">
              Create an app for a third-party integration that should hold tokens limited by scopes.
            </p>
          </>
        }
      />
      {creating && (
        <CreateAppDialog
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setNotice(null);
            setRevealed(r);
            void list.reload();
          }}
        />
      )}
      {rotating && (
        <RotateSecretDialog
          app={rotating}
          onClose={() => setRotating(null)}
          onRotated={(r) => {
            setRotating(null);
            setNotice(null);
            setRevealed(r);
            void list.reload();
          }}
        />
      )}
      {deleting && (
        <DeleteAppDialog
          app={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setNotice(`“${deleting.name}” is deleted; its secrets and tokens no longer work.`);
            setDeleting(null);
            void list.reload();
          }}
        />
      )}
      {revealed && <CredentialsDialog {...revealed} onClose={() => setRevealed(null)} />}
    </>
  );
}

function CreateAppDialog({ onClose, onCreated }: { onClose(): void; onCreated(r: Revealed): void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['pipeline:read']);
  const [ttl, setTtl] = useState<number | null>(3600);
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useApiAction();

  const problems = {
    name: name.trim() === '' ? 'Give the app a name.' : undefined,
    scopes: scopes.length === 0 ? 'Choose at least one scope the app may request.' : undefined,
    ttl: ttl === null || ttl < 60 || ttl > 86_400 ? 'Between 1 minute and 24 hours.' : undefined,
  };
  const shown: Partial<typeof problems> = touched ? problems : {};

  const submit = async () => {
    setTouched(true);
    if (problems.name || problems.scopes || problems.ttl || ttl === null) {
      return;
    }
    await run(
      () =>
        api.POST('/v1/oauth-apps', {
          body: { name: name.trim(), scopes, token_ttl_seconds: ttl },
        }),
      (data) => {
        onCreated({ name: data.name, clientId: data.client_id, clientSecret: data.client_secret });
      },
    );
  };

  return (
    <Dialog
      title="Create OAuth App"
      description="The client secret will be shown once, right after the app is created."
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create app'}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} title="The app was not created" />
      <NameField
        id={id}
        value={name}
        placeholder="e.g. Zapier integration"
        error={shown.name}
        onChange={setName}
      />
      <ScopePicker
        legend="Allowed scopes"
        hint="The scopes the app may request in a token. A token request without scope gets all of them."
        value={scopes}
        onChange={setScopes}
        error={shown.scopes}
        dangerNote="admin:all lets this app's tokens do anything, including managing API keys and OAuth apps. Use with caution."
      />
      <DurationInput
        label="Access token lifetime"
        hint="From 1 minute to 24 hours. Default: 1 hour."
        initial={{ amount: 1, unit: 'hours' }}
        units={['minutes', 'hours']}
        onChange={setTtl}
        error={shown.ttl}
      />
    </Dialog>
  );
}

function CredentialsDialog({
  name,
  clientId,
  clientSecret,
  oldSecretUntil,
  onClose,
}: Revealed & { onClose(): void }) {
  const rotated = oldSecretUntil !== undefined;
  return (
    <Dialog
      title={rotated ? 'New client secret' : 'Your new OAuth app'}
      description={
        rotated
          ? oldSecretUntil
            ? `The previous secret of “${name}” keeps working until ${formatDateTime(oldSecretUntil)}. Switch your clients to this one before then.`
            : `The previous secret of “${name}” has stopped working. Switch your clients to this one.`
          : `“${name}” is registered. Use these credentials at POST /oauth/token.`
      }
      onClose={onClose}
      dismissible={false}
      role="alertdialog"
      size="wide"
      footer={
        <button type="button" className="button primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <Alert tone="warning">The client secret: {STORE_WARNING}</Alert>
      <CopyField label="Client ID" value={clientId} />
      <CopyField label="Client secret" value={clientSecret} secret />
    </Dialog>
  );
}

function RotateSecretDialog({
  app,
  onClose,
  onRotated,
}: {
  app: OAuthApp;
  onClose(): void;
  onRotated(r: Revealed): void;
}) {
  const [grace, setGrace] = useState<number | null>(86_400);
  const { busy, error, run } = useApiAction();
  const invalid = grace === null || grace > MAX_GRACE ? 'Enter a whole number, up to 30 days.' : undefined;
  const rotate = async () => {
    if (invalid || grace === null) {
      return;
    }
    await run(
      () =>
        api.POST('/v1/oauth-apps/{id}/secrets', {
          params: { path: { id: app.id } },
          body: { grace_period_seconds: grace },
        }),
      (data) => {
        const previous = data.app.secrets.filter((s) => s.id !== data.secret.id && s.expires_at);
        const until =
          previous
            .map((s) => s.expires_at!)
            .sort()
            .pop() ?? null;
        onRotated({
          name: data.app.name,
          clientId: data.client_id,
          clientSecret: data.client_secret,
          oldSecretUntil: until,
        });
      },
    );
  };
  return (
    <Dialog
      title={`Rotate the secret of “${app.name}”`}
      description="A new client secret is created. The current one keeps working for the grace period, so clients can switch with no downtime."
      onClose={onClose}
      onSubmit={rotate}
      footer={
        <>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || Boolean(invalid)}>
            {busy ? 'Rotating…' : 'Rotate secret'}
          </button>
        </>
      }
    >
      {app.secrets.length > 1 && (
        <Alert tone="warning">
          This app already holds two secrets: the older one, still in its grace period, stops working at once.
        </Alert>
      )}
      <ErrorAlert error={error} title="The secret was not rotated" />
      <DurationInput
        label="Keep the current secret working for"
        hint={`0 ends it at once; at most 30 days. Now: ${grace === null ? '—' : formatDuration(grace)}.`}
        initial={{ amount: 24, unit: 'hours' }}
        onChange={setGrace}
        error={invalid}
      />
    </Dialog>
  );
}

function DeleteAppDialog({ app, onClose, onDeleted }: { app: OAuthApp; onClose(): void; onDeleted(): void }) {
  return (
    <ConfirmDialog
      title={`Delete “${app.name}”?`}
      description="Its client secrets stop working and every access token it was issued is revoked. This cannot be undone."
      action="Delete app"
      busyAction="Deleting…"
      failureTitle="The app was not deleted"
      call={() => api.DELETE('/v1/oauth-apps/{id}', { params: { path: { id: app.id } } })}
      onDone={onDeleted}
      onClose={onClose}
    >
      <dl className="facts">
        <dt>Client ID</dt>
        <dd>
          <code className="hint">{app.client_id}</code>
        </dd>
      </dl>
    </ConfirmDialog>
  );
}
