import type { CaseResult, SuiteResult } from '../result.js';

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}

const time = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseResult): string {
  const open = `    <testcase classname="${xmlEscape(c.operationId)}" name="${xmlEscape(c.name)}" time="${time(c.durationMs)}"`;
  if (c.status === 'passed') {
    return `${open}/>`;
  }
  if (c.status === 'skipped') {
    return `${open}>\n      <skipped message="${xmlEscape(c.reason ?? '')}"/>\n    </testcase>`;
  }
  const details = [
    ...c.failures,
    ...c.exchanges.flatMap((e) => [
      '',
      `${e.request} → ${e.status}`,
      ...(e.requestBody !== undefined ? [`request body: ${e.requestBody}`] : []),
      `response body: ${e.responseBody}`,
    ]),
  ].join('\n');
  return (
    `${open}>\n      <failure message="${xmlEscape(c.failures[0] ?? 'failed')}" type="ContractViolation">` +
    `${xmlEscape(details)}</failure>\n    </testcase>`
  );
}

/**
 * A JUnit XML report, as CI systems read it: one `<testsuite>` per operation (named by its
 * operationId), one `<testcase>` per case, `<failure>` with every problem and the failing
 * requests, `<skipped>` with why.
 *
 * @example
 * ```ts
 * await writeFile('reports/contract.xml', junitReport(await runContractSuite(options)));
 * ```
 * @see https://github.com/testmoapp/junitxml
 */
export function junitReport(result: SuiteResult): string {
  const byOperation = new Map<string, CaseResult[]>();
  for (const c of result.cases) {
    byOperation.set(c.operationId, [...(byOperation.get(c.operationId) ?? []), c]);
  }
  const suites = [...byOperation].map(([operationId, cases]) => {
    const failures = cases.filter((c) => c.status === 'failed').length;
    const skipped = cases.filter((c) => c.status === 'skipped').length;
    const duration = cases.reduce((n, c) => n + c.durationMs, 0);
    return [
      `  <testsuite name="${xmlEscape(operationId)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time(duration)}">`,
      ...cases.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const { total, failed, skipped } = result.counts;
  const cleanup =
    result.cleanupProblems.length === 0
      ? []
      : [
          `  <testsuite name="cleanup" tests="1" failures="1" errors="0" skipped="0" time="0">`,
          `    <testcase classname="cleanup" name="remove what the suite made" time="0">`,
          `      <failure message="cleanup failed">${xmlEscape(result.cleanupProblems.join('\n'))}</failure>`,
          '    </testcase>',
          '  </testsuite>',
        ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="NeuraCraft contract suite (seed ${result.seed})" tests="${total + (cleanup.length > 0 ? 1 : 0)}" failures="${failed + (cleanup.length > 0 ? 1 : 0)}" errors="0" skipped="${skipped}" time="${time(result.durationMs)}" timestamp="${result.startedAt}">`,
    ...suites,
    ...cleanup,
    '</testsuites>',
    '',
  ].join('\n');
}
