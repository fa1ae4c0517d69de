import type { CaseResult, SuiteResult } from '../result.js';

/** Options of {@link prettyReport}. */
export interface PrettyOptions {
  /** ANSI colours. Default: `false`. */
  readonly color?: boolean;
  /** List passed cases too, not only failed and skipped ones. Default: `true`. */
  readonly passed?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A human-readable report: each operation with each of its cases (✓ passed, ✗ failed with every
 * problem, ○ skipped with why), then the counts, the duration and the seed.
 *
 * @example
 * ```ts
 * process.stdout.write(prettyReport(await runContractSuite(options), { color: process.stdout.isTTY }));
 * ```
 */
export function prettyReport(result: SuiteResult, options: PrettyOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [
    `NeuraCraft contract suite against ${result.baseUrl} (seed ${result.seed}, fuzz ${result.fuzz})`,
    '',
  ];
  const byOperation = new Map<string, CaseResult[]>();
  for (const c of result.cases) {
    byOperation.set(c.operationId, [...(byOperation.get(c.operationId) ?? []), c]);
  }
  for (const [operationId, cases] of byOperation) {
    const failed = cases.filter((c) => c.status === 'failed').length;
    lines.push(
      `${paint(1, operationId)}  ${cases[0]!.route}${failed > 0 ? paint(31, `  (${failed} failed)`) : ''}`,
    );
    for (const c of cases) {
      if (c.status === 'passed') {
        if (options.passed !== false) {
          lines.push(`  ${paint(32, '✓')} ${c.name}`);
        }
      } else if (c.status === 'skipped') {
        lines.push(`  ${paint(33, '○')} ${c.name} ${paint(2, `(skipped: ${c.reason})`)}`);
      } else {
        lines.push(`  ${paint(31, '✗')} ${c.name}`);
        for (const failure of c.failures) {
          lines.push(`      ${failure}`);
        }
      }
    }
    lines.push('');
  }
  for (const problem of result.cleanupProblems) {
    lines.push(paint(31, `cleanup: ${problem}`));
  }
  const { total, passed, failed, skipped } = result.counts;
  lines.push(
    `${total} cases: ${paint(32, `${passed} passed`)}, ${paint(failed > 0 ? 31 : 2, `${failed} failed`)}, ` +
      `${skipped} skipped — ${result.requests} requests in ${seconds(result.durationMs)} (seed ${result.seed})`,
  );
  if (failed > 0) {
    lines.push(`Reproduce with --seed ${result.seed}${result.fuzz > 0 ? ` --fuzz ${result.fuzz}` : ''}.`);
  }
  return `${lines.join('\n')}\n`;
}
