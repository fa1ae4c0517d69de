import type { Handler } from '../context.js';
import { principalOf } from '../context.js';
import { json } from '../http/problem.js';
import { listed } from './common.js';

export const getMe: Handler<'getMe'> = (ctx) => {
  const p = principalOf(ctx);
  return json(
    {
      org_id: p.orgId,
      credential: { type: p.kind, id: p.credentialId },
      scopes: [...p.scopes],
      client_id: p.clientId,
    },
    ctx,
  );
};

export const listAuditEvents: Handler<'listAuditEvents'> = (ctx) => {
  const { action, outcome } = ctx.input.query;
  return listed(ctx, (page) => ctx.deps.store.audit.list(principalOf(ctx).orgId, page, { action, outcome }));
};
