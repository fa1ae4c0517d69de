import { type Ctx, principalOf } from '../context.js';
import type { AuditEntry } from '../store/audit.js';

/** Records what a principal did to a target, for `GET /v1/audit-events`. */
export function audit(
  ctx: Ctx,
  action: AuditEntry['action'],
  target: { type: NonNullable<AuditEntry['target_type']>; id: string },
): Promise<void> {
  const principal = principalOf(ctx);
  return ctx.deps.store.audit.record({
    org_id: principal.orgId,
    action,
    outcome: 'success',
    actor_type: principal.kind,
    actor_id: principal.credentialId,
    target_type: target.type,
    target_id: target.id,
    request_id: ctx.requestId,
    ip: ctx.ip,
  });
}
