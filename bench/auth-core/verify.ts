/**
 * In-process verification throughput of @neuracraft/auth-core, side by side with its peers, in one run:
 * API-key verification (warm in-memory store), cached and uncached bearer-token verification (ES256),
 * `fast-jwt` and `jose` on the same key and token, and the two candidate key hashes.
 *
 * Run: pnpm --filter @neuracraft/auth-core build && pnpm --filter @neuracraft/bench exec tsx auth-core/verify.ts
 * Options: ROUNDS (default 7), ROUND_MS (default 300) in the environment.
 */
import { createHash, createHmac, createPublicKey, createSecretKey, hash } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  type ApiKeyRecord,
  createApiKeyVerifier,
  createAuthenticator,
  createKeySet,
  createTokenVerifier,
  exportSigningKey,
  generateApiKey,
  generateSigningKey,
  hashApiKey,
  issueAccessToken,
} from '@neuracraft/auth-core';
import { createVerifier } from 'fast-jwt';
import { importJWK, jwtVerify } from 'jose';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const ROUND_MS = Number(process.env.ROUND_MS ?? 300);
const ISSUER = 'https://api.neuracraft.com';
const pepper = 'bench-pepper-0123456789abcdefghijklmnopqrstuvwxyz';

type Case = { name: string; sync?: () => unknown; async?: () => Promise<unknown> };

function check(name: string, value: unknown): void {
  const ok = (value as { ok?: boolean } | null)?.ok;
  if (ok === false) {
    throw new Error(`${name}: the benchmark input was refused`);
  }
}

/** Ops per wall-clock second and per second of this process's CPU time (robust to other load). */
type Rate = { wall: number; cpu: number };

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

function runSync(f: () => unknown, ms: number): Rate {
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i++) {
      f();
    }
    n += 1000;
    elapsed = performance.now() - start;
  }
  return { wall: (n / elapsed) * 1000, cpu: n / cpuSeconds(cpu) };
}

