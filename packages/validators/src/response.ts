import { toIssues } from './messages.js';
import {
  mediaTypeOf,
  type OperationIdOf,
  type OperationKey,
  type ResponseBody,
  validatorsOf,
} from './operation.js';
import { issue, type Result } from './result.js';

/**
 * Checks a response of an operation against the spec: that `status` is documented (exactly, as a
 * range such as `4XX`, or as `default`) and that `body` matches its schema. Nothing is coerced or
 * filled in. Issue paths are rooted like a request's: `/status`, `/headers/content-type`, `/body/…`.
 *
 * @param op - the operationId or route; a key that names no operation throws a `TypeError`.
 * @param status - the HTTP status code.
 * @param body - the parsed body; `undefined` (or `''`) for a response without one.
 * @param contentType - the `Content-Type` of the response. Default: the response's only (or first)
 *   declared media type.
 * @example
 * ```ts
 * import { validateResponse } from '@neuracraft/validators';
 *
 * const res = await fetch('http://localhost:8080/v1/me', { headers: { 'X-API-Key': key } });
 * const checked = validateResponse('getMe', res.status, await res.json(), res.headers.get('content-type') ?? undefined);
 * if (!checked.ok) {
 *   throw new Error(checked.issues.map((i) => i.message).join('\n'));
 * }
 * ```
 */
export function validateResponse<K extends OperationKey, S extends number>(
  op: K,
  status: S,
  body: unknown,
  contentType?: string,
): Result<ResponseBody<OperationIdOf<K>, S>> {
  const entry = validatorsOf(op);
  const documented = Object.keys(entry.responses);
  const media =
    entry.responses[String(status)] ??
    entry.responses[`${String(status).charAt(0)}XX`] ??
    entry.responses.default;
  if (media === undefined) {
    return {
      ok: false,
      issues: [
        issue(
          '/status',
          `${status} is not a documented status of ${entry.operationId} (documented: ${documented.join(', ')})`,
        ),
      ],
    };
  }
  const declared = Object.keys(media);
  if (declared.length === 0) {
    return body === undefined || body === ''
      ? { ok: true, value: undefined as ResponseBody<OperationIdOf<K>, S> }
      : {
          ok: false,
          issues: [
            issue('/body', `must be absent: the ${status} response of ${entry.operationId} has no body`),
          ],
        };
  }
  const named = mediaTypeOf(contentType);
  const validate = named === undefined ? media[declared[0]!] : media[named];
  if (validate === undefined) {
    return { ok: false, issues: [issue('/headers/content-type', `must be ${declared.join(' or ')}`)] };
  }
  if (!validate(body)) {
    return { ok: false, issues: toIssues('/body', validate.errors ?? [], false) };
  }
  return { ok: true, value: body as ResponseBody<OperationIdOf<K>, S> };
}
