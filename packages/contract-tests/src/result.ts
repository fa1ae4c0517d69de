/** How a case ended. */
export type CaseStatus = 'passed' | 'failed' | 'skipped';

/** A failing request of a case, kept so the failure can be reproduced by hand. */
export interface FailedExchange {
  /** `POST /v1/pipelines (API key with pipeline:write)` */
  readonly request: string;
  readonly requestBody?: string;
  readonly status: number;
  readonly responseBody: string;
}

/** The outcome of one case. */
export interface CaseResult {
  readonly operationId: string;
  /** `GET /v1/pipelines` */
  readonly route: string;
  /** `bearer token without pipeline:read → 403 insufficient_scope` */
  readonly name: string;
  readonly status: CaseStatus;
  /** One line per problem: the request, the status it got, what the spec wanted instead. */
  readonly failures: readonly string[];
  readonly exchanges: readonly FailedExchange[];
  /** Why a skipped case did not run. */
  readonly reason?: string;
  readonly requests: number;
  readonly durationMs: number;
}

/**
 * What a run found.
 *
 * @example
 * ```ts
 * const { ok, counts, seed } = await runContractSuite(options);
 * console.log(`${counts.failed} of ${counts.total} cases failed (seed ${seed})`);
 * ```
 */
export interface SuiteResult {
  /** `true` when no case failed and cleaning up succeeded. */
  readonly ok: boolean;
  readonly baseUrl: string;
  /** The seed of every generated input: pass it as `seed` (`--seed`) to reproduce a run. */
  readonly seed: number;
  readonly fuzz: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly counts: {
    readonly total: number;
    readonly passed: number;
    readonly failed: number;
    readonly skipped: number;
  };
  readonly requests: number;
  readonly cases: readonly CaseResult[];
  /** Fixtures or credentials that could not be removed at the end. */
  readonly cleanupProblems: readonly string[];
}