async function runAsync(f: () => Promise<unknown>, ms: number): Promise<Rate> {
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i++) {
      await f();
    }
    n += 100;
    elapsed = performance.now() - start;
  }
  return { wall: (n / elapsed) * 1000, cpu: n / cpuSeconds(cpu) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

// Inputs: one API key in a warm Map store of 10,000 keys; one ES256 signing key; one RFC 9068 token.
const key = generateApiKey();
const records = new Map<string, ApiKeyRecord>();
for (let i = 0; i < 9_999; i++) {
  records.set(await hashApiKey(generateApiKey(), pepper), {
    id: `key_${i}`,
    orgId: 'org_1',
    scopes: [],
    expiresAt: null,
    revokedAt: null,
  });
}
records.set(await hashApiKey(key, pepper), {
  id: 'key_bench',
  orgId: 'org_1',
  scopes: ['pipeline:read'],
  expiresAt: null,
  revokedAt: null,
});
const apiKeys = createApiKeyVerifier({ store: { findByHash: (h) => records.get(h) }, pepper });

const signingKey = await generateSigningKey('ES256');
const keySet = createKeySet([signingKey]);
const { token } = await issueAccessToken({
  keySet,
  issuer: ISSUER,
  audience: ISSUER,
  clientId: 'app_dK3qZFvDa0VPzUjIbo0psOsC',
  orgId: 'org_dK3qZFvDa0VPzUjIbo0psOsC',
  scopes: ['pipeline:read', 'workflow:execute'],
  ttlSeconds: 3600,
});
const cached = createTokenVerifier({ keySet, issuer: ISSUER, audience: ISSUER });
const uncached = createTokenVerifier({ keySet, issuer: ISSUER, audience: ISSUER, cache: false });
const auth = createAuthenticator({ apiKeys, tokens: cached });
const keyHeaders = { 'x-api-key': key };
const bearerHeaders = { authorization: `Bearer ${token}` };

const { d: _private, ...publicJwk } = exportSigningKey(signingKey);
const pem = createPublicKey({ key: publicJwk, format: 'jwk' })
  .export({ format: 'pem', type: 'spki' })
  .toString();
const fastJwt = createVerifier({
  key: pem,
  algorithms: ['ES256'],
  allowedIss: ISSUER,
  allowedAud: ISSUER,
  requiredClaims: ['exp', 'iat', 'jti', 'client_id', 'scope'],
  cache: false,
});
const joseKey = await importJWK(publicJwk, 'ES256');
const joseOptions = {
  issuer: ISSUER,
  audience: ISSUER,
  typ: 'at+jwt',
  algorithms: ['ES256'],
  requiredClaims: ['jti', 'client_id', 'scope'],
};

const hmacKey = createSecretKey(Buffer.from(pepper));
const cases: Case[] = [
  { name: 'API key verify (warm Map store, sync)', sync: () => apiKeys.verify(key) },
  { name: 'bearer verify, cached (ES256)', sync: () => cached.verify(token) },
  { name: 'authenticate(headers), API key', async: () => auth.authenticate(keyHeaders) },
  { name: 'authenticate(headers), bearer cached', async: () => auth.authenticate(bearerHeaders) },
  { name: 'check(headers), API key (sync)', sync: () => auth.check(keyHeaders) },
  { name: 'check(headers), bearer cached (sync)', sync: () => auth.check(bearerHeaders) },
  { name: 'JWT verify uncached ES256: auth-core (node:crypto, sync)', sync: () => uncached.verify(token) },
  { name: 'JWT verify uncached ES256: fast-jwt 6.3.6 (sync)', sync: () => fastJwt(token) },
  {
    name: 'JWT verify uncached ES256: jose 6.2.17 (async Web Crypto)',
    async: () => jwtVerify(token, joseKey, joseOptions),
  },
  { name: 'key hash: crypto.hash sha256(pepper‖key)', sync: () => hash('sha256', pepper + key, 'base64url') },
  {
    name: 'key hash: createHash sha256(pepper‖key)',
    sync: () =>
      createHash('sha256')
        .update(pepper + key)
        .digest('base64url'),
  },
  {
    name: 'key hash: HMAC-SHA256(pepper, key)',
    sync: () => createHmac('sha256', hmacKey).update(key).digest('base64url'),
  },
];

for (const c of cases) {
  check(c.name, c.sync ? c.sync() : await c.async!());
}

const results = new Map<string, Rate[]>(cases.map((c) => [c.name, []]));
// Warm-up round, not counted.
for (const c of cases) {
  c.sync ? runSync(c.sync, 100) : await runAsync(c.async!, 100);
}
for (let r = 0; r < ROUNDS; r++) {
  for (const c of cases) {
    results.get(c.name)!.push(c.sync ? runSync(c.sync, ROUND_MS) : await runAsync(c.async!, ROUND_MS));
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const medians = new Map([...results].map(([name, xs]) => [name, median(xs.map((x) => x.wall))]));
console.log(
  `Node ${process.version}, ${ROUNDS} rounds × ${ROUND_MS} ms per case, load average ${loadavg()[0]!.toFixed(2)}\n`,
);
console.log('| case | ops/s, median (wall clock) | min – max | ops per CPU-second, median |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, xs] of results) {
  const wall = xs.map((x) => x.wall);
  console.log(
    `| ${name} | ${fmt(medians.get(name)!)} | ${fmt(Math.min(...wall))} – ${fmt(Math.max(...wall))} | ${fmt(median(xs.map((x) => x.cpu)))} |`,
  );
}
const cpuMedians = new Map([...results].map(([name, xs]) => [name, median(xs.map((x) => x.cpu))]));
const ratio = (a: string, b: string): string =>
  `${(cpuMedians.get(a)! / cpuMedians.get(b)!).toFixed(2)} per CPU-second, ${(medians.get(a)! / medians.get(b)!).toFixed(2)} wall clock`;
console.log('');
const named = (prefix: string): string => cases.find((c) => c.name.startsWith(prefix))!.name;
console.log(`cached bearer / API key: ${ratio(named('bearer verify, cached'), named('API key verify'))}`);
const ours = named('JWT verify uncached ES256: auth-core');
console.log(`auth-core uncached / fast-jwt: ${ratio(ours, named('JWT verify uncached ES256: fast-jwt'))}`);
console.log(`auth-core uncached / jose: ${ratio(ours, named('JWT verify uncached ES256: jose'))}`);
console.log(`crypto.hash / HMAC: ${ratio(named('key hash: crypto.hash'), named('key hash: HMAC'))}`);
