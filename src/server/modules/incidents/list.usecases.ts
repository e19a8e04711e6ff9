import type { z } from 'zod';
import type {
  IncidentFilter,
  IncidentListQuerySchema,
  IncidentListResponseSchema,
  IncidentMapQuerySchema,
  IncidentMapResponseSchema,
  IncidentSummary,
} from '../../../domain/api/incidents.ts';
import { type Actor, can, scopeOf } from '../../../domain/permissions.ts';
import type { AppDeps } from '../../platform/context.ts';
import { createError, forbidden } from '../../platform/errors.ts';
import {
  createIncidentListRepository,
  EXCERPT_CHARS,
  isPreciseSearch,
  type Keyset,
  type ListScope,
  type ResolvedFilter,
  type SummaryRow,
  type TextMode,
} from './list.repository.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_MAP_LIMIT = 5000;

type ListQuery = z.infer<typeof IncidentListQuerySchema>;
type ListResponse = z.infer<typeof IncidentListResponseSchema>;
type MapQuery = z.infer<typeof IncidentMapQuerySchema>;
type MapResponse = z.infer<typeof IncidentMapResponseSchema>;

/** A list, map or export query that cannot be answered: `details` lists `{ path, message }`. */
export const invalidIncidentQuery = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The query is not valid',
});

const badQuery = (path: string, message: string) =>
  invalidIncidentQuery([{ path: `querystring.${path}`, message }]);

const stockholmClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** A period bound as the database reads it (list.repository's `instant`): a date is midnight in Stockholm. */
export function periodInstant(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(value);
  const utcMidnight = Date.parse(`${value}T00:00:00Z`);
  const parts = stockholmClock.formatToParts(utcMidnight);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return utcMidnight - (wall - utcMidnight);
}

/** The handling scope: what the actor may read as one who handles incidents (403 without the permission). */
export function handlingScope(actor: Actor): ListScope {
  if (!can(actor, 'incidents.handle')) throw forbidden();
  return { kind: 'handling', actor };
}

/**
 * Checks a filter and resolves its organisations to subtrees. In the handling scope an organisation
 * or unit where the actor handles nothing (neither it nor anything below it) is refused with 403.
 */
export async function resolveFilter(
  deps: AppDeps,
  scope: ListScope,
  filter: IncidentFilter,
): Promise<ResolvedFilter> {
  const repo = createIncidentListRepository(deps);
  const organisationSets: string[][] = [];
  for (const key of ['organisationId', 'unitId'] as const) {
    const id = filter[key];
    if (!id) continue;
    const subtree = await repo.subtreeOf(id);
    if (subtree.length === 0) throw badQuery(key, 'No such organisation');
    if (scope.kind === 'handling') {
      const handled = new Set(scopeOf(scope.actor, 'incidents.handle'));
      if (!subtree.some((o) => handled.has(o))) throw forbidden();
    }
    organisationSets.push(subtree);
  }
  if (filter.from && filter.to && periodInstant(filter.from) >= periodInstant(filter.to))
    throw badQuery('to', 'The end of the period must come after its start');
  return {
    organisationSets,
    typeIds: filter.typeId,
    groupCodes: filter.groupCode,
    focusAreas: filter.focusArea,
    states: filter.state,
    from: filter.from,
    to: filter.to,
    areaId: filter.areaId,
    facilityId: filter.facilityId,
    genders: filter.gender,
    serious: filter.serious === undefined ? undefined : filter.serious === 'true',
    needToKnow: filter.needToKnow === undefined ? undefined : filter.needToKnow === 'true',
    q: filter.q,
  };
}

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the next page starts, and how the search was matched on the first (kept for every page). */
export interface Cursor extends Keyset {
  textMode: TextMode;
}

/** The opaque cursor: base64url of `[occurredAt (µs, UTC), id]` of the page's last row, `'s'` added for a similar-spelling search. */
export function encodeCursor(cursor: Cursor): string {
  const value = cursor.textMode === 'similar' ? [cursor.at, cursor.id, 's'] : [cursor.at, cursor.id];
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      (value.length === 2 || (value.length === 3 && value[2] === 's')) &&
      typeof value[0] === 'string' &&
      CURSOR_AT.test(value[0]) &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    )
      return { at: value[0], id: value[1], textMode: value.length === 3 ? 'similar' : 'fulltext' };
  } catch {
    // Falls through to the error below.
  }
  throw badQuery('cursor', 'Not a cursor this list gave out');
}

