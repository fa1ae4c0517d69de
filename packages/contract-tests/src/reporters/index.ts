import type { SuiteResult } from '../result.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';
import { type PrettyOptions, prettyReport } from './pretty.js';

/**
 * The reporters, by the name the CLI's `--reporter` takes.
 *
 * @example
 * ```ts
 * process.stdout.write(REPORTERS.json(await runContractSuite(options)));
 * ```
 */
export const REPORTERS = {
  pretty: (result: SuiteResult, options?: PrettyOptions) => prettyReport(result, options),
  junit: (result: SuiteResult) => junitReport(result),
  json: (result: SuiteResult) => jsonReport(result),
} as const;

/** A reporter's name: `pretty`, `junit` or `json`. */
export type ReporterName = keyof typeof REPORTERS;

export { jsonReport, junitReport, type PrettyOptions, prettyReport };
