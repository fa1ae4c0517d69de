import { isDeepStrictEqual } from 'node:util';
import type { OperationSpec } from '../spec/document.js';
import { alternativesOf } from '../spec/security.js';
import type { CaseDefinition } from './case.js';
import { mutates, rngFor } from './common.js';
import { credentialWith } from './credential.js';
import { planRequest, toHttpRequest } from './request.js';

/** The header parameter that makes a POST safe to retry, when the operation declares one. */
const idempotencyHeader = (op: OperationSpec) =>
  op.parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')?.name;

/**
 * The `Idempotency-Key` cases of an operation that declares the header: a repeat of the same
 * request gets the first response again and acts once; the same key with another request is 409.
 */
export function idempotencyCases(op: OperationSpec): CaseDefinition[] {
  const header = idempotencyHeader(op);
  const alternative = alternativesOf(op).find((a) => a.kind === 'apiKey' || a.kind === 'bearer');
  if (header === undefined || alternative === undefined) {
    return [];
  }
  const kind = alternative.kind as 'apiKey' | 'bearer';
  return [
    {
      operationId: op.operationId,
      name: op.showsSecret
        ? `${header}: the same request again → 409 conflict, the secret is not shown twice (x-shows-secret)`
        : `${header}: the same request again → the first response again`,
      run: async (t) => {
        const rng = rngFor(t, 'idempotent replay');
        const credential = await credentialWith(t, kind, alternative.scopes);
        const plan = await planRequest(t, op, { rng, minimal: true, fresh: mutates(op) });
        const key = `contract-tests-${rng.int(0, 2 ** 31)}`;
        const request = toHttpRequest(
          op,
          { ...plan, headers: { ...plan.headers, [header]: key } },
          credential.headers,
          credential.label,
        );
        const first = await t.send(request);
        if (!t.reached(first, { status: op.successes })) {
          return;
        }
        const again = await t.send(request);
        if (op.showsSecret) {
          // x-shows-secret: the secret was shown once and no copy is kept, so a repeat is a 409 that
          // names what the first request made, and never the secret.
          const secret =
            (first.response.json as Record<string, unknown>)?.key ??
            (first.response.json as Record<string, unknown>)?.client_secret;
          t.expect(again, {
            status: 409,
            error: 'conflict',
            check: (e) =>
              typeof secret === 'string' && e.response.text.includes(secret)
                ? ['the repeat shows the secret again']
                : [],
          });
          return;
        }
        t.expect(again, {
          status: first.response.status,
          check: (e) =>
            isDeepStrictEqual(e.response.json, first.response.json)
              ? []
              : [`the replay's body differs from the first response's: ${e.response.text.slice(0, 200)}`],
        });
      },
    },
    {
      operationId: op.operationId,
      name: `${header}: reused with another request → 409 conflict`,
      run: async (t) => {
        const rng = rngFor(t, 'idempotent conflict');
        const credential = await credentialWith(t, kind, alternative.scopes);
        const key = `contract-tests-${rng.int(0, 2 ** 31)}`;
        const send = async () => {
          const plan = await planRequest(t, op, { rng, minimal: true, fresh: mutates(op) });
          return {
            plan,
            exchange: await t.send(
              toHttpRequest(
                op,
                { ...plan, headers: { ...plan.headers, [header]: key } },
                credential.headers,
                credential.label,
              ),
            ),
          };
        };
        const first = await send();
        if (!t.reached(first.exchange, { status: op.successes })) {
          return;
        }
        const second = await send();
        if (isDeepStrictEqual(first.plan, second.plan)) {
          t.fail('the suite could not make a second, different request');
          return;
        }
        t.expect(second.exchange, { status: 409, error: 'conflict' });
      },
    },
  ];
}
