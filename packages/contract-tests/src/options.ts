import type { CaseResult } from './result.js';

/**
 * What to run, against what.
 *
 * @example
 * ```ts
 * const options: ContractSuiteOptions = {
 *   baseUrl: 'https://api.example.com',
 *   adminKey: process.env.NEURACRAFT_ADMIN_KEY!,
 *   fuzz: 50,
 *   issuer: 'https://api.example.com',
 *   allowHeaders: ['cf-ray'],
 * };
 * ```
 */
export interface ContractSuiteOptions {
  /** Where the API is, e.g. `https://api.neuracraft.com` or `http://localhost:8080` (a path prefix is kept). */
  readonly baseUrl: string;
  /**
   * An API key holding `admin:all`. It makes the keys, apps, tokens and resources the cases need,
   * and removes them at the end; no case is run with it.
   */
  readonly adminKey: string;
  /** Only these operations (by operationId). Default: every operation of the spec. */
  readonly only?: readonly string[];
  /** Generated inputs per operation. Default: `0` (no fuzzing). */
  readonly fuzz?: number;
  /** Seed of every generated input. Default: a random one, reported in the result. */
  readonly seed?: number;
  /** Cases run at once. Default: `4`. */
  readonly concurrency?: number;
  /**
   * Run the expired-credential cases: they wait until a key and a token made at the start have
   * expired (a token lives at least the spec's minimum `token_ttl_seconds`, 60 s). Default: `true`.
   */
  readonly expiry?: boolean;
  /**
   * The issuer the server must announce in its RFC 8414 metadata (§3.3). Default: `baseUrl` —
   * set it when the suite reaches the server through another address than its public one.
   */
  readonly issuer?: string;
  /**
   * Response headers allowed beside those the spec documents and HTTP's own (`Content-Type`,
   * `Date`, …): what a proxy in front of the deployment adds. Default: none.
   */
  readonly allowHeaders?: readonly string[];
  /** The `fetch` to use. Default: the global one. */
  readonly fetch?: typeof fetch;
  /** Called as each case ends (for progress output). */
  readonly onCase?: (result: CaseResult) => void;
}
