import { createInterface } from 'node:readline';
import { parseScope } from '@neuracraft/auth-core';
import type { Scope } from '@neuracraft/types';
import { parseDuration } from '../config.js';
import type { Deps } from '../context.js';
import { DEFAULT_KEY_SCOPES } from '../handlers/api-keys.js';
import { newId } from '../ids.js';
import { hashPassword } from '../services/passwords.js';
import type { AuditEntry } from '../store/audit.js';
import { toApiKey, toOAuthApp } from '../store/credentials.js';

/** A mistake in how the CLI was called, or a refusal: printed as one line, exit status 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export interface CliOptions {
  name?: string;
  scopes?: string;
  'expires-in'?: string;
  'token-ttl'?: string;
  org?: string;
  email?: string;
  json?: boolean;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') {
    throw new CliError(`${flag} is required`);
  }
  return value.trim();
}

function scopesFrom(text: string | undefined, fallback: readonly Scope[] | null): readonly Scope[] {
  if (text === undefined) {
    if (fallback === null) {
      throw new CliError('--scopes is required, e.g. --scopes "pipeline:read workflow:execute"');
    }
    return fallback;
  }
  const parsed = parseScope(text.trim());
  if (!parsed.ok) {
    throw new CliError(`--scopes: ${parsed.error.description}`);
  }
  return parsed.value;
}

async function orgOf(deps: Deps, id: string | undefined) {
  if (id === undefined) {
    return deps.store.orgs.default();
  }
  const org = await deps.store.orgs.get(id);
  if (!org) {
    throw new CliError(`no org ${id}; see "neuracraft orgs list"`);
  }
  return org;
}

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write('Password: ');
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line = await new Promise<string>((done) => {
    rl.once('line', done);
    rl.once('close', () => done(''));
  });
  rl.close();
  if (process.stdin.isTTY) {
    process.stderr.write('\n');
  }
  return line;
}

/** Records what the CLI did, as the API records what a credential did. */
const audited = (
  deps: Deps,
  orgId: string,
  action: AuditEntry['action'],
  targetType: NonNullable<AuditEntry['target_type']>,
  targetId: string,
) =>
  deps.store.audit.record({
    org_id: orgId,
    action,
    outcome: 'success',
    actor_type: 'cli',
    actor_id: 'cli',
    target_type: targetType,
    target_id: targetId,
    request_id: newId('request'),
    ip: null,
  });

