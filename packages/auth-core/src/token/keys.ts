import { backend } from '../lib/crypto.js';
import type { Algorithm } from '../lib/crypto-types.js';
import { keyHandles } from '../lib/key-handles.js';

/**
 * A JWS algorithm access tokens can be signed with: ES256 (the default), EdDSA (Ed25519) or RS256.
 *
 * @example
 * ```ts
 * const alg: SigningAlgorithm = 'EdDSA';
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7518#section-3.1
 */
export type SigningAlgorithm = Algorithm;

/**
 * Every supported signing algorithm. `none` and the HMAC algorithms are never accepted.
 *
 * @example
 * ```ts
 * SIGNING_ALGORITHMS.includes('ES256'); // true
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8725#section-3.1
 */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['ES256', 'EdDSA', 'RS256'];

/**
 * The public members of a signing key as published in a JWKS.
 *
 * @example
 * ```ts
 * const jwk: PublicJwk = key.publicJwk;
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-4
 */
export interface PublicJwk {
  readonly kty: 'EC' | 'OKP' | 'RSA';
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly use: 'sig';
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
  readonly n?: string;
  readonly e?: string;
}

/**
 * A signing key with its private members, for encrypted storage by the host. Secret.
 *
 * @example
 * ```ts
 * const jwk: PrivateJwk = exportSigningKey(key); // encrypt before storing
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-4
 */
export interface PrivateJwk extends PublicJwk {
  readonly d: string;
  readonly p?: string;
  readonly q?: string;
  readonly dp?: string;
  readonly dq?: string;
  readonly qi?: string;
}

/**
 * A JSON Web Key Set of public keys, as served at `/.well-known/jwks.json`.
 *
 * @example
 * ```ts
 * const jwks: Jwks = keySet.toJwks();
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-5
 */
export interface Jwks {
  readonly keys: readonly PublicJwk[];
}

/**
 * A key that verifies access tokens, and signs them when it holds its private half. Make one with
 * {@link generateSigningKey} or {@link importSigningKey}.
 *
 * @example
 * ```ts
 * const key: SigningKey = await generateSigningKey('EdDSA');
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-4
 */
export interface SigningKey {
  /** The key id: the RFC 7638 thumbprint unless chosen. */
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** Whether the private half is held. */
  readonly canSign: boolean;
  /** The public JWK, with `kid`, `alg` and `use`. */
  readonly publicJwk: PublicJwk;
}

const PUBLIC_MEMBERS = { EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'], RSA: ['e', 'n'] } as const;
const PRIVATE_MEMBERS = { EC: ['d'], OKP: ['d'], RSA: ['d', 'p', 'q', 'dp', 'dq', 'qi'] } as const;
const KTY_OF: Record<SigningAlgorithm, { kty: keyof typeof PUBLIC_MEMBERS; crv?: string }> = {
  ES256: { kty: 'EC', crv: 'P-256' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  RS256: { kty: 'RSA' },
};
// 2048 bits of modulus = 256 bytes = 342 base64url characters (RFC 7518 §3.3 minimum).
const MIN_RSA_MODULUS_CHARS = 342;

function algorithmOf(jwk: JsonWebKey): SigningAlgorithm {
  if (jwk.alg !== undefined) {
    if (!(SIGNING_ALGORITHMS as readonly string[]).includes(jwk.alg)) {
      throw new TypeError(`unsupported JWK alg ${JSON.stringify(jwk.alg)}: use ES256, EdDSA or RS256`);
    }
    return jwk.alg as SigningAlgorithm;
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    return 'ES256';
  }
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    return 'EdDSA';
  }
  if (jwk.kty === 'RSA') {
    return 'RS256';
  }
  throw new TypeError('unsupported JWK: expected an EC P-256, OKP Ed25519 or RSA key');
}

function pick(jwk: JsonWebKey, members: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of members) {
    const value = (jwk as Record<string, unknown>)[m];
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`the JWK lacks its "${m}" member`);
    }
    out[m] = value;
  }
  return out;
}

