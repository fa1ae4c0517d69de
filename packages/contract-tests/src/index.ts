export type { Challenge } from './check/challenge.js';
export { parseChallenges } from './check/challenge.js';
export { conformanceProblems, TRANSPORT_HEADERS } from './check/conformance.js';
export { undocumentedMembers } from './check/members.js';
export { type CliCommand, parseCliArgs, USAGE, UsageError } from './cli-args.js';
export { SetupError } from './context.js';
export { createRng, deriveSeed, type Rng } from './generate/prng.js';
export { stringMatching } from './generate/regex.js';
export { type GenerateOptions, generateValue, type Link } from './generate/values.js';
export { main } from './main.js';
export type { ContractSuiteOptions } from './options.js';
export {
  jsonReport,
  junitReport,
  type PrettyOptions,
  prettyReport,
  REPORTERS,
  type ReporterName,
} from './reporters/index.js';
export type { CaseResult, CaseStatus, FailedExchange, SuiteResult } from './result.js';
export { runContractSuite } from './run.js';
