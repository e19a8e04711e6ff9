import type {
  AuthorityDeadline,
  Incident,
  IncidentType,
  SupportItem,
  TimelineEvent,
} from '../../../domain/api/incidents.ts';
import type {
  AttachmentMetaRow,
  DeadlineRow,
  EventRow,
  IncidentDetailRow,
  ParticipantRow,
  SupportItemRow,
} from './handling.repository.ts';
import { SUPPORT_ITEMS } from './incidents.tables.ts';

const supportOrder = (item: SupportItem) => SUPPORT_ITEMS.indexOf(item);

/** What the participant view shows of the timeline: what was meant for them, and every change of state. */
export function isVisibleToParticipant(e: Pick<EventRow, 'kind' | 'visibility'>): boolean {
  return e.visibility === 'reporter' || e.kind === 'state_changed';
}

export function presentType(r: IncidentDetailRow): IncidentType {
  return {
    id: r.type_id,
    code: r.type_code,
    groupCode: r.type_group_code,
    version: r.tv_version,
    versionId: r.type_version_id,
    active: r.type_active,
    sortOrder: r.type_sort_order,
    labelSv: r.tv_label_sv,
    labelEn: r.tv_label_en,
    descriptionSv: r.tv_description_sv,
    descriptionEn: r.tv_description_en,
    focusAreas: r.tv_focus_areas,
    workEnvironmentKinds: r.tv_work_environment_kinds as IncidentType['workEnvironmentKinds'],
    serious: r.tv_serious,
    needToKnow: r.tv_need_to_know,
    anonymousAllowed: r.tv_anonymous_allowed,
    threatRegister: r.tv_threat_register,
    retentionMonths: r.tv_retention_months,
    retentionAction: r.tv_retention_action,
  };
}

const ref = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

function presentEvent(e: EventRow): TimelineEvent {
  return {
    id: e.id,
    at: e.at.toISOString(),
    kind: e.kind,
    actorName: e.actor_name,
    visibility: e.visibility,
    body: e.body,
    data: e.data,
  };
}

export interface IncidentParts {
  row: IncidentDetailRow;
  participants: ParticipantRow[];
  events: EventRow[];
  attachments: AttachmentMetaRow[];
  supportItems: SupportItemRow[];
}

/**
 * The incident as the viewer may see it. The `participant` view (the reporter, the affected person,
 * someone granted access who does not handle incidents) keeps the report, its state and what was
 * written to them; internal comments and events, the other participants, the assignee and the
 * support checklist stay with the handlers.
 */
export function presentIncident(
  parts: IncidentParts,
  opts: { view: 'handler' | 'participant'; viewerId: string; now: Date; can: Record<string, boolean> },
): Incident {
  const { row: r } = parts;
  const handler = opts.view === 'handler';
  const reporterShown = handler || r.reporter_id === opts.viewerId;
  return {
    id: r.id,
    reference: r.reference,
    view: opts.view,
    type: presentType(r),
    groupCode: r.group_code,
    focusAreas: r.focus_areas,
    needToKnow: r.need_to_know,
    serious: r.serious,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    unit: ref(r.unit_id, r.unit_name),
    anonymous: r.anonymous,
    reporter: reporterShown && !r.anonymous ? ref(r.reporter_id, r.reporter_name) : null,
    source: r.source,
    occurredAt: r.occurred_at.toISOString(),
    reportedAt: r.reported_at.toISOString(),
    location: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    area: ref(r.area_id, r.area_name),
    facility: ref(r.facility_id, r.facility_name),
    addressText: r.address_text,
    affectedKind: r.affected_kind,
    affectedGender: r.affected_gender,
    description: r.description,
    immediateAction: r.immediate_action,
    policeCalled: r.police_called,
    policeReportNumber: r.police_report_number,
    injury: r.injury,
    injurySeverity: r.injury_severity,
    workEnvironmentKind: r.work_environment_kind,
    state: r.state,
    closedReason: r.closed_reason,
    closedAt: r.closed_at?.toISOString() ?? null,
    assignee: handler ? ref(r.assignee_id, r.assignee_name) : null,
    authority:
      handler && r.authority_deadline_at
        ? {
            deadlineAt: r.authority_deadline_at.toISOString(),
            reportedAt: r.authority_reported_at?.toISOString() ?? null,
            reference: r.authority_reference,
            overdue: r.authority_reported_at === null && r.authority_deadline_at <= opts.now,
          }
        : null,
    participants: parts.participants
      .filter((p) => handler || p.user_id === opts.viewerId)
      .map((p) => ({ userId: p.user_id, name: p.name, role: p.role, reason: handler ? p.reason : null })),
    attachments: parts.attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      sha256: a.sha256,
      createdAt: a.created_at.toISOString(),
    })),
    supportItems: handler
      ? [...parts.supportItems]
          .sort((a, b) => supportOrder(a.item) - supportOrder(b.item))
          .map((s) => ({
            item: s.item,
            doneOn: s.done_on,
            note: s.note,
            recordedBy: s.recorded_by_name,
          }))
      : [],
    timeline: parts.events.filter((e) => handler || isVisibleToParticipant(e)).map(presentEvent),
    can: opts.can,
  };
}

export function presentDeadline(r: DeadlineRow, now: Date): AuthorityDeadline {
  return {
    id: r.id,
    reference: r.reference,
    typeLabelSv: r.type_label_sv,
    typeLabelEn: r.type_label_en,
    organisationName: r.organisation_name,
    occurredAt: r.occurred_at.toISOString(),
    deadlineAt: r.authority_deadline_at.toISOString(),
    reportedAt: r.authority_reported_at?.toISOString() ?? null,
    overdue: r.authority_reported_at === null && r.authority_deadline_at <= now,
  };
}
