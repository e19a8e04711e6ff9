import { sql } from 'kysely';
import type { AuditEvent, AuditListQuery, AuditListResponse } from '../../../domain/api/audit.ts';
import { type Actor, scopeOf } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';

/**
 * Audit events the actor may read: those of organisations in their `audit.read` scope; events
 * tied to no organisation (sign-ins, user changes) only for those whose scope is the whole city.
 * The read itself is audited.
 */
export async function listAuditEvents({
  deps,
  actor,
  query,
  meta,
}: {
  deps: AppDeps;
  actor: Actor;
  query: AuditListQuery;
  meta: RequestMeta;
}): Promise<AuditListResponse> {
  const scope = scopeOf(actor, 'audit.read');
  const rootId = await createOrganisationsRepository(deps).findRootId();
  const cityWide = rootId !== undefined && scope.includes(rootId);
  let q = deps.db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_id',
      'u.name as actor_name',
      'e.organisation_id',
      'e.action',
      'e.target_type',
      'e.target_id',
      'e.fields',
      'e.ip',
      'e.request_id',
    ])
    .orderBy('e.id', 'desc')
    .limit(query.limit + 1);
  if (!cityWide)
    q = q.where('e.organisation_id', 'in', scope.length ? scope : ['00000000-0000-0000-0000-000000000000']);
  if (query.action) q = q.where('e.action', 'like', `${query.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (query.actorId) q = q.where('e.actor_id', '=', query.actorId);
  if (query.targetId) q = q.where('e.target_id', '=', query.targetId);
  if (query.from) q = q.where('e.at', '>=', new Date(`${query.from}T00:00:00Z`));
  if (query.to) q = q.where('e.at', '<', new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000));
  if (query.before) q = q.where(sql<boolean>`e.id < ${query.before}::bigint`);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  await deps.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        action: 'audit.read',
        actorId: actor.userId,
        targetType: 'audit_log',
        fields: Object.keys(query).filter(
          (k) => k !== 'limit' && query[k as keyof AuditListQuery] !== undefined,
        ),
        ...meta,
      },
      deps.now(),
    ),
  );
  const items: AuditEvent[] = page.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    organisationId: r.organisation_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    fields: r.fields,
    ip: r.ip,
    requestId: r.request_id,
  }));
  return { items, nextBefore: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
}
