import { generateApiKey } from '@neuracraft/auth-core';
import { OPERATIONS, type Scope } from '@neuracraft/types';
import { SetupError, type SuiteContext } from './context.js';
import type { Endpoints } from './discovery.js';
import type { HttpRequest } from './http/client.js';
import { isObject, operationSpec, propertiesOf } from './spec/document.js';
import { fillPath } from './spec/resources.js';
import { ADMIN_SCOPE, alternativesOf, apiKeyHeader } from './spec/security.js';

/**
 * The operations the suite itself calls, with the admin key, to make the credentials its cases
 * need and to remove them at the end. Typed against the operation table: renaming one in the spec
 * breaks the build here, not a run.
 */
const MANAGEMENT = {
  createApiKey: OPERATIONS.createApiKey,
  revokeApiKey: OPERATIONS.revokeApiKey,
  createOAuthApp: OPERATIONS.createOAuthApp,
  deleteOAuthApp: OPERATIONS.deleteOAuthApp,
} as const;

/** An OAuth app the suite registered. */
export interface ClientApp {
  readonly id: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly Scope[];
  readonly ttlSeconds: number;
}

/** An access token and what the suite knows of it. */
export interface IssuedToken {
  readonly token: string;
  readonly app: ClientApp;
  /** `exp` (seconds since the epoch, server clock). */
  readonly exp: number;
}

const key = (scopes: readonly string[]) => [...scopes].sort().join(' ') || '(none)';

/** Decodes the payload of a JWT without verifying it. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return isObject(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The smallest `token_ttl_seconds` the spec lets an app have: how long an expiring token lives. */
function minimumTtl(): number {
  const body = operationSpec(MANAGEMENT.createOAuthApp.operationId).body;
  const ttl = body
    ? propertiesOf(body.schema).find(([name]) => name === 'token_ttl_seconds')?.[1]
    : undefined;
  return typeof ttl?.minimum === 'number' ? ttl.minimum : 60;
}

/**
 * Makes the credentials the cases need — API keys and access tokens holding given scopes, revoked
 * and expired ones — with the admin key, once each, and removes them all at the end.
 */
export class Credentials {
  private readonly keys = new Map<string, Promise<{ id: string; key: string }>>();
  private readonly apps = new Map<string, Promise<ClientApp>>();
  private readonly tokens = new Map<string, Promise<IssuedToken>>();
  private readonly special = new Map<string, Promise<unknown>>();
  private readonly madeKeys: string[] = [];
  private readonly madeApps: string[] = [];
  private readonly madeTokens: IssuedToken[] = [];

  constructor(
    private readonly ctx: SuiteContext,
    readonly endpoints: Endpoints,
  ) {}

