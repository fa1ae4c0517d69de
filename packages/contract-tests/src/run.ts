import { OPERATIONS } from '@neuracraft/types';
import { authCases } from './cases/auth.js';
import { type CaseDefinition, CaseRecorder } from './cases/case.js';
import { fuzzCase } from './cases/fuzz.js';
import { idempotencyCases } from './cases/idempotency.js';
import { invalidCases } from './cases/invalid.js';
import { publicCases } from './cases/public.js';
import { successCases } from './cases/success.js';
import { TRANSPORT_HEADERS } from './check/conformance.js';
import { type ResolvedOptions, SetupError, SuiteContext } from './context.js';
import { Credentials } from './credentials.js';
import { discover, type Endpoints } from './discovery.js';
import { Fixtures } from './fixtures.js';
import { randomSeed } from './generate/prng.js';
import type { ContractSuiteOptions } from './options.js';
import type { CaseResult, SuiteResult } from './result.js';
import { allOperations, operationSpec } from './spec/document.js';
import { alternativesOf } from './spec/security.js';

/**
 * How long past `exp` the expired-credential cases wait: verifiers may tolerate a few seconds of
 * clock skew (RFC 7519 §4.1.4), and `Date` headers have one-second precision.
 */
const EXPIRY_LEEWAY_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function resolveOptions(options: ContractSuiteOptions): ResolvedOptions {
  const known = new Set(Object.keys(OPERATIONS));
  const unknown = (options.only ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new SetupError(`no operation ${unknown.join(', ')} in the spec (known: ${[...known].join(', ')})`);
  }
  const fuzz = options.fuzz ?? 0;
  if (!Number.isInteger(fuzz) || fuzz < 0) {
    throw new SetupError(`fuzz must be a whole number, not ${fuzz}`);
  }
  try {
    new URL(options.baseUrl);
  } catch {
    throw new SetupError(`base URL ${JSON.stringify(options.baseUrl)} is not an absolute URL`);
  }
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    adminKey: options.adminKey,
    only: options.only && options.only.length > 0 ? options.only : undefined,
    fuzz,
    seed: (options.seed ?? randomSeed()) >>> 0,
    concurrency: Math.max(1, options.concurrency ?? 4),
    expiry: options.expiry ?? true,
    allowedHeaders: new Set([
      ...TRANSPORT_HEADERS,
      ...(options.allowHeaders ?? []).map((h) => h.toLowerCase()),
    ]),
  };
}

/** Every case of the selected operations, in the spec's order. */
export function planCases(options: ResolvedOptions, endpoints: Endpoints, issuer: string): CaseDefinition[] {
  const ops = allOperations().filter(
    (op) => options.only === undefined || options.only.includes(op.operationId),
  );
  return ops.flatMap((op) => {
    const fuzz = fuzzCase(op, options.fuzz);
    return [
      ...publicCases(op, endpoints, issuer),
      ...authCases(op),
      ...successCases(op),
      ...invalidCases(op),
      ...idempotencyCases(op),
      ...(fuzz ? [fuzz] : []),
    ];
  });
}

/** Checks that the admin key works, so a wrong key fails the run at once with a clear message. */
async function checkAdminKey(ctx: SuiteContext): Promise<void> {
  const probe = allOperations().find(
    (op) =>
      op.method === 'get' &&
      !op.path.includes('{') &&
      alternativesOf(op).some((a) => a.kind === 'apiKey' && a.scopes.includes('admin:all')),
  );
  if (!probe) {
    return;
  }
  let status: number;
  try {
    status = (await ctx.http.send({ method: 'GET', path: probe.path, headers: ctx.adminHeaders() })).response
      .status;
  } catch (error) {
    throw new SetupError(`cannot reach ${ctx.options.baseUrl}: ${(error as Error).message}`);
  }
  if (status !== 200) {
    throw new SetupError(
      `the admin key was refused (GET ${probe.path} → ${status}): pass an API key holding admin:all`,
    );
  }
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}

