import type { Principal } from '@neuracraft/auth-core';
import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { jsonText } from '../http/problem.js';
import { listed } from './common.js';

// Principals are immutable and cached by the authenticator, so each one's answer is serialized once.
const answers = new WeakMap<Principal, string>();

export const getMe: Handler<'getMe'> = (ctx) => {
  const p = principalOf(ctx);
  let answer = answers.get(p);
  if (answer === undefined) {
    answer = JSON.stringify({
      org_id: p.orgId,
      credential: { type: p.kind, id: p.credentialId },
      scopes: p.scopes,
      client_id: p.clientId,
    });
    answers.set(p, answer);
  }
  return jsonText(answer, ctx);
};

export const listAuditEvents: Handler<'listAuditEvents'> = (ctx) => {
  const { action, outcome } = ctx.input.query;
  return listed(ctx, (page) => ctx.deps.store.audit.list(principalOf(ctx).orgId, page, { action, outcome }));
};