/**
 * Runs a query with the search matched as Swedish full text and, when that finds nothing for a
 * plain search, again by similar spelling; says which mode answered.
 */
export async function withSpellingFallback<T>(
  filter: ResolvedFilter,
  run: (filter: ResolvedFilter) => Promise<T>,
  isEmpty: (result: T) => boolean,
): Promise<{ result: T; textMode: TextMode }> {
  const result = await run({ ...filter, textMode: 'fulltext' });
  if (!filter.q || isPreciseSearch(filter.q) || !isEmpty(result)) return { result, textMode: 'fulltext' };
  return { result: await run({ ...filter, textMode: 'similar' }), textMode: 'similar' };
}

/** The first characters of a text, cut at a word where one is near. */
export function excerptOf(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function presentSummary(row: SummaryRow): IncidentSummary {
  return {
    id: row.id,
    reference: row.reference,
    typeId: row.type_id,
    typeLabelSv: row.type_label_sv,
    typeLabelEn: row.type_label_en,
    groupCode: row.group_code,
    needToKnow: row.need_to_know,
    serious: row.serious,
    state: row.state,
    occurredAt: row.occurred_at.toISOString(),
    reportedAt: row.reported_at.toISOString(),
    organisationName: row.organisation_name,
    unitName: row.unit_name,
    areaName: row.area_name,
    facilityName: row.facility_name,
    affectedGender: row.affected_gender,
    assigneeName: row.assignee_name,
    excerpt: row.need_to_know ? '' : excerptOf(row.excerpt),
    authorityOverdue: row.authority_overdue,
  };
}

/**
 * Incidents newest first, a page at a time: what the actor handles (`handling`, the default) or
 * what they take part in (`mine`: their own reports, for any user).
 */
export async function listIncidents({
  deps,
  actor,
  query,
}: {
  deps: AppDeps;
  actor: Actor;
  query: ListQuery;
}): Promise<ListResponse> {
  const scope: ListScope =
    query.scope === 'mine' ? { kind: 'mine', userId: actor.userId } : handlingScope(actor);
  const filter = await resolveFilter(deps, scope, query);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const repo = createIncidentListRepository(deps);
  const page = (f: ResolvedFilter) =>
    repo.listPage({ scope, filter: f, after, limit: limit + 1, now: deps.now() });
  // Later pages keep the first page's way of matching the search.
  const { result: rows, textMode } = after
    ? { result: await page({ ...filter, textMode: after.textMode }), textMode: after.textMode }
    : await withSpellingFallback(filter, page, (r) => r.length === 0);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(presentSummary),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.keyset_at, id: last.id, textMode }) : null,
  };
}

/** The handled incidents with coordinates, for the map: the newest `limit` and whether there were more. */
export async function mapIncidents({
  deps,
  actor,
  query,
}: {
  deps: AppDeps;
  actor: Actor;
  query: MapQuery;
}): Promise<MapResponse> {
  const scope = handlingScope(actor);
  const filter = await resolveFilter(deps, scope, query);
  const limit = query.limit ?? DEFAULT_MAP_LIMIT;
  const repo = createIncidentListRepository(deps);
  const { result: rows } = await withSpellingFallback(
    filter,
    (f) => repo.mapPoints({ scope, filter: f, limit: limit + 1 }),
    (r) => r.length === 0,
  );
  return {
    points: rows.slice(0, limit).map((r) => ({
      id: r.id,
      lat: r.lat,
      lon: r.lon,
      typeId: r.type_id,
      groupCode: r.group_code,
      serious: r.serious,
      state: r.state,
    })),
    truncated: rows.length > limit,
  };
}
