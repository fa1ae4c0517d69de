import type { components } from '@neuracraft/client';
import type { Scope } from '@neuracraft/types';
import { useId, useState } from 'react';
import { api } from '../api/client';
import { Alert, ErrorAlert } from '../components/alert';
import { Badge, type Tone } from '../components/badge';
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

type ApiKey = components['schemas']['ApiKey'];
type ApiKeyCreated = components['schemas']['ApiKeyCreated'];

/** The seed's words, said wherever a secret is shown. */
export const STORE_WARNING = 'Store this securely—it won’t be shown again.';

/** Every scope but `admin:all`, as the server gives a key when none is asked for. */
const DEFAULT_SCOPES: Scope[] = ['pipeline:read', 'pipeline:write', 'workflow:execute', 'plugin:manage'];
const MAX_GRACE = 30 * 86_400;

const STATUS: Record<ApiKey['status'], [Tone, string]> = {
  active: ['success', 'Active'],
  revoked: ['neutral', 'Revoked'],
  expired: ['warning', 'Expired'],
};

/** A key shown once: just created, or the new key of a rotation. */
type Revealed = { created: ApiKeyCreated; rotated?: { oldName: string; until: string | null } };

export function ApiKeysPage() {
  const list = useList('/v1/api-keys');
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: Column<ApiKey>[] = [
    {
      header: 'Name',
      cell: (k) => <span className="strong">{k.name}</span>,
    },
    { header: 'Key', cell: (k) => <code className="hint">{k.hint}</code> },
    { header: 'Scopes', cell: (k) => <ScopeList scopes={k.scopes} /> },
    {
      header: 'Created',
      cell: (k) => (
        <time dateTime={k.created_at} title={formatDateTime(k.created_at)}>
          {formatDate(k.created_at)}
        </time>
      ),
    },
    {
      header: 'Last used',
      cell: (k) =>
        k.last_used_at ? (
          <time dateTime={k.last_used_at} title={formatDateTime(k.last_used_at)}>
            {formatRelative(k.last_used_at)}
          </time>
        ) : (
          <span className="muted">Never</span>
        ),
    },
    {
      header: 'Expires',
      cell: (k) =>
        k.expires_at ? (
          <time dateTime={k.expires_at} title={formatDateTime(k.expires_at)}>
            {k.status === 'active' ? formatRelative(k.expires_at) : formatDate(k.expires_at)}
          </time>
        ) : (
          <span className="muted">Never</span>
        ),
    },
    {
      header: 'Status',
      cell: (k) => {
        const [tone, label] = STATUS[k.status];
        return <Badge tone={tone}>{label}</Badge>;
      },
    },
    {
      header: 'Actions',
      actions: true,
      cell: (k) =>
        k.status === 'active' ? (
          <div className="row-actions">
            <button
              type="button"
              className="button ghost small"
              onClick={() => setRotating(k)}
              aria-label={`Rotate ${k.name}`}
            >
              Rotate
            </button>
            <button
              type="button"
              className="button ghost-danger small"
              onClick={() => setRevoking(k)}
              aria-label={`Revoke ${k.name}`}
            >
              Revoke
            </button>
          </div>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="API Keys"
        action={
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            Generate New Key
          </button>
        }
      >
        Keys authenticate server-to-server calls and scripts: send one in the <code>X-API-Key</code> header. A
        key is shown once, when it is generated; the list only keeps a hint of it.
      </PageHeader>
      {notice && <Alert tone="success">{notice}</Alert>}
      <DataTable
        list={list}
        columns={columns}
        caption="API keys"
        empty={
          <>
            <p className="strong">No API keys yet</p>
            <p className="muted">Generate a key to call the NeuraCraft API from a script or a server.</p>
          </>
        }
      />
      {creating && (
        <GenerateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setNotice(null);
            setRevealed({ created: key });
            void list.reload();
          }}
        />
      )}
      {rotating && (
        <RotateKeyDialog
          apiKey={rotating}
          onClose={() => setRotating(null)}
          onRotated={(key, until) => {
            setRotating(null);
            setNotice(null);
            setRevealed({ created: key, rotated: { oldName: rotating.name, until } });
            void list.reload();
          }}
        />
      )}
      {revoking && (
        <RevokeKeyDialog
          apiKey={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setNotice(`“${revoking.name}” (${revoking.hint}) is revoked. Requests with it are now refused.`);
            setRevoking(null);
            void list.reload();
          }}
        />
      )}
      {revealed && <KeyRevealedDialog {...revealed} onClose={() => setRevealed(null)} />}
    </>
  );
}

const EXPIRY_CHOICES = [
  ['never', 'Never'],
  ['7', '7 days'],
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', '1 year'],
  ['custom', 'On a date…'],
] as const;
type Expiry = (typeof EXPIRY_CHOICES)[number][0];

/** `expires_at` for a choice: the end of a number of days from now, or the end of a chosen day (local time). */
function expiresAt(choice: Expiry, date: string): string | null | 'invalid' {
  if (choice === 'never') {
    return null;
  }
  if (choice === 'custom') {
    const end = new Date(`${date}T23:59:59`);
    return Number.isNaN(end.getTime()) || end.getTime() <= Date.now() ? 'invalid' : end.toISOString();
  }
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}

