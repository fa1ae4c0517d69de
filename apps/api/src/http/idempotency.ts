import { createHash } from 'node:crypto';
import type { Principal } from '@neuracraft/auth-core';
import type { Ctx } from '../context.js';
import { problem } from './problem.js';

const fingerprint = (ctx: Ctx) =>
  createHash('sha256')
    .update(`${ctx.op.operationId}\n${new URL(ctx.request.url).pathname}\n${ctx.rawBody ?? ''}`)
    .digest('base64url');

/**
 * Runs `handler` once per `Idempotency-Key` (per credential): a retry with the same key and the same
 * request gets the first answer again (`Idempotent-Replayed: true`); the same key with another request
 * is a 409. Responses that carry a secret are not kept: their replay is a 409 that names the object made.
 */
export function withIdempotency(
  ctx: Ctx,
  handler: (ctx: Ctx) => Promise<Response> | Response,
): Promise<Response> | Response {
  const key = ctx.op.method === 'post' ? ctx.requestHeaders['idempotency-key'] : undefined;
  return typeof key === 'string' && ctx.principal !== null
    ? once(ctx, handler, key, ctx.principal)
    : handler(ctx);
}

async function once(
  ctx: Ctx,
  handler: (ctx: Ctx) => Promise<Response> | Response,
  key: string,
  { orgId, credentialId }: Principal,
): Promise<Response> {
  const { store } = ctx.deps;
  const print = fingerprint(ctx);
  const seen = await store.idempotency.get(orgId, credentialId, key);
  if (seen) {
    return replay(ctx, seen, print);
  }
  const response = await handler(ctx);
  if (response.status >= 500 || response.status === 429) {
    return response;
  }
  const body = await response.clone().text();
  // A response holding a secret (`x-shows-secret` in the spec) is shown once: only the id made is kept.
  const secret = ctx.op.showsSecret;
  const kept = secret
    ? JSON.stringify({ id: (JSON.parse(body || '{}') as { id?: string }).id ?? null })
    : body;
  const stored = await store.idempotency.put({
    org_id: orgId,
    credential_id: credentialId,
    idempotency_key: key,
    operation_id: ctx.op.operationId,
    fingerprint: print,
    status: secret ? -response.status : response.status,
    body: kept,
    created_at: new Date().toISOString(),
  });
  if (!stored) {
    const winner = await store.idempotency.get(orgId, credentialId, key);
    return winner ? replay(ctx, winner, print) : response;
  }
  return response;
}

function replay(
  ctx: Ctx,
  seen: { fingerprint: string; status: number; body: string },
  print: string,
): Response {
  if (seen.fingerprint !== print) {
    return problem(
      'conflict',
      'This Idempotency-Key was already used with another request; use a new key for a new request.',
      ctx,
    );
  }
  if (seen.status < 0) {
    const { id } = JSON.parse(seen.body) as { id: string | null };
    return problem(
      'conflict',
      `This Idempotency-Key already created ${id ?? 'the object'}; its secret was shown once and cannot be shown again.`,
      ctx,
    );
  }
  return new Response(seen.status === 204 ? null : seen.body, {
    status: seen.status,
    headers: { ...ctx.headers, 'content-type': 'application/json', 'idempotent-replayed': 'true' },
  });
}