  private once<T>(name: string, make: () => Promise<T>): Promise<T> {
    let p = this.special.get(name) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.special.set(name, p);
    }
    return p;
  }

  /** Creates an API key (never cached). */
  async newApiKey(
    scopes: readonly Scope[],
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; key: string }> {
    const op = MANAGEMENT.createApiKey;
    const { response } = await this.ctx.must(
      {
        method: op.method,
        path: op.path,
        headers: this.ctx.adminHeaders(),
        body: { type: 'json', value: { name: `contract-tests ${key(scopes)}`, scopes, ...extra } },
      },
      [201],
      `create an API key with ${key(scopes)}`,
    );
    const made = response.json as { id: string; key: string };
    this.madeKeys.push(made.id);
    return made;
  }

  /** An API key holding exactly `scopes`. */
  apiKey(scopes: readonly Scope[]): Promise<string> {
    let p = this.keys.get(key(scopes));
    if (!p) {
      p = this.newApiKey(scopes);
      this.keys.set(key(scopes), p);
    }
    return p.then((k) => k.key);
  }

  /** Registers an OAuth app (never cached). */
  async newApp(scopes: readonly Scope[], ttlSeconds?: number): Promise<ClientApp> {
    const op = MANAGEMENT.createOAuthApp;
    const { response } = await this.ctx.must(
      {
        method: op.method,
        path: op.path,
        headers: this.ctx.adminHeaders(),
        body: {
          type: 'json',
          value: {
            name: `contract-tests ${key(scopes)}`,
            scopes,
            ...(ttlSeconds !== undefined && { token_ttl_seconds: ttlSeconds }),
          },
        },
      },
      [201],
      `register an OAuth app with ${key(scopes)}`,
    );
    const made = response.json as {
      id: string;
      client_id: string;
      client_secret: string;
      token_ttl_seconds: number;
    };
    this.madeApps.push(made.id);
    return {
      id: made.id,
      clientId: made.client_id,
      clientSecret: made.client_secret,
      scopes,
      ttlSeconds: made.token_ttl_seconds,
    };
  }

  /** An OAuth app that may request exactly `scopes`. */
  app(scopes: readonly Scope[]): Promise<ClientApp> {
    let p = this.apps.get(key(scopes));
    if (!p) {
      p = this.newApp(scopes);
      this.apps.set(key(scopes), p);
    }
    return p;
  }

  /** The token request of `app` (`client_secret_post`), as the suite sends it. */
  tokenRequest(app: ClientApp, scope?: string): HttpRequest {
    const op = this.endpoints.token;
    if (!op) {
      throw new SetupError('the spec names no token endpoint (OAuth 2.0 tokenUrl)');
    }
    return {
      method: op.method,
      path: op.path,
      body: {
        type: 'form',
        value: {
          grant_type: 'client_credentials',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          ...(scope !== undefined && { scope }),
        },
      },
    };
  }

  /** Gets a new access token for `app` (never cached). */
  async newToken(app: ClientApp, scopes: readonly Scope[] = app.scopes): Promise<IssuedToken> {
    const { response } = await this.ctx.must(
      this.tokenRequest(app, scopes.join(' ')),
      [200],
      `get an access token with ${key(scopes)}`,
    );
    const token = String((response.json as { access_token?: unknown }).access_token);
    const exp = Number(jwtPayload(token)?.exp ?? Math.floor(this.ctx.serverNow() / 1000) + app.ttlSeconds);
    const issued = { token, app, exp };
    this.madeTokens.push(issued);
    return issued;
  }

  /** An access token holding exactly `scopes`. */
  token(scopes: readonly Scope[]): Promise<string> {
    let p = this.tokens.get(key(scopes));
    if (!p) {
      p = this.app(scopes).then((app) => this.newToken(app));
      this.tokens.set(key(scopes), p);
    }
    return p.then((t) => t.token);
  }

  /** Uses a credential once on a GET the admin scope allows, so a verifier has it cached. */
  private async warm(headers: Record<string, string>, kind: 'apiKey' | 'bearer'): Promise<void> {
    const probe = Object.values(OPERATIONS)
      .map((o) => operationSpec(o.operationId))
      .find(
        (o) => o.method === 'get' && !o.path.includes('{') && alternativesOf(o).some((a) => a.kind === kind),
      );
    if (probe) {
      await this.ctx.must(
        { method: 'GET', path: probe.path, headers },
        probe.successes,
        'use a fresh credential',
      );
    }
  }

  /** An admin API key that was used once, then revoked. */
  revokedKey(): Promise<string> {
    return this.once('revoked key', async () => {
      const made = await this.newApiKey([ADMIN_SCOPE]);
      await this.warm({ [apiKeyHeader()]: made.key }, 'apiKey');
      const op = MANAGEMENT.revokeApiKey;
      await this.ctx.must(
        { method: op.method, path: fillPath(op.path, { id: made.id }), headers: this.ctx.adminHeaders() },
        [204, 200],
        'revoke an API key',
      );
      return made.key;
    });
  }

  /** An admin API key that expires a few seconds after it is made; `expiresAt` on the server's clock. */
  expiringKey(): Promise<{ key: string; expiresAt: number }> {
    return this.once('expiring key', async () => {
      const expiresAt = Math.ceil(this.ctx.serverNow() / 1000 + 3) * 1000;
      const made = await this.newApiKey([ADMIN_SCOPE], {
        expires_at: `${new Date(expiresAt).toISOString().slice(0, 19)}Z`,
      });
      await this.warm({ [apiKeyHeader()]: made.key }, 'apiKey');
      return { key: made.key, expiresAt };
    });
  }

  /** Revokes a token through the RFC 7009 endpoint with its app's credentials. */
  async revokeToken(issued: IssuedToken): Promise<void> {
    const op = this.endpoints.revocation;
    if (!op) {
      throw new SetupError(
        'the server publishes no revocation_endpoint (RFC 8414), or the spec has no such path',
      );
    }
    await this.ctx.must(
      {
        method: op.method,
        path: op.path,
        body: {
          type: 'form',
          value: {
            token: issued.token,
            client_id: issued.app.clientId,
            client_secret: issued.app.clientSecret,
          },
        },
      },
      [200],
      'revoke an access token',
    );
  }

  /** An admin access token that was used once, then revoked (RFC 7009). */
  revokedToken(): Promise<string> {
    return this.once('revoked token', async () => {
      const issued = await this.newToken(await this.app([ADMIN_SCOPE]));
      await this.warm({ authorization: `Bearer ${issued.token}` }, 'bearer');
      await this.revokeToken(issued);
      return issued.token;
    });
  }

  /** An admin access token of the shortest lifetime the spec allows, used once (so it is cached). */
  expiringToken(): Promise<IssuedToken> {
    return this.once('expiring token', async () => {
      const issued = await this.newToken(await this.newApp([ADMIN_SCOPE], minimumTtl()));
      await this.warm({ authorization: `Bearer ${issued.token}` }, 'bearer');
      return issued;
    });
  }

  /**
   * A client and a token of their own for generated requests to the OAuth endpoints: fuzzing the
   * revocation endpoint revokes that token, so it is shared with nothing else.
   */
  bindingClient(): Promise<IssuedToken> {
    return this.once('binding client', async () => this.newToken(await this.newApp(['pipeline:read'])));
  }

  /** A well-formed API key, with a valid checksum, that the server never issued. */
  unknownKey = (): string => generateApiKey();

  /** Removes every key, token and app the suite made; answers what could not be removed. */
  async cleanup(): Promise<string[]> {
    const problems: string[] = [];
    const attempt = async (request: HttpRequest, ok: readonly number[], what: string) => {
      try {
        const { response } = await this.ctx.http.send(request);
        if (!ok.includes(response.status)) {
          problems.push(`${what}: ${request.method.toUpperCase()} ${request.path} → ${response.status}`);
        }
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    const revocation = this.endpoints.revocation;
    if (revocation) {
      for (const issued of this.madeTokens) {
        await attempt(
          {
            method: revocation.method,
            path: revocation.path,
            body: {
              type: 'form',
              value: {
                token: issued.token,
                client_id: issued.app.clientId,
                client_secret: issued.app.clientSecret,
              },
            },
          },
          [200],
          'revoke a token',
        );
      }
    }
    for (const id of this.madeKeys) {
      const op = MANAGEMENT.revokeApiKey;
      await attempt(
        { method: op.method, path: fillPath(op.path, { id }), headers: this.ctx.adminHeaders() },
        [200, 204],
        `revoke API key ${id}`,
      );
    }
    for (const id of this.madeApps) {
      const op = MANAGEMENT.deleteOAuthApp;
      await attempt(
        { method: op.method, path: fillPath(op.path, { id }), headers: this.ctx.adminHeaders() },
        [200, 204, 404],
        `delete OAuth app ${id}`,
      );
    }
    return problems;
  }
}
