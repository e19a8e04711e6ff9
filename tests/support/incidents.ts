import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.ts';
import type { ParticipantRole } from '../../src/server/modules/incidents/incidents.tables.ts';
import { incidentsDb } from '../../src/server/modules/incidents/incidents.tables.ts';
import { applyIncidentRollups } from '../../src/server/modules/rollups/rollups.usecases.ts';

/**
 * Test data for incidents, written straight to the database (for tests of handling, lists, the
 * register… that should not depend on the report form's use case).
 */
export interface SeedIncident {
  organisationId: string;
  unitId?: string | null;
  /** Incident type code (migration 0008's taxonomy), e.g. 'theft', 'threat_employee'. */
  typeCode?: string;
  reporterId?: string | null;
  participants?: { userId: string; role: ParticipantRole }[];
  occurredAt?: Date;
  reportedAt?: Date;
  description?: string;
  state?: 'received' | 'investigating' | 'measures_decided' | 'closed';
  lat?: number;
  lon?: number;
  areaId?: string | null;
  areaPath?: string[];
  facilityId?: string | null;
  affectedGender?: 'woman' | 'man' | 'other' | 'unknown' | null;
  serious?: boolean;
  authorityDeadlineAt?: Date | null;
}

export async function seedIncident(db: Db, input: SeedIncident): Promise<{ id: string; reference: string }> {
  const idb = incidentsDb(db);
  const type = await idb
    .selectFrom('incident_types as t')
    .innerJoin('incident_type_versions as v', (j) =>
      j.onRef('v.type_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
    )
    .select(['t.id', 't.group_code', 'v.id as version_id', 'v.focus_areas', 'v.need_to_know', 'v.serious'])
    .where('t.code', '=', input.typeCode ?? 'theft')
    .executeTakeFirstOrThrow();
  const occurredAt = input.occurredAt ?? new Date('2026-03-01T10:00:00Z');
  const state = input.state ?? 'received';
  const reference = `T-${crypto.randomBytes(6).toString('hex')}`;
  const hasPoint = input.lat !== undefined && input.lon !== undefined;
  const row = await idb
    .insertInto('incidents')
    .values({
      reference,
      type_id: type.id,
      type_version_id: type.version_id,
      group_code: type.group_code,
      focus_areas: type.focus_areas,
      need_to_know: type.need_to_know,
      serious: input.serious ?? type.serious,
      organisation_id: input.organisationId,
      unit_id: input.unitId ?? null,
      reporter_id: input.reporterId ?? null,
      occurred_at: occurredAt,
      reported_at: input.reportedAt ?? occurredAt,
      lat: hasPoint ? (input.lat ?? null) : null,
      lon: hasPoint ? (input.lon ?? null) : null,
      // Not a real projection: tests that need SWEREF coordinates use the real use case.
      location: hasPoint ? sql`point(${input.lon! * 1000}, ${input.lat! * 1000})` : null,
      area_id: input.areaId ?? null,
      area_path: input.areaPath ?? (input.areaId ? [input.areaId] : []),
      facility_id: input.facilityId ?? null,
      affected_gender: input.affectedGender ?? null,
      description: input.description ?? 'En händelse i testet',
      state,
      closed_at: state === 'closed' ? occurredAt : null,
      closed_reason: state === 'closed' ? 'Klart' : null,
      authority_deadline_at: input.authorityDeadlineAt ?? null,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
  // As every incident write does: the rollups follow (tests that seed see consistent pictures).
  await applyIncidentRollups(db, [row.id], 1);
  const participants = [
    ...(input.reporterId ? [{ userId: input.reporterId, role: 'reporter' as const }] : []),
    ...(input.participants ?? []),
  ];
  if (participants.length > 0) {
    await idb
      .insertInto('incident_participants')
      .values(participants.map((p) => ({ incident_id: row.id, user_id: p.userId, role: p.role })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return row;
}
