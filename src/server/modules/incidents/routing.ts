import { type Kysely, sql, type Transaction } from 'kysely';
import type { OrganisationKind } from '../../../domain/roles.ts';
import type { Database } from '../../db/types.ts';
import { queueNotifications } from '../../platform/notifications.ts';
import type { ParticipantRole } from './incidents.tables.ts';
import { createReportsRepository } from './reports.repository.ts';
import type { TypeWithVersion } from './taxonomy.repository.ts';

/**
 * Where a report belongs and who it goes to (issue 4 part 3).
 *
 * An incident belongs to a responsible organisation — the nearest committee, company, executive
 * board or office at or above the organisation it concerns — and, when that is a unit, to the unit.
 * It goes to the unit's manager(s) (walking up to the organisation when the unit has none) and to
 * the organisation's security coordinator(s).
 */

/** Kinds that answer for their incidents (secrecy applies between them). */
export const RESPONSIBLE_KINDS: readonly OrganisationKind[] = [
  'committee',
  'company',
  'executive_board',
  'office',
];

type Db = Kysely<Database> | Transaction<Database>;

export interface ChainLink {
  id: string;
  kind: OrganisationKind;
}

export interface Placement {
  /** The responsible organisation (`incidents.organisation_id`). */
  organisationId: string;
  /** The unit the report concerns (`incidents.unit_id`), when it concerns one. */
  unitId: string | null;
  /** From the organisation the report concerns up to the municipality, nearest first. */
  chain: ChainLink[];
}

export interface Routing {
  /** The manager(s) of the nearest level, from the unit up to the organisation, that has any. */
  managerIds: string[];
  /** The designated security coordinator(s), else holders of the role, of the organisation (or above it). */
  coordinatorIds: string[];
}

/** The organisation and its ancestors, nearest first; empty when it does not exist. */
export async function loadChain(db: Db, organisationId: string): Promise<ChainLink[]> {
  const result = await sql<ChainLink & { depth: number }>`
    WITH RECURSIVE up AS (
      SELECT id, kind, parent_id, 0 AS depth FROM organisations WHERE id = ${organisationId}
      UNION ALL
      SELECT o.id, o.kind, o.parent_id, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id
      WHERE up.depth < 100
    )
    SELECT id, kind, depth FROM up ORDER BY depth`.execute(db);
  return result.rows.map((r) => ({ id: r.id, kind: r.kind }));
}

/** Places a report concerning `chain[0]`: its unit (if a unit) and its responsible organisation. */
export function placementOf(chain: ChainLink[]): Placement | null {
  const self = chain[0];
  if (!self) return null;
  const responsible = chain.find((o) => RESPONSIBLE_KINDS.includes(o.kind)) ?? chain[chain.length - 1]!;
  return { organisationId: responsible.id, unitId: self.kind === 'unit' ? self.id : null, chain };
}

export async function resolvePlacement(db: Db, organisationId: string): Promise<Placement | null> {
  return placementOf(await loadChain(db, organisationId));
}

/** The part of the chain from the unit (or organisation) up to and including the responsible organisation. */
function managerLevels(p: Placement): string[] {
  const end = p.chain.findIndex((o) => o.id === p.organisationId);
  return p.chain.slice(0, end + 1).map((o) => o.id);
}

/** The responsible organisation and those above it, short of the municipality. */
function coordinatorLevels(p: Placement): string[] {
  const start = p.chain.findIndex((o) => o.id === p.organisationId);
  const above = p.chain.slice(start).filter((o) => o.kind !== 'municipality');
  return above.length > 0 ? above.map((o) => o.id) : [p.organisationId];
}

const RANK = { principal: 0, deputy: 1, role: 2 } as const;

