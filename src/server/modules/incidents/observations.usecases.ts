import type { z } from 'zod';
import type {
  FacilityObservationsQuerySchema,
  FacilityObservationsResponseSchema,
} from '../../../domain/api/incidents.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { can } from '../../../domain/permissions.ts';
import type { AppDeps } from '../../platform/context.ts';
import { facilityNotFound } from './incidents.errors.ts';
import { createIncidentListRepository } from './list.repository.ts';
import { excerptOf, invalidIncidentQuery, periodInstant } from './list.usecases.ts';

type Query = z.infer<typeof FacilityObservationsQuerySchema>;
type Response = z.infer<typeof FacilityObservationsResponseSchema>;

/** The most observations one answer lists (the monthly counts cover them all). */
export const OBSERVATION_LIMIT = 2000;

/**
 * Observations of open crime and disorder near a facility (issue 4, part 6), for everyone who may
 * see the facility: the newest first with where and the start of what was seen, and counts per
 * month and type over the period.
 */
export async function getFacilityObservations({
  deps,
  actor,
  facilityId,
  query,
}: {
  deps: AppDeps;
  actor: Actor;
  facilityId: string;
  query: Query;
}): Promise<Response> {
  const repo = createIncidentListRepository(deps);
  const facility = await repo.findFacility(facilityId);
  if (!facility || !can(actor, 'organisations.read', { organisationId: facility.organisation_id }))
    throw facilityNotFound();
  if (query.from && query.to && periodInstant(query.from) >= periodInstant(query.to))
    throw invalidIncidentQuery([
      { path: 'querystring.to', message: 'The end of the period must come after its start' },
    ]);
  const { items, byMonth } = await repo.facilityObservations({
    facilityId,
    from: query.from,
    to: query.to,
    limit: OBSERVATION_LIMIT + 1,
  });
  return {
    facility: {
      id: facility.id,
      name: facility.name,
      typeCode: facility.type_code,
      location:
        facility.lat === null || facility.lon === null ? null : { lat: facility.lat, lon: facility.lon },
    },
    items: items.slice(0, OBSERVATION_LIMIT).map((r) => ({
      id: r.id,
      reference: r.reference,
      typeId: r.type_id,
      typeLabelSv: r.type_label_sv,
      typeLabelEn: r.type_label_en,
      occurredAt: r.occurred_at.toISOString(),
      location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon },
      description: excerptOf(r.excerpt),
    })),
    byMonth: byMonth.map((b) => ({ month: b.month, typeId: b.type_id, count: b.count })),
    truncated: items.length > OBSERVATION_LIMIT,
  };
}
