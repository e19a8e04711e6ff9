import type {
  ExternalDocument,
  FocusArea,
  GoalArea,
  Indicator,
  LocalizedText,
  Objective,
  Relation,
  Version,
  VersionSummary,
} from '../../../domain/api/programme.ts';
import type { Caller } from '../../platform/actor.ts';
import { canManage } from './programme.policy.ts';
import type { RelationWithTarget, VersionParts, VersionWithOwner } from './programme.repository.ts';
import type {
  ExternalDocumentRow,
  FocusAreaRow,
  GoalAreaRow,
  IndicatorRow,
  ObjectiveRow,
} from './programme.tables.ts';

function pair(sv: string, en: string): LocalizedText {
  return { sv, en };
}

function optionalPair(sv: string | null, en: string | null): LocalizedText | null {
  return sv !== null && en !== null ? { sv, en } : null;
}

function link(id: string | null, labels: Map<string, string>) {
  return id ? { id, label: labels.get(id) ?? '' } : null;
}

/** A version's lifecycle facts and what the caller may do with it; `labels` names the linked versions. */
export function presentVersionSummary(
  caller: Caller,
  v: VersionWithOwner,
  labels: Map<string, string>,
): VersionSummary {
  const manage = canManage(caller, v.organisation_id);
  return {
    id: v.id,
    programmeId: v.programme_id,
    organisationId: v.organisation_id,
    label: v.label,
    title: pair(v.title_sv, v.title_en),
    status: v.status,
    isDemo: v.is_demo,
    adoptedOn: v.adopted_on,
    decisionReference: v.decision_reference,
    retiredOn: v.retired_on,
    retirementReference: v.retirement_reference,
    replaces: link(v.replaces_id, labels),
    retiredBy: link(v.retired_by_id, labels),
    copiedFrom: link(v.copied_from_id, labels),
    can: {
      edit: manage && v.status === 'draft',
      adopt: manage && v.status === 'draft',
      delete: manage && v.status === 'draft',
      retire: manage && v.status === 'adopted',
      copy: manage && v.status !== 'draft',
    },
  };
}

export function presentGoalArea(g: GoalAreaRow): GoalArea {
  return {
    id: g.id,
    position: g.position,
    title: pair(g.title_sv, g.title_en),
    description: pair(g.description_sv, g.description_en),
  };
}

export function presentObjective(o: ObjectiveRow): Objective {
  return {
    id: o.id,
    focusAreaId: o.focus_area_id,
    position: o.position,
    title: pair(o.title_sv, o.title_en),
    description: optionalPair(o.description_sv, o.description_en),
  };
}

export function presentIndicator(i: IndicatorRow): Indicator {
  return {
    id: i.id,
    focusAreaId: i.focus_area_id,
    position: i.position,
    name: pair(i.name_sv, i.name_en),
    unit: pair(i.unit_sv, i.unit_en),
    direction: i.direction,
    baseline:
      i.baseline_value !== null && i.baseline_year !== null
        ? { value: i.baseline_value, year: i.baseline_year }
        : null,
    target:
      i.target_value !== null && i.target_year !== null
        ? { value: i.target_value, year: i.target_year }
        : null,
  };
}

export function presentFocusArea(
  f: FocusAreaRow,
  goalAreaIds: string[],
  objectives: ObjectiveRow[],
  indicators: IndicatorRow[],
): FocusArea {
  return {
    id: f.id,
    position: f.position,
    title: pair(f.title_sv, f.title_en),
    description: pair(f.description_sv, f.description_en),
    communication: pair(f.communication_sv, f.communication_en),
    goalAreaIds,
    objectives: objectives.map(presentObjective),
    indicators: indicators.map(presentIndicator),
  };
}

export function presentExternalDocument(d: ExternalDocumentRow): ExternalDocument {
  return {
    id: d.id,
    organisationId: d.organisation_id,
    title: pair(d.title_sv, d.title_en),
    issuer: pair(d.issuer_sv, d.issuer_en),
    year: d.year,
    reference: d.reference,
  };
}

export function presentRelation(r: RelationWithTarget): Relation {
  const target: Relation['target'] = r.external
    ? {
        kind: 'external',
        id: r.external.id,
        title: pair(r.external.title_sv, r.external.title_en),
        issuer: pair(r.external.issuer_sv, r.external.issuer_en),
        year: r.external.year,
        reference: r.external.reference,
      }
    : {
        kind: 'version',
        id: r.version!.id,
        organisationId: r.version!.organisation_id,
        label: r.version!.label,
        title: pair(r.version!.title_sv, r.version!.title_en),
        status: r.version!.status,
      };
  return {
    id: r.id,
    versionId: r.version_id,
    type: r.type,
    target,
    note: optionalPair(r.note_sv, r.note_en),
  };
}

/** A version with all its parts, in order. */
export function presentVersion(
  caller: Caller,
  v: VersionWithOwner,
  labels: Map<string, string>,
  parts: VersionParts,
): Version {
  const goalOrder = new Map(parts.goalAreas.map((g) => [g.id, g.position]));
  const goalsOf = (focusAreaId: string) =>
    parts.links
      .filter((l) => l.focus_area_id === focusAreaId)
      .map((l) => l.goal_area_id)
      .sort((a, b) => (goalOrder.get(a) ?? 0) - (goalOrder.get(b) ?? 0));
  return {
    ...presentVersionSummary(caller, v, labels),
    summary: optionalPair(v.summary_sv, v.summary_en),
    goalAreas: parts.goalAreas.map(presentGoalArea),
    focusAreas: parts.focusAreas.map((f) =>
      presentFocusArea(
        f,
        goalsOf(f.id),
        parts.objectives.filter((o) => o.focus_area_id === f.id),
        parts.indicators.filter((i) => i.focus_area_id === f.id),
      ),
    ),
    relations: parts.relations.map(presentRelation),
  };
}