/**
 * The RFC 7638 JWK thumbprint (base64url SHA-256 of the required public members), used as the default `kid`.
 *
 * @example
 * ```ts
 * const kid = await jwkThumbprint(key.publicJwk);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7638#section-3
 */
export async function jwkThumbprint(
  jwk: Pick<PublicJwk, 'kty' | 'crv' | 'x' | 'y' | 'n' | 'e'>,
): Promise<string> {
  const members = pick(jwk as JsonWebKey, PUBLIC_MEMBERS[jwk.kty]);
  const entries: [string, string][] = [...Object.entries(members), ['kty', jwk.kty]];
  const ordered = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
  return backend.sha256(JSON.stringify(ordered));
}

/**
 * Options of {@link importSigningKey} and {@link generateSigningKey}.
 *
 * @example
 * ```ts
 * await generateSigningKey('ES256', { kid: '2026-01' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-4.5
 */
export interface SigningKeyOptions {
  /** The key id. Default: the JWK's `kid`, else its RFC 7638 thumbprint. */
  readonly kid?: string;
}

/**
 * Imports a signing key from a JWK: a private JWK (from {@link exportSigningKey}) signs and verifies, a
 * public one only verifies. The algorithm is the JWK's `alg`, else inferred from `kty`/`crv`; RSA keys
 * need a modulus of at least 2048 bits. Throws a `TypeError` on a key it cannot use.
 *
 * @example
 * ```ts
 * const key = await importSigningKey(JSON.parse(decrypt(row.private_jwk)));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-4
 */
export async function importSigningKey(
  jwk: JsonWebKey | PublicJwk | PrivateJwk,
  options: SigningKeyOptions = {},
): Promise<SigningKey> {
  const source = jwk as JsonWebKey & { kid?: string };
  const alg = algorithmOf(source);
  const { kty, crv } = KTY_OF[alg];
  if (source.kty !== kty || (crv !== undefined && source.crv !== crv)) {
    throw new TypeError(`a ${alg} key must be kty ${kty}${crv === undefined ? '' : ` crv ${crv}`}`);
  }
  const publicMembers = pick(source, PUBLIC_MEMBERS[kty]);
  if (kty === 'RSA' && (publicMembers.n?.length ?? 0) < MIN_RSA_MODULUS_CHARS) {
    throw new TypeError('an RS256 key needs a modulus of at least 2048 bits');
  }
  const isPrivate = source.d !== undefined;
  const privateMembers = isPrivate ? pick(source, PRIVATE_MEMBERS[kty]) : null;
  const material = { kty, ...publicMembers } as JsonWebKey;
  const kid = options.kid ?? source.kid ?? (await jwkThumbprint(material as PublicJwk));
  const privateJwk = privateMembers === null ? null : ({ ...material, ...privateMembers } as JsonWebKey);
  const [sign, verify] = await Promise.all([
    privateJwk === null ? null : backend.importKey(alg, privateJwk, 'sign'),
    backend.importKey(alg, material, 'verify'),
  ]);
  const key: SigningKey = Object.freeze({
    kid,
    alg,
    canSign: privateJwk !== null,
    publicJwk: Object.freeze({ ...material, kid, alg, use: 'sig' } as PublicJwk),
  });
  keyHandles.set(key, { sign, verify, privateJwk });
  return key;
}

/**
 * Generates a new signing key pair. `kid` defaults to the RFC 7638 thumbprint.
 *
 * @param alg - `ES256` (default), `EdDSA` (Ed25519) or `RS256` (2048-bit).
 * @example
 * ```ts
 * const key = await generateSigningKey(); // ES256
 * const stored = exportSigningKey(key); // encrypt before storing: it is secret
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7518#section-3.1
 */
