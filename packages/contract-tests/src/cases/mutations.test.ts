import { describe, expect, it } from 'vitest';
import { createRng } from '../generate/prng.js';
import { stringMatching } from '../generate/regex.js';
import { generateValue } from '../generate/values.js';
import { allOperations, type OperationSpec } from '../spec/document.js';
import { resourcesOfPath } from '../spec/resources.js';
import { schemaMutations } from './mutations.js';
import { issuesOf, type RequestPlan, toForm } from './request.js';

/** A valid request of `op` built offline: ids of the right shape, a minimal body. */
function plan(op: OperationSpec): RequestPlan {
  const rng = createRng(9);
  const params = Object.fromEntries(
    resourcesOfPath(op.path).map((r) => [r.param, stringMatching(r.idPattern ?? '^x$', rng)]),
  );
  const link = (s: Record<string, unknown>) =>
    typeof s.pattern === 'string' ? { value: stringMatching(s.pattern, rng) } : undefined;
  const value = op.body?.required ? generateValue(op.body.schema, { rng, minimal: true, link }) : undefined;
  const body = value === undefined || op.body?.mediaType === 'application/json' ? value : toForm(value);
  return { params, query: {}, headers: {}, body };
}

const rows = allOperations().flatMap((op) =>
  schemaMutations(op)
    .filter((m) => m.verdict !== 'raw')
    .map((m) => [`${op.operationId}: ${m.label}`, op, m] as const),
);

describe('schemaMutations', () => {
  it('derives invalid inputs for every operation that takes any', () => {
    expect(rows.length).toBeGreaterThan(100);
  });

  it.each(rows)('%s is what it claims per the validators', (_, op, mutation) => {
    const valid = plan(op);
    expect(issuesOf(op, valid)).toEqual([]);
    const broken = mutation.apply(valid, createRng(1));
    expect(broken).toBeDefined();
    const issues = issuesOf(op, broken!);
    if (mutation.verdict === 'invalid') {
      expect(issues.length).toBeGreaterThan(0);
    } else {
      expect(issues).toEqual([]);
    }
  });
});
