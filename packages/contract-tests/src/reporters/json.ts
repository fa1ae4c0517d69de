import type { SuiteResult } from '../result.js';

/**
 * The whole result as JSON (the {@link SuiteResult} shape), for tools.
 *
 * @example
 * ```ts
 * const { counts } = JSON.parse(jsonReport(await runContractSuite(options)));
 * ```
 */
export const jsonReport = (result: SuiteResult): string => `${JSON.stringify(result, null, 2)}\n`;
