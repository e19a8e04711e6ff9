import type { z } from 'zod';
import type {
  BatchIncidentsRequestSchema,
  BatchIncidentsResponseSchema,
} from '../../../domain/api/incidents.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { swedishDay } from '../areas/areas.usecases.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { type Checked, checkBatch, keyOf } from './batch-checks.ts';
import { accessOrganisationId } from './incidents.policy.ts';
import { authorityDeadline, isSeriousEvent, swedishYear, workEnvironmentKindFor } from './report-rules.ts';
import { createReportsRepository, type NewIncident } from './reports.repository.ts';
import { findRouting, type Routing, recordRouting } from './routing.ts';

type BatchRequest = z.infer<typeof BatchIncidentsRequestSchema>;
type BatchResponse = z.infer<typeof BatchIncidentsResponseSchema>;

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** What a report from another system stores. */
function valuesOf(c: Checked, system: string, now: Date): NewIncident {
  const r = c.report;
  const injury = r.injury ?? false;
  const occurredAt = new Date(r.occurredAt);
  const serious = isSeriousEvent({
    typeSerious: c.type.version.serious,
    groupCode: c.type.group_code,
    injury,
    injurySeverity: r.injurySeverity,
  });
  return {
    type_id: c.type.id,
    type_version_id: c.type.version.id,
    group_code: c.type.group_code,
    focus_areas: c.type.version.focus_areas,
    need_to_know: c.type.version.need_to_know,
    serious,
    organisation_id: c.placement.organisationId,
    unit_id: c.placement.unitId,
    reporter_id: null,
    anonymous: false,
    source: 'api',
    external_system: system,
    external_id: r.externalId,
    occurred_at: occurredAt,
    reported_at: now,
    ...c.place,
    facility_id: c.facility?.id ?? null,
    address_text: r.addressText || null,
    affected_kind: r.affectedKind,
    affected_gender: r.affectedGender ?? null,
    affected_user_id: null,
    description: r.description,
    immediate_action: r.immediateAction || null,
    police_called: r.policeCalled ?? false,
    police_report_number: r.policeReportNumber || null,
    injury,
    injury_severity: injury ? (r.injurySeverity ?? null) : null,
    work_environment_kind: workEnvironmentKindFor({
      chosen: null,
      injury,
      typeKinds: c.type.version.work_environment_kinds,
    }).kind,
    authority_deadline_at: serious ? authorityDeadline(occurredAt) : null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Reports from another system (issue 4 part 9), idempotent by (system, external id) within the
 * responsible organisation: one already stored is answered `unchanged` and left as it is, so a
 * repeated batch changes nothing. Every report is checked first and any problem refuses the whole
 * batch (listed per report and field); the new ones are stored, routed and attached in one
 * transaction, with one audit entry for the batch.
 */
export async function importIncidentBatch({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  input: BatchRequest;
  meta?: RequestMeta;
}): Promise<BatchResponse> {
  const now = deps.now();
  const { prepared, existing, checked } = await checkBatch(deps, caller, input, now);

  const routings = new Map<string, Routing>();
  for (const c of checked) {
    const key = `${c.placement.organisationId}/${c.placement.unitId}`;
    if (!routings.has(key)) routings.set(key, await findRouting(deps.db, c.placement, swedishDay(now)));
  }
  const routingOf = (c: Checked) => routings.get(`${c.placement.organisationId}/${c.placement.unitId}`)!;

  const stored = await deps.db.transaction().execute(async (trx) => {
    const tx = createReportsRepository({ db: trx });
    const inserted = await tx.insertExternalIncidents(
      checked.map((c) => valuesOf(c, input.system, now)),
      swedishYear(now),
    );
    const byKey = new Map(inserted.map((row) => [keyOf(row.organisation_id, row.external_id!), row]));
    const created = checked.filter((c) => byKey.has(c.key));
    await recordRouting(
      trx,
      now,
      created.map((c) => ({
        ...byKey.get(c.key)!,
        type: c.type,
        routing: routingOf(c),
        reporterId: null,
        affectedUserId: null,
        actorId: caller.userId,
        source: 'api' as const,
      })),
    );
    await tx.insertAttachments(
      created.flatMap((c) =>
        c.attachments.map((a) => ({
          ...a,
          incident_id: byKey.get(c.key)!.id,
          uploaded_by: caller.userId,
          created_at: now,
        })),
      ),
    );
    // Those stored meanwhile by a concurrent copy of this batch are unchanged too.
    const raced = await tx.findExternal(
      input.system,
      checked
        .filter((c) => !byKey.has(c.key))
        .map((c) => ({ organisationId: c.placement.organisationId, externalId: c.report.externalId })),
    );
    for (const row of raced) existing.set(keyOf(row.organisation_id, row.external_id!), row);
    const organisations = new Set(prepared.map((p) => accessOrganisationId(p.placement)));
    await recordAudit(
      trx,
      {
        action: 'incident.batch_received',
        actorId: caller.userId,
        organisationId: organisations.size === 1 ? [...organisations][0]! : null,
        targetType: 'incident_batch',
        targetId: input.system,
        fields: [`created:${created.length}`, `unchanged:${prepared.length - created.length}`],
        ip: meta.ip,
        requestId: meta.requestId,
      },
      now,
    );
    return byKey;
  });
  if (stored.size > 0) deps.jobs?.kickNotifications();

  const items = prepared.map((p) => {
    const row = stored.get(p.key) ?? existing.get(p.key)!;
    return {
      externalId: p.report.externalId,
      id: row.id,
      reference: row.reference,
      status: stored.has(p.key) ? ('created' as const) : ('unchanged' as const),
    };
  });
  return {
    created: items.filter((i) => i.status === 'created').length,
    unchanged: items.filter((i) => i.status === 'unchanged').length,
    items,
  };
}
