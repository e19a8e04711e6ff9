import type { ThreatCase, ThreatEntry, ThreatWarning } from '../../../domain/api/threat-register.ts';
import type { CaseRow, EntryRow, MatchedCaseRow, WarningRow } from './threat-register.repository.ts';

/** A warning says that threats were recorded, when and of what type — never more. */
export function presentWarning(row: WarningRow): ThreatWarning {
  return {
    entryId: row.entry_id,
    occurredOn: row.occurred_on,
    typeLabelSv: row.label_sv,
    typeLabelEn: row.label_en,
    incidentId: row.incident_id,
  };
}

export function presentCase(row: CaseRow, warnings: readonly WarningRow[]): ThreatCase {
  return {
    id: row.id,
    label: row.label,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    createdAt: row.created_at.toISOString(),
    warnings: warnings.map(presentWarning),
  };
}

export function presentEntry(row: EntryRow, matched: readonly MatchedCaseRow[], now: Date): ThreatEntry {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    typeId: row.type_id,
    typeLabelSv: row.label_sv,
    typeLabelEn: row.label_en,
    occurredOn: row.occurred_on,
    expiresAt: row.expires_at.toISOString(),
    expired: row.expires_at.getTime() <= now.getTime(),
    note: row.note,
    incidentId: row.incident_id,
    incidentReference: row.incident_reference,
    matchedCases: matched.map((m) => ({
      caseId: m.case_id,
      userId: m.user_id,
      userName: m.user_name,
      registeredAt: m.registered_at.toISOString(),
      granted: m.granted,
    })),
    createdAt: row.created_at.toISOString(),
  };
}