/**
 * Runs the contract suite against a deployment: for every operation of the spec (or those of
 * `only`), the authentication, scope, success, invalid-input, idempotency and fuzzing cases, and
 * the RFC checks of the public OAuth endpoints. Everything the run makes with the admin key is
 * removed at the end.
 *
 * @returns the outcome of every case; `ok` is `false` when any failed.
 * @throws {SetupError} when the run cannot start: the server is unreachable, the admin key is
 *   refused, or an option is wrong.
 * @example
 * ```ts
 * import { runContractSuite } from '@neuracraft/contract-tests';
 *
 * const result = await runContractSuite({
 *   baseUrl: 'http://localhost:8080',
 *   adminKey: process.env.NEURACRAFT_ADMIN_KEY!,
 *   fuzz: 50,
 * });
 * for (const c of result.cases.filter((c) => c.status === 'failed')) {
 *   console.log(`${c.operationId}: ${c.name}\n  ${c.failures.join('\n  ')}`);
 * }
 * process.exitCode = result.ok ? 0 : 1;
 * ```
 */
export async function runContractSuite(options: ContractSuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const resolved = resolveOptions(options);
  const ctx = new SuiteContext(resolved, options.fetch);
  await checkAdminKey(ctx);
  const endpoints = await discover(ctx);
  const credentials = new Credentials(ctx, endpoints);
  const fixtures = new Fixtures(ctx, resolved.seed);
  const definitions = planCases(
    resolved,
    endpoints,
    (options.issuer ?? resolved.baseUrl).replace(/\/+$/, ''),
  );
  const results: (CaseResult | undefined)[] = new Array(definitions.length);

  const runOne = async (index: number, skip?: string) => {
    const definition = definitions[index]!;
    const op = operationSpec(definition.operationId);
    const route = `${op.method.toUpperCase()} ${op.path}`;
    const reason = definition.skip ?? skip;
    const caseStart = Date.now();
    let result: CaseResult;
    if (reason !== undefined) {
      result = {
        operationId: op.operationId,
        route,
        name: definition.name,
        status: 'skipped',
        failures: [],
        exchanges: [],
        reason,
        requests: 0,
        durationMs: 0,
      };
    } else {
      const recorder = new CaseRecorder(op, ctx, credentials, fixtures, {
        allowedHeaders: resolved.allowedHeaders,
      });
      try {
        await definition.run(recorder);
      } catch (error) {
        recorder.fail(
          error instanceof SetupError
            ? `setup: ${error.message}`
            : `the case could not run: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      result = {
        operationId: op.operationId,
        route,
        name: definition.name,
        status: recorder.failures.length > 0 ? 'failed' : 'passed',
        failures: recorder.failures,
        exchanges: recorder.exchanges,
        requests: recorder.sent,
        durationMs: Date.now() - caseStart,
      };
    }
    results[index] = result;
    options.onCase?.(result);
  };

  const indexes = definitions.map((_, i) => i);
  const late = indexes.filter((i) => definitions[i]!.late && definitions[i]!.skip === undefined);
  const main = indexes.filter((i) => !late.includes(i));
  // The short-lived credentials are made first, so their lifetime runs while the other cases do.
  const expiring =
    resolved.expiry && late.length > 0
      ? Promise.allSettled([credentials.expiringKey(), credentials.expiringToken()])
      : undefined;
  await pool(main, resolved.concurrency, (i) => runOne(i));
  if (expiring) {
    const [key, token] = await expiring;
    const deadline = Math.max(
      key.status === 'fulfilled' ? key.value.expiresAt : 0,
      token.status === 'fulfilled' ? token.value.exp * 1000 : 0,
    );
    const wait = deadline + EXPIRY_LEEWAY_MS - ctx.serverNow();
    if (wait > 0) {
      await sleep(wait);
    }
    await pool(late, resolved.concurrency, (i) => runOne(i));
  } else {
    await pool(late, resolved.concurrency, (i) =>
      runOne(i, 'expiry cases are off (they wait for a short-lived key and token to expire)'),
    );
  }

  const cleanupProblems = [...(await fixtures.cleanup()), ...(await credentials.cleanup())];
  const cases = results.filter((r): r is CaseResult => r !== undefined);
  const counts = {
    total: cases.length,
    passed: cases.filter((c) => c.status === 'passed').length,
    failed: cases.filter((c) => c.status === 'failed').length,
    skipped: cases.filter((c) => c.status === 'skipped').length,
  };
  return {
    ok: counts.failed === 0 && cleanupProblems.length === 0,
    baseUrl: resolved.baseUrl,
    seed: resolved.seed,
    fuzz: resolved.fuzz,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    counts,
    requests: ctx.http.sent(),
    cases,
    cleanupProblems,
  };
}