/** Runs one CLI command on the store the server uses; output is JSON with --json, short lines otherwise. */
export async function runCommand(deps: Deps, words: string[], options: CliOptions): Promise<void> {
  const { store } = deps;
  const [noun, verb, arg] = words;
  switch (`${noun} ${verb ?? ''}`.trim()) {
    case 'migrate':
      console.log(`schema is up to date (${store.location})`);
      return;
    case 'orgs create': {
      const org = await store.orgs.create(required(options.name, '--name'));
      options.json ? print(org) : console.log(`${org.id}\t${org.name}`);
      return;
    }
    case 'orgs list': {
      const orgs = await store.orgs.list();
      options.json ? print(orgs) : console.log(orgs.map((o) => `${o.id}\t${o.name}`).join('\n'));
      return;
    }
    case 'keys create': {
      const org = await orgOf(deps, options.org);
      const name = required(options.name, '--name');
      if (name.length > 200) {
        throw new CliError('--name must be at most 200 characters');
      }
      const scopes = scopesFrom(options.scopes, DEFAULT_KEY_SCOPES);
      const ms = options['expires-in'] === undefined ? null : parseDuration(options['expires-in']);
      const expiresAt = ms === null ? null : new Date(Date.now() + ms).toISOString();
      const { row, key } = await deps.apiKeys.create(org.id, { name, scopes, expiresAt });
      await audited(deps, org.id, 'api_key.created', 'api_key', row.id);
      if (options.json) {
        print({
          id: row.id,
          key,
          name: row.name,
          scopes: [...scopes],
          expires_at: row.expires_at,
          org_id: org.id,
        });
      } else {
        console.log(`Created API key ${row.id} (${row.name}) with scopes: ${scopes.join(' ')}`);
        console.log(`\n  ${key}\n\nStore it securely: it won't be shown again.`);
      }
      return;
    }
    case 'keys list': {
      const org = await orgOf(deps, options.org);
      const page = await store.apiKeys.list(org.id, { limit: 100, cursor: null });
      options.json
        ? print(page.data)
        : console.log(
            page.data
              .map((k) => `${k.id}\t${k.hint}\t${k.status}\t${k.scopes.join(' ')}\t${k.name}`)
              .join('\n'),
          );
      return;
    }
    case 'keys revoke': {
      const org = await orgOf(deps, options.org);
      const id = required(arg, 'the key id');
      const row = await deps.apiKeys.revoke(org.id, id);
      if (!row) {
        throw new CliError(`no API key ${id} in org ${org.id}`);
      }
      await audited(deps, org.id, 'api_key.revoked', 'api_key', id);
      options.json ? print(toApiKey(row)) : console.log(`Revoked ${id}`);
      return;
    }
    case 'apps create': {
      const org = await orgOf(deps, options.org);
      const name = required(options.name, '--name');
      const scopes = scopesFrom(options.scopes, null);
      const ttl =
        options['token-ttl'] === undefined ? deps.config.tokenTtlSeconds : Number(options['token-ttl']);
      if (!Number.isInteger(ttl) || ttl < 60 || ttl > 86_400) {
        throw new CliError('--token-ttl must be a whole number of seconds from 60 to 86400');
      }
      const { record, secret } = await deps.apps.create(org.id, { name, scopes, tokenTtlSeconds: ttl });
      const app = toOAuthApp(record);
      await audited(deps, org.id, 'oauth_app.created', 'oauth_app', app.id);
      if (options.json) {
        print({ ...app, client_secret: secret, org_id: org.id });
      } else {
        console.log(`Registered OAuth app ${app.name}`);
        console.log(
          `\n  client_id:     ${app.client_id}\n  client_secret: ${secret}\n\nStore the secret securely: it won't be shown again.`,
        );
      }
      return;
    }
    case 'apps list': {
      const org = await orgOf(deps, options.org);
      const page = await store.oauthApps.list(org.id, { limit: 100, cursor: null });
      options.json
        ? print(page.data)
        : console.log(page.data.map((a) => `${a.client_id}\t${a.scopes.join(' ')}\t${a.name}`).join('\n'));
      return;
    }
    case 'apps delete': {
      const org = await orgOf(deps, options.org);
      const id = required(arg, 'the app id');
      if (!(await store.oauthApps.delete(org.id, id))) {
        throw new CliError(`no OAuth app ${id} in org ${org.id}`);
      }
      await deps.tokens.revokeClient(id);
      await deps.apps.changed(id);
      await audited(deps, org.id, 'oauth_app.deleted', 'oauth_app', id);
      console.log(`Deleted ${id}`);
      return;
    }
    case 'users create': {
      const org = await orgOf(deps, options.org);
      const email = required(options.email, '--email').toLowerCase();
      if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254) {
        throw new CliError(`--email ${JSON.stringify(email)} is not an email address`);
      }
      if (await store.users.byEmail(email)) {
        throw new CliError(`a user with email ${email} exists already`);
      }
      const password = await readPassword();
      if (password.length < 12 || password.length > 1024) {
        throw new CliError('the password must be 12 to 1024 characters long');
      }
      const user = {
        id: newId('user'),
        org_id: org.id,
        email,
        password_hash: await hashPassword(password),
        created_at: new Date().toISOString(),
      };
      await store.users.create(user);
      options.json
        ? print({ id: user.id, email, org_id: org.id })
        : console.log(`Created user ${email} (${user.id}) in org ${org.id}`);
      return;
    }
    case 'signing-keys rotate': {
      const kid = await deps.tokens.rotate();
      options.json
        ? print({ kid })
        : console.log(`New signing key ${kid}; the previous key still verifies tokens it signed.`);
      return;
    }
    default:
      throw new CliError(`unknown command "${words.join(' ')}"; see "neuracraft --help"`);
  }
}
