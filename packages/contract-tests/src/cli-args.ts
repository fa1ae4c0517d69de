import { parseArgs } from 'node:util';
import type { ContractSuiteOptions } from './options.js';
import { REPORTERS, type ReporterName } from './reporters/index.js';

/**
 * The usage text of `neuracraft-contract`.
 *
 * @example
 * ```ts
 * process.stdout.write(USAGE);
 * ```
 */
export const USAGE = `Usage: neuracraft-contract --base-url URL --admin-key KEY [options]

Runs the NeuraCraft API contract suite against a deployment: every operation of the
OpenAPI document, its authentication, scopes, responses, headers and invalid inputs.

  --base-url URL        where the API is (e.g. http://localhost:8080)
  --admin-key KEY       an API key holding admin:all (or NEURACRAFT_ADMIN_KEY); it makes
                        the credentials and fixtures the cases need and removes them after
  --only OPID…          only these operations (repeat, or separate with commas)
  --fuzz N              N generated inputs per operation (default 0)
  --seed N              seed of generated inputs (default: random, printed)
  --reporter NAME       pretty | junit | json (default pretty)
  --output FILE         write the report to FILE (a pretty summary still goes to stdout)
  --concurrency N       cases run at once (default 4)
  --skip-expiry         skip the expired key/token cases (they wait ~60 s)
  --issuer URL          issuer the RFC 8414 metadata must announce (default: --base-url)
  --allow-header NAME   a response header a proxy adds, allowed beside the spec's (repeatable)
  -h, --help            this text

Exit status: 0 when every case passed, 1 when any failed, 2 when the suite could not run.
`;

/** What the command line asks for. */
export interface CliCommand {
  readonly help: boolean;
  readonly options: Omit<ContractSuiteOptions, 'fetch' | 'onCase'>;
  readonly reporter: ReporterName;
  readonly output: string | undefined;
}

/**
 * A command line the CLI cannot run; the message says why.
 *
 * @example
 * ```ts
 * try {
 *   parseCliArgs(['--fuzz', 'many']);
 * } catch (error) {
 *   if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}`);
 * }
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${name} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Parses the arguments of `neuracraft-contract`.
 *
 * @throws {UsageError} on an unknown option, a missing base URL or admin key, or a bad number.
 * @example
 * ```ts
 * parseCliArgs(['--base-url', 'http://localhost:8080', '--admin-key', key, '--only', 'getMe,listPipelines']);
 * // → { help: false, reporter: 'pretty', output: undefined, options: { baseUrl, adminKey, only: ['getMe', 'listPipelines'], … } }
 * ```
 */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const reporter = (values.reporter ?? 'pretty') as ReporterName;
  if (values.help) {
    return { help: true, options: { baseUrl: '', adminKey: '' }, reporter, output: undefined };
  }
  if (!(reporter in REPORTERS)) {
    throw new UsageError(
      `--reporter must be ${Object.keys(REPORTERS).join(', ')}, not ${JSON.stringify(reporter)}`,
    );
  }
  if (positionals.length > 0 && values.only === undefined) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  }
  const baseUrl = values['base-url'];
  if (baseUrl === undefined) {
    throw new UsageError('--base-url is required');
  }
  const adminKey = values['admin-key'] ?? env.NEURACRAFT_ADMIN_KEY;
  if (adminKey === undefined || adminKey === '') {
    throw new UsageError('--admin-key (or NEURACRAFT_ADMIN_KEY) is required');
  }
  const only = [...(values.only ?? []), ...positionals]
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const fuzz = integer('--fuzz', values.fuzz, 0);
  const seed = integer('--seed', values.seed, 0);
  const concurrency = integer('--concurrency', values.concurrency, 1);
  return {
    help: false,
    reporter,
    output: values.output,
    options: {
      baseUrl,
      adminKey,
      ...(only.length > 0 && { only }),
      ...(fuzz !== undefined && { fuzz }),
      ...(seed !== undefined && { seed }),
      ...(concurrency !== undefined && { concurrency }),
      ...(values['skip-expiry'] && { expiry: false }),
      ...(values.issuer !== undefined && { issuer: values.issuer }),
      ...(values['allow-header'] !== undefined && { allowHeaders: values['allow-header'] }),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'base-url': { type: 'string' },
      'admin-key': { type: 'string' },
      only: { type: 'string', multiple: true },
      fuzz: { type: 'string' },
      seed: { type: 'string' },
      reporter: { type: 'string' },
      output: { type: 'string' },
      concurrency: { type: 'string' },
      'skip-expiry': { type: 'boolean' },
      issuer: { type: 'string' },
      'allow-header': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
