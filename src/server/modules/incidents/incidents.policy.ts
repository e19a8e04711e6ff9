import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Actor, can, type Resource, scopeOf } from '../../../domain/permissions.ts';
import type { IncidentTables } from './incidents.tables.ts';

/**
 * Who may see and handle an incident — the one place the rule lives (issue 4, part 4).
 *
 * - An incident belongs to its unit if it has one, else to its organisation (the committee or
 *   company): `accessOrganisationId`. Role scopes include the subtrees below a grant, so a
 *   committee's coordinator reaches its units' incidents and never another committee's.
 * - Anyone involved (reporter, affected person, routed manager and coordinator, assignee, people
 *   granted access) reads it.
 * - Handlers (`incidents.handle` in that organisation) read and handle ordinary incidents; a
 *   need-to-know incident (threats, violence, undue influence, security) additionally needs
 *   involvement or `sensitive.read` in that organisation.
 */
export interface IncidentAccessFacts {
  organisationId: string;
  unitId: string | null;
  needToKnow: boolean;
  /** Users in incident_participants for this incident (any role). */
  participantIds: readonly string[];
}

export function accessOrganisationId(facts: Pick<IncidentAccessFacts, 'organisationId' | 'unitId'>): string {
  return facts.unitId ?? facts.organisationId;
}

export function incidentResource(facts: IncidentAccessFacts): Resource {
  return {
    organisationId: accessOrganisationId(facts),
    sensitive: facts.needToKnow,
    involvedUserIds: facts.participantIds,
  };
}

export function isParticipant(actor: Actor | null | undefined, facts: IncidentAccessFacts): boolean {
  return !!actor && facts.participantIds.includes(actor.userId);
}

/** Handling: change state, assign, comment internally, grant access, export. */
export function canHandleIncident(actor: Actor | null | undefined, facts: IncidentAccessFacts): boolean {
  return can(actor, 'incidents.handle', incidentResource(facts));
}

/** Reading the whole incident (handlers with need-to-know) or one's own part of it (participants). */
export function canReadIncident(actor: Actor | null | undefined, facts: IncidentAccessFacts): boolean {
  return isParticipant(actor, facts) || canHandleIncident(actor, facts);
}

/**
 * The same rule as SQL, for lists, search, map and export over `incidents as i`: rows the actor
 * may read as a handler, or as a participant when `includeParticipation` is set.
 */
export function visibleIncidents(
  actor: Actor,
  opts: { includeParticipation?: boolean } = {},
): (eb: ExpressionBuilder<IncidentTables & { i: IncidentTables['incidents'] }, 'i'>) => Expression<SqlBool> {
  const handle = scopeOf(actor, 'incidents.handle');
  const sensitive = scopeOf(actor, 'sensitive.read');
  const userId = actor.userId;
  return (eb) => {
    const involved = eb.exists(
      eb
        .selectFrom('incident_participants as p')
        .select(sql`1`.as('one'))
        .whereRef('p.incident_id', '=', 'i.id')
        .where('p.user_id', '=', userId),
    );
    const accessOrg = sql<string>`coalesce(i.unit_id, i.organisation_id)`;
    const asHandler =
      handle.length === 0
        ? sql<SqlBool>`false`
        : eb.and([
            eb(accessOrg, '=', eb.fn.any(eb.val(handle))),
            eb.or([
              eb('i.need_to_know', '=', false),
              sensitive.length === 0 ? sql<SqlBool>`false` : eb(accessOrg, '=', eb.fn.any(eb.val(sensitive))),
              involved,
            ]),
          ]);
    return opts.includeParticipation ? eb.or([asHandler, involved]) : asHandler;
  };
}

/** The facts the rule needs, for one incident; null when it does not exist. */
export async function loadAccessFacts(
  db: import('./incidents.tables.ts').IncidentsDb,
  incidentId: string,
): Promise<(IncidentAccessFacts & { id: string }) | null> {
  const row = await db
    .selectFrom('incidents as i')
    .select((eb) => [
      'i.id',
      'i.organisation_id',
      'i.unit_id',
      'i.need_to_know',
      eb
        .fn<string[]>('array', [
          eb
            .selectFrom('incident_participants as p')
            .select('p.user_id')
            .whereRef('p.incident_id', '=', 'i.id'),
        ])
        .as('participant_ids'),
    ])
    .where('i.id', '=', incidentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    organisationId: row.organisation_id,
    unitId: row.unit_id,
    needToKnow: row.need_to_know,
    participantIds: row.participant_ids,
  };
}
