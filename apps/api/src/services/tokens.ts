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

/** Keys kept live: the one that signs and the one before it, which still verifies its tokens. */
const LIVE_KEYS = 2;
/** How often a server looks for keys rotated by another process (the CLI, another instance). */
const RELOAD_MS = 30_000;

/** Access tokens: signing keys, issuance, verification and revocation. */
export interface Tokens {
  readonly verifier: TokenVerifier;
  issue(client: OAuthClientRecord, scopes: readonly Scope[]): Promise<IssuedAccessToken>;
  /** Puts a token's `jti` on the deny list until it expires. */
  revoke(claims: AccessTokenClaims): Promise<void>;
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
}: {
  store: Store;
  config: Config;
  keys: ServerKeys;
  logger: Logger;
}): Promise<Tokens> {
  const alg = (process.env.NEURACRAFT_SIGNING_ALG ?? 'ES256') as SigningAlgorithm;

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
    load().then(
      (next) => {
        keySet = next;
      },
      (err: unknown) => logger.warn({ err }, 'could not reload signing keys'),
    );
  }, RELOAD_MS);
  reload.unref();

  const revoked = new Map<string, number>();
  for (const row of await store.revokedTokens.live(new Date().toISOString())) {
    revoked.set(row.jti, Date.parse(row.expires_at));
  }
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
      const expiresAt = claims.exp * 1000;
      revoked.set(claims.jti, expiresAt);
      verifier.cache?.purge(claims.jti);
      await store.revokedTokens.add(claims.jti, new Date(expiresAt).toISOString());
      const now = Date.now();
      for (const [jti, until] of revoked) {
        if (until <= now) {
          revoked.delete(jti);
        }
      }
    },
    async inspect(token) {
      const result = await verifier.verify(token);
      return result.ok ? result.value : undefined;
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
