import type { OperationSpec } from '../spec/document.js';
import { alternativesOf, isPublic } from '../spec/security.js';
import { oauthBinding, takesForm } from './binding.js';
import type { CaseContext, CaseDefinition } from './case.js';
import { mutates, rngFor } from './common.js';
import { credentialWith, type SentCredential } from './credential.js';
import { schemaMutations } from './mutations.js';
import { issuesOf, planRequest, toHttpRequest } from './request.js';

/** The credential invalid-input cases send: the first API key or token alternative, or none when public. */
async function credentialFor(t: CaseContext): Promise<SentCredential> {
  const alternative = alternativesOf(t.op).find((a) => a.kind === 'apiKey' || a.kind === 'bearer');
  if (alternative === undefined) {
    return { headers: {}, label: 'no credential' };
  }
  return credentialWith(t, alternative.kind as 'apiKey' | 'bearer', alternative.scopes);
}

/**
 * The invalid-input cases of an operation (issue case 5): each mutation of a valid request that
 * its schemas rule out gets 400 with the error body (404 for ids naming nothing, 415 for a body of
 * the wrong media type) and never a 5xx.
 */
export function invalidCases(op: OperationSpec): CaseDefinition[] {
  const usable = isPublic(op) || alternativesOf(op).some((a) => a.kind === 'apiKey' || a.kind === 'bearer');
  return schemaMutations(op).map((mutation): CaseDefinition => {
    const name = `invalid input: ${mutation.label} → ${mutation.status}${mutation.error ? ` ${mutation.error}` : ''}`;
    if (!usable) {
      return {
        operationId: op.operationId,
        name,
        skip: 'the operation takes only credentials the suite cannot make',
        run: async () => {},
      };
    }
    return {
      operationId: op.operationId,
      name,
      run: async (t) => {
        const rng = rngFor(t, name);
        const bind = takesForm(t) ? await oauthBinding(t) : undefined;
        const plan = await planRequest(t, op, {
          rng,
          minimal: true,
          fresh: mutates(op),
          ...(bind && { bind }),
        });
        const broken = mutation.apply(plan, rng);
        if (broken === undefined) {
          t.fail(`the suite could not apply "${mutation.label}" to a valid request`);
          return;
        }
        if (mutation.verdict !== 'raw') {
          const invalid = issuesOf(op, broken).length > 0;
          if (invalid !== (mutation.verdict === 'invalid')) {
            t.fail(
              `the suite's own request is ${invalid ? 'invalid' : 'valid'} per @neuracraft/validators, expected ${mutation.verdict}`,
            );
            return;
          }
        }
        const credential = await credentialFor(t);
        t.expect(await t.send(toHttpRequest(op, broken, credential.headers, credential.label)), {
          status: mutation.status,
          ...(mutation.error !== undefined && { error: mutation.error }),
        });
      },
    };
  });
}