/** Who a report placed so goes to, as of `today` (YYYY-MM-DD, for coordinator terms). */
export async function findRouting(db: Db, placement: Placement, today: string): Promise<Routing> {
  const managerOrgs = managerLevels(placement);
  const coordinatorOrgs = coordinatorLevels(placement);
  const result = await sql<{
    organisation_id: string;
    user_id: string;
    duty: 'manager' | 'coordinator';
    source: keyof typeof RANK;
  }>`
    SELECT ur.organisation_id, ur.user_id,
      CASE ur.role WHEN 'manager' THEN 'manager' ELSE 'coordinator' END AS duty, 'role' AS source
    FROM user_roles ur JOIN users u ON u.id = ur.user_id AND u.disabled_at IS NULL
    WHERE (ur.role = 'manager' AND ur.organisation_id = ANY(${managerOrgs}::uuid[]))
       OR (ur.role = 'security_coordinator' AND ur.organisation_id = ANY(${coordinatorOrgs}::uuid[]))
    UNION ALL
    SELECT a.organisation_id, a.user_id, 'coordinator',
      CASE WHEN a.is_deputy THEN 'deputy' ELSE 'principal' END
    FROM coordinator_assignments a JOIN users u ON u.id = a.user_id AND u.disabled_at IS NULL
    WHERE a.function = 'security_coordinator' AND a.organisation_id = ANY(${coordinatorOrgs}::uuid[])
      AND a.starts_on <= ${today}::date AND (a.ends_on IS NULL OR a.ends_on >= ${today}::date)`.execute(db);
  const rows = result.rows;

  const nearest = (levels: string[], duty: 'manager' | 'coordinator') => {
    for (const org of levels) {
      const here = rows.filter((r) => r.duty === duty && r.organisation_id === org);
      if (here.length === 0) continue;
      // Designated principals first; deputies stand in; else whoever holds the role there.
      const best = Math.min(...here.map((r) => RANK[r.source]));
      return [...new Set(here.filter((r) => RANK[r.source] === best).map((r) => r.user_id))].sort();
    }
    return [];
  };
  return {
    managerIds: nearest(managerOrgs, 'manager'),
    coordinatorIds: nearest(coordinatorOrgs, 'coordinator'),
  };
}

export interface RoutedIncident {
  id: string;
  reference: string;
  type: TypeWithVersion;
  routing: Routing;
  reporterId: string | null;
  affectedUserId: string | null;
  actorId: string | null;
  source: 'form' | 'api';
}

/**
 * Writes who is involved (reporter, affected person, routed managers and coordinators), the
 * timeline's first event and the notices to the managers and coordinators; in the caller's
 * transaction. Call `deps.jobs?.kickNotifications()` after commit.
 */
export async function recordRouting(trx: Transaction<Database>, at: Date, incidents: RoutedIncident[]) {
  const repo = createReportsRepository({ db: trx });
  const participants: { incident_id: string; user_id: string; role: ParticipantRole; created_at: Date }[] =
    [];
  const notices: Parameters<typeof queueNotifications>[2][number][] = [];
  for (const i of incidents) {
    const add = (userId: string | null, role: ParticipantRole) => {
      if (userId) participants.push({ incident_id: i.id, user_id: userId, role, created_at: at });
    };
    add(i.reporterId, 'reporter');
    add(i.affectedUserId, 'affected');
    for (const id of i.routing.managerIds) add(id, 'manager');
    for (const id of i.routing.coordinatorIds) add(id, 'coordinator');
    const data = {
      reference: i.reference,
      typeCode: i.type.code,
      typeLabelSv: i.type.version.label_sv,
      typeLabelEn: i.type.version.label_en,
      groupCode: i.type.group_code,
    };
    for (const userId of new Set([...i.routing.managerIds, ...i.routing.coordinatorIds]))
      notices.push({ userId, incidentId: i.id, kind: 'incident.received', data });
  }
  await repo.insertParticipants(participants);
  await repo.insertEvents(
    incidents.map((i) => ({
      incident_id: i.id,
      at,
      actor_id: i.actorId,
      kind: 'created',
      data: { source: i.source },
    })),
  );
  await queueNotifications(trx, at, notices);
}
