import { createPublicKey, type JsonWebKey, verify } from 'node:crypto';

const decode = (part: string | undefined): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

/** The members of a JWK that hold private key material (RFC 7518 §6). */
export const PRIVATE_JWK_MEMBERS: readonly string[] = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** What each `alg` needs of its key (RFC 7518 §3.1, RFC 8037 §3.1). */
const ALGORITHMS: Readonly<
  Record<string, { kty: string; crv?: string; members: readonly string[]; hash: string | null }>
> = {
  ES256: { kty: 'EC', crv: 'P-256', members: ['x', 'y'], hash: 'sha256' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519', members: ['x'], hash: null },
  RS256: { kty: 'RSA', members: ['n', 'e'], hash: 'sha256' },
};

/** What is wrong with one public signing key of a JWK Set; empty when nothing is. */
export function jwkProblems(jwk: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const name = `key ${JSON.stringify(jwk.kid)}`;
  const leaked = PRIVATE_JWK_MEMBERS.filter((m) => m in jwk);
  if (leaked.length > 0) {
    problems.push(`${name} publishes private key material (${leaked.join(', ')}) (RFC 7517 §4)`);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    problems.push(`${name} has use ${JSON.stringify(jwk.use)}, not "sig" (RFC 7517 §4.2)`);
  }
  const alg = typeof jwk.alg === 'string' ? ALGORITHMS[jwk.alg] : undefined;
  if (alg === undefined) {
    problems.push(`${name} has no supported alg (${JSON.stringify(jwk.alg)})`);
    return problems;
  }
  if (jwk.kty !== alg.kty) {
    problems.push(
      `${name}: alg ${jwk.alg} needs kty ${alg.kty}, got ${JSON.stringify(jwk.kty)} (RFC 7518 §6)`,
    );
  }
  if (alg.crv !== undefined && jwk.crv !== alg.crv) {
    problems.push(`${name}: alg ${jwk.alg} needs crv ${alg.crv}, got ${JSON.stringify(jwk.crv)}`);
  }
  for (const member of alg.members) {
    if (typeof jwk[member] !== 'string') {
      problems.push(`${name}: kty ${alg.kty} needs the member ${member} (RFC 7518 §6)`);
    }
  }
  if (problems.length === 0) {
    try {
      createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch (error) {
      problems.push(`${name} is not a usable public key: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** A JWT split into its parts (nothing verified). */
export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
}

/** Decodes a compact JWS's header and payload; `undefined` when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  const header = decode(parts[0]);
  const payload = decode(parts[1]);
  return header && payload ? { header, payload } : undefined;
}

/**
 * Verifies the signature of a compact JWS against the key of a JWK Set its `kid` names.
 *
 * @returns a problem, or `undefined` when the signature verifies.
 * @see https://www.rfc-editor.org/rfc/rfc7515#section-5.2
 */
export function signatureProblem(
  token: string,
  keys: readonly Record<string, unknown>[],
): string | undefined {
  const decoded = decodeJwt(token);
  if (!decoded) {
    return 'not a compact JWS of three base64url parts';
  }
  const { kid, alg } = decoded.header;
  const jwk = keys.find((k) => k.kid === kid);
  if (jwk === undefined) {
    return `kid ${JSON.stringify(kid)} is not in the JWK Set`;
  }
  const spec = typeof alg === 'string' ? ALGORITHMS[alg] : undefined;
  if (spec === undefined || jwk.alg !== alg) {
    return `alg ${JSON.stringify(alg)} does not match the key's ${JSON.stringify(jwk.alg)}`;
  }
  const [head, body, signature] = token.split('.') as [string, string, string];
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    const ok = verify(
      spec.hash,
      Buffer.from(`${head}.${body}`),
      spec.kty === 'EC' ? { key, dsaEncoding: 'ieee-p1363' } : key,
      Buffer.from(signature, 'base64url'),
    );
    return ok ? undefined : 'the signature does not verify with the published key';
  } catch (error) {
    return `the signature could not be checked: ${(error as Error).message}`;
  }
}
