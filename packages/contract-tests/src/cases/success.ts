import type { OperationSpec } from '../spec/document.js';
import { alternativesOf, isPublic } from '../spec/security.js';
import type { CaseDefinition } from './case.js';
import { validPlan } from './common.js';
import { anyScope, credentialWith, KIND_LABEL, scopeList } from './credential.js';
import { toHttpRequest } from './request.js';

/**
 * The success cases of a protected operation (issue case 4): for each alternative of its
 * `security` in turn, a credential holding exactly the scopes of that alternative sends a valid
 * request and gets a documented 2xx whose body, members and headers are those the spec describes.
 */
export function successCases(op: OperationSpec): CaseDefinition[] {
  if (isPublic(op)) {
    return [];
  }
  const want = op.successes.join(' or ');
  const seen = new Set<string>();
  const cases: CaseDefinition[] = [];
  for (const alternative of alternativesOf(op)) {
    const { kind, scopes } = alternative;
    const label =
      kind === undefined
        ? alternative.scheme
        : kind === 'session'
          ? KIND_LABEL.session
          : `${KIND_LABEL[kind]} with ${scopeList(anyScope(scopes))}`;
    const name = `${label} → ${want}`;
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    if (kind !== 'apiKey' && kind !== 'bearer') {
      cases.push({
        operationId: op.operationId,
        name,
        skip: `the suite cannot make a ${alternative.scheme} credential (a dashboard user signs in for one)`,
        run: async () => {},
      });
      continue;
    }
    cases.push({
      operationId: op.operationId,
      name,
      run: async (t) => {
        const credential = await credentialWith(t, kind, scopes);
        const plan = await validPlan(t, name);
        t.expect(await t.send(toHttpRequest(op, plan, credential.headers, credential.label)), {
          status: op.successes,
        });
      },
    });
  }
  return cases;
}