function GenerateKeyDialog({ onClose, onCreated }: { onClose(): void; onCreated(key: ApiKeyCreated): void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(DEFAULT_SCOPES);
  const [expiry, setExpiry] = useState<Expiry>('never');
  const [date, setDate] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useApiAction();

  const until = expiresAt(expiry, date);
  const problems = {
    name: name.trim() === '' ? 'Give the key a name, so you know later what uses it.' : undefined,
    scopes: scopes.length === 0 ? 'Choose at least one scope.' : undefined,
    expiry: until === 'invalid' ? 'Choose a date after today.' : undefined,
  };
  const shown: Partial<typeof problems> = touched ? problems : {};

  const submit = async () => {
    setTouched(true);
    if (problems.name || problems.scopes || problems.expiry || until === 'invalid') {
      return;
    }
    await run(
      () =>
        api.POST('/v1/api-keys', {
          body: { name: name.trim(), scopes, expires_at: until },
        }),
      (data) => {
        onCreated(data);
      },
    );
  };

  const today = new Date();
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  const min = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;

  return (
    <Dialog
      title="Generate New Key"
      description="The key will be shown once, right after it is generated."
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Generating…' : 'Generate key'}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} title="The key was not generated" />
      <NameField id={id} value={name} placeholder="e.g. CI deploy" error={shown.name} onChange={setName} />
      <ScopePicker
        legend="Scopes"
        hint="What the key may do. Give it no more than it needs."
        value={scopes}
        onChange={setScopes}
        error={shown.scopes}
        dangerNote="admin:all gives this key full system access, including creating and revoking other keys and OAuth apps. Use with caution."
      />
      <div className="field">
        <label htmlFor={`${id}-expiry`}>Expiration</label>
        <div className="inline-fields">
          <select
            id={`${id}-expiry`}
            value={expiry}
            onChange={(event) => setExpiry(event.currentTarget.value as Expiry)}
          >
            {EXPIRY_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {expiry === 'custom' && (
            <input
              type="date"
              aria-label="Expiration date"
              min={min}
              value={date}
              onChange={(event) => setDate(event.currentTarget.value)}
              aria-invalid={shown.expiry ? true : undefined}
              aria-describedby={shown.expiry ? `${id}-expiry-error` : undefined}
            />
          )}
        </div>
        {until && until !== 'invalid' && <p className="field-hint">Stops working {formatDateTime(until)}.</p>}
        {shown.expiry && (
          <p id={`${id}-expiry-error`} className="field-error">
            {shown.expiry}
          </p>
        )}
      </div>
    </Dialog>
  );
}

function KeyRevealedDialog({ created: key, rotated, onClose }: Revealed & { onClose(): void }) {
  return (
    <Dialog
      title={rotated ? 'Key rotated' : 'Your new API key'}
      description={
        rotated
          ? rotated.until
            ? `The old key of “${rotated.oldName}” keeps working until ${formatDateTime(rotated.until)}. Put this one in its place before then.`
            : `The old key of “${rotated.oldName}” has stopped working. Put this one in its place.`
          : `“${key.name}” is ready. Send it in the X-API-Key header.`
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
      <Alert tone="warning">{STORE_WARNING}</Alert>
      <CopyField label="API key" value={key.key} secret />
      <dl className="facts">
        <dt>Scopes</dt>
        <dd>
          <ScopeList scopes={key.scopes} />
        </dd>
        <dt>Expires</dt>
        <dd>{formatDateTime(key.expires_at, 'Never')}</dd>
      </dl>
    </Dialog>
  );
}

function RevokeKeyDialog({
  apiKey,
  onClose,
  onRevoked,
}: {
  apiKey: ApiKey;
  onClose(): void;
  onRevoked(): void;
}) {
  return (
    <ConfirmDialog
      title={`Revoke “${apiKey.name}”?`}
      description="Every request made with this key will be refused at once (401 invalid_api_key). This cannot be undone."
      action="Revoke key"
      busyAction="Revoking…"
      failureTitle="The key was not revoked"
      call={() => api.DELETE('/v1/api-keys/{id}', { params: { path: { id: apiKey.id } } })}
      onDone={onRevoked}
      onClose={onClose}
    >
      <dl className="facts">
        <dt>Key</dt>
        <dd>
          <code className="hint">{apiKey.hint}</code>
        </dd>
        <dt>Last used</dt>
        <dd>{apiKey.last_used_at ? formatRelative(apiKey.last_used_at) : 'Never'}</dd>
      </dl>
    </ConfirmDialog>
  );
}

function RotateKeyDialog({
  apiKey,
  onClose,
  onRotated,
}: {
  apiKey: ApiKey;
  onClose(): void;
  onRotated(key: ApiKeyCreated, until: string | null): void;
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
        api.POST('/v1/api-keys/{id}/rotate', {
          params: { path: { id: apiKey.id } },
          body: { grace_period_seconds: grace },
        }),
      (data) => {
        onRotated(data, grace === 0 ? null : new Date(Date.now() + grace * 1000).toISOString());
      },
    );
  };
  return (
    <Dialog
      title={`Rotate “${apiKey.name}”`}
      description="A new key with the same name, scopes and expiry is generated. The old key keeps working for the grace period, so you can switch without downtime."
      onClose={onClose}
      onSubmit={rotate}
      footer={
        <>
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || Boolean(invalid)}>
            {busy ? 'Rotating…' : 'Rotate key'}
          </button>
        </>
      }
    >
      <ErrorAlert error={error} title="The key was not rotated" />
      <DurationInput
        label="Keep the old key working for"
        hint={`0 ends it at once; at most 30 days. Now: ${grace === null ? '—' : formatDuration(grace)}.`}
        initial={{ amount: 24, unit: 'hours' }}
        onChange={setGrace}
        error={invalid}
      />
    </Dialog>
  );
}