export async function generateSigningKey(
  alg: SigningAlgorithm = 'ES256',
  options: SigningKeyOptions = {},
): Promise<SigningKey> {
  if (!SIGNING_ALGORITHMS.includes(alg)) {
    throw new TypeError(`unsupported signing algorithm ${JSON.stringify(alg)}: use ES256, EdDSA or RS256`);
  }
  const { privateJwk } = await backend.generateKeyPair(alg);
  return importSigningKey({ ...privateJwk, alg }, options);
}

/**
 * Exports a signing key with its private half as a JWK, for the host to store encrypted. Throws a
 * `TypeError` for a verify-only key.
 *
 * @example
 * ```ts
 * const jwk = exportSigningKey(key);
 * const again = await importSigningKey(jwk);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-4
 */
export function exportSigningKey(key: SigningKey): PrivateJwk {
  const privateJwk = keyHandles.get(key)?.privateJwk;
  if (privateJwk === null || privateJwk === undefined) {
    throw new TypeError(`signing key ${key.kid} holds no private key`);
  }
  return { ...key.publicJwk, ...privateJwk } as PrivateJwk;
}

/**
 * The keys a service signs and verifies with. The first key holding a private half signs; every key
 * verifies, so a new key can sign while older ones keep verifying the tokens they signed until retired.
 *
 * @example
 * ```ts
 * const keySet: KeySet = createKeySet([current, previous]);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-5
 */
export interface KeySet {
  readonly keys: readonly SigningKey[];
  /** The key new tokens are signed with, or `null` for a verify-only set. */
  readonly signingKey: SigningKey | null;
  /** The key with this `kid`, if any. */
  get(kid: string): SigningKey | undefined;
  /** The public JWKS of every key, for `/.well-known/jwks.json`. */
  toJwks(): Jwks;
}

/**
 * Creates a key set for rotation: list the new key first, keep the old ones after it until every token
 * they signed has expired, then drop them. Throws a `TypeError` on two keys with one `kid`.
 *
 * @example
 * ```ts
 * const keySet = createKeySet([newKey, previousKey]);
 * app.get('/.well-known/jwks.json', (c) => c.json(keySet.toJwks()));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-5
 */
export function createKeySet(keys: readonly SigningKey[]): KeySet {
  const byKid = new Map<string, SigningKey>();
  for (const key of keys) {
    if (!keyHandles.has(key)) {
      throw new TypeError('createKeySet takes keys made by generateSigningKey or importSigningKey');
    }
    if (byKid.has(key.kid)) {
      throw new TypeError(`two keys share the kid ${JSON.stringify(key.kid)}`);
    }
    byKid.set(key.kid, key);
  }
  const list = Object.freeze([...keys]);
  const jwks: Jwks = Object.freeze({ keys: Object.freeze(list.map((key) => key.publicJwk)) });
  return {
    keys: list,
    signingKey: list.find((key) => key.canSign) ?? null,
    get: (kid) => byKid.get(kid),
    toJwks: () => jwks,
  };
}

/**
 * Imports a JWKS (e.g. fetched from another service's `/.well-known/jwks.json`) as a verify-only key set.
 * Keys of other algorithms or uses (`use` other than `sig`) are skipped.
 *
 * @example
 * ```ts
 * const keySet = await importJwks(await (await fetch(jwksUrl)).json());
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7517#section-5
 */
export async function importJwks(jwks: Jwks | { keys: readonly JsonWebKey[] }): Promise<KeySet> {
  const usable = (jwks.keys as readonly (JsonWebKey & { kid?: string; use?: string })[]).filter((jwk) => {
    if (jwk.use !== undefined && jwk.use !== 'sig') {
      return false;
    }
    try {
      algorithmOf(jwk);
      return typeof jwk.kid === 'string';
    } catch {
      return false;
    }
  });
  const keys = await Promise.all(usable.map(({ d: _private, ...jwk }) => importSigningKey(jwk)));
  return createKeySet(keys);
}
