import {
  type AccessTokenClaims,
  createKeySet,
  createTokenVerifier,
  exportSigningKey,
  generateSigningKey,
  type IssuedAccessToken,
  importSigningKey,
  issueAccessToken,
  type Jwks,
  type KeySet,
  type OAuthClientRecord,
  type SigningAlgorithm,
  type TokenVerifier,
} from '@neuracraft/auth-core';
import type { Scope } from '@neuracraft/types';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { type ServerKeys, seal, unseal } from '../secrets.js';
import type { Store } from '../store/index.js';
import type { RevocationBus } from './bus.js';

/** Keys kept live: the one that signs and the one before it, which still verifies its tokens. */
const LIVE_KEYS = 2;
/** The longest lifetime a token can have (`token_ttl_seconds` ≤ 86400). */
const MAX_TOKEN_TTL_SECONDS = 86_400;
/** How often a server looks for keys rotated, and tokens revoked, by another process (the CLI, another instance). */
const RELOAD_MS = 30_000;

/** Access tokens: signing keys, issuance, verification and revocation. */
export interface Tokens {
  readonly verifier: TokenVerifier;
  issue(client: OAuthClientRecord, scopes: readonly Scope[]): Promise<IssuedAccessToken>;
  /** Puts a token's `jti` on the deny list until it expires. */
  revoke(claims: AccessTokenClaims): Promise<void>;
  /** Refuses every token issued to `clientId` so far (its app was deleted), until they have all expired. */
  revokeClient(clientId: string): Promise<void>;
  /** Whether the tokens of `clientId` were revoked with {@link Tokens.revokeClient}. */
  isClientRevoked(clientId: string): boolean;
  /** The claims of a token that is valid now, or undefined. */
  inspect(token: string): Promise<AccessTokenClaims | undefined>;
  jwks(): Jwks;
  /** Makes a new signing key; the previous one keeps verifying until the next rotation. Answers its kid. */
  rotate(): Promise<string>;
  ready(): boolean;
  close(): void;
}

export async function createTokens({
  store,
  config,
  keys,
  logger,
  bus,
}: {
  store: Store;
  config: Config;
  keys: ServerKeys;
  logger: Logger;
  bus: RevocationBus;
}): Promise<Tokens> {
  const alg: SigningAlgorithm = config.signingAlg;

  const load = async (): Promise<KeySet> => {
    const rows = await store.signingKeys.list();
    const loaded = await Promise.all(
      rows.map((row) =>
        importSigningKey(JSON.parse(unseal(keys.sealing, row.private_jwk)) as JsonWebKey, { kid: row.kid }),
      ),
    );
    return createKeySet(loaded);
  };
  const add = async (): Promise<string> => {
    const key = await generateSigningKey(alg);
    await store.signingKeys.insert({
      kid: key.kid,
      alg: key.alg,
      private_jwk: seal(keys.sealing, JSON.stringify(exportSigningKey(key))),
      public_jwk: JSON.stringify(key.publicJwk),
      created_at: new Date().toISOString(),
      retired_at: null,
    });
    await store.signingKeys.retireAllBut(LIVE_KEYS);
    return key.kid;
  };

  let keySet = await load();
  if (keySet.signingKey === null) {
    const kid = await add();
    logger.info({ kid, alg }, 'created the first token signing key');
    keySet = await load();
  }
  const reload = setInterval(() => {
    Promise.all([load(), loadDenyList()]).then(
      ([next]) => {
        keySet = next;
      },
      (err: unknown) => logger.warn({ err }, 'could not reload signing keys and the deny list'),
    );
  }, RELOAD_MS);
  reload.unref();

  // The deny list, each entry until the last token it covers expires: revoked token ids, and the client ids
  // of deleted apps (stored as `client:<id>`). Kept apart so that a request looks a client id up as it is.
  const revoked = new Map<string, number>();
  const revokedClients = new Map<string, number>();
  const CLIENT = 'client:';
  const listed = (entry: string, until: number) => {
    if (entry.startsWith(CLIENT)) {
      revokedClients.set(entry.slice(CLIENT.length), until);
    } else {
      revoked.set(entry, until);
    }
  };
  const loadDenyList = async () => {
    for (const row of await store.revokedTokens.live(new Date().toISOString())) {
      listed(row.jti, Date.parse(row.expires_at));
    }
  };
  await loadDenyList();
  const deny = async (entry: string, until: number) => {
    listed(entry, until);
    await store.revokedTokens.add(entry, new Date(until).toISOString());
    const now = Date.now();
    for (const list of [revoked, revokedClients]) {
      for (const [key, at] of list) {
        if (at <= now) {
          list.delete(key);
        }
      }
    }
  };
  bus.subscribe((r) => {
    if (r.type === 'token') {
      revoked.set(r.jti, r.until);
      verifier.cache?.purge(r.jti);
    } else if (r.type === 'client') {
      revokedClients.set(r.clientId, r.until);
    }
  });
  const verifier = createTokenVerifier({
    keySet: (kid) => keySet.get(kid),
    issuer: config.publicUrl,
    audience: config.publicUrl,
    isRevoked: (jti) => revoked.has(jti),
  });

  return {
    verifier,
    issue: (client, scopes) =>
      issueAccessToken({
        keySet,
        issuer: config.publicUrl,
        audience: config.publicUrl,
        clientId: client.id,
        orgId: client.orgId,
        scopes,
        ttlSeconds: client.tokenTtlSeconds,
      }),
    async revoke(claims) {
      verifier.cache?.purge(claims.jti);
      await deny(claims.jti, claims.exp * 1000);
      await bus.publish({ type: 'token', jti: claims.jti, until: claims.exp * 1000 });
    },
    async revokeClient(clientId) {
      const until = Date.now() + (MAX_TOKEN_TTL_SECONDS + 60) * 1000;
      await deny(`${CLIENT}${clientId}`, until);
      await bus.publish({ type: 'client', clientId, until });
    },
    isClientRevoked: (clientId) => revokedClients.has(clientId),
    async inspect(token) {
      const result = await verifier.verify(token);
      return result.ok && !revokedClients.has(result.value.client_id) ? result.value : undefined;
    },
    jwks: () => keySet.toJwks(),
    async rotate() {
      const kid = await add();
      keySet = await load();
      return kid;
    },
    ready: () => keySet.signingKey !== null,
    close: () => clearInterval(reload),
  };
}
