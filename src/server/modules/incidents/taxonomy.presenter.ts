import type { IncidentType } from '../../../domain/api/incidents.ts';
import type { IncidentTypeVersionRow, WorkEnvironmentKind } from './incidents.tables.ts';
import type { TypeWithVersion } from './taxonomy.repository.ts';

type Definition = Pick<
  IncidentType,
  | 'labelSv'
  | 'labelEn'
  | 'descriptionSv'
  | 'descriptionEn'
  | 'focusAreas'
  | 'workEnvironmentKinds'
  | 'serious'
  | 'needToKnow'
  | 'anonymousAllowed'
  | 'threatRegister'
  | 'retentionMonths'
  | 'retentionAction'
>;

/** What one version of a type says, in the API's words. */
export function presentDefinition(v: Omit<IncidentTypeVersionRow, 'id' | 'type_id' | 'version'>): Definition {
  return {
    labelSv: v.label_sv,
    labelEn: v.label_en,
    descriptionSv: v.description_sv,
    descriptionEn: v.description_en,
    focusAreas: v.focus_areas,
    workEnvironmentKinds: v.work_environment_kinds as WorkEnvironmentKind[],
    serious: v.serious,
    needToKnow: v.need_to_know,
    anonymousAllowed: v.anonymous_allowed,
    threatRegister: v.threat_register,
    retentionMonths: v.retention_months,
    retentionAction: v.retention_action,
  };
}

/** A type as of the given version (its current one unless an incident keeps an older one). */
export function presentIncidentType(
  t: Omit<TypeWithVersion, 'version'>,
  version: IncidentTypeVersionRow,
): IncidentType {
  return {
    id: t.id,
    code: t.code,
    groupCode: t.group_code,
    version: version.version,
    versionId: version.id,
    active: t.active,
    sortOrder: t.sort_order,
    ...presentDefinition(version),
  };
}
