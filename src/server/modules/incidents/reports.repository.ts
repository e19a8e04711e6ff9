import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { SniffedMediaType } from '../../platform/file-sniff.ts';
import { applyIncidentRollups } from '../rollups/rollups.usecases.ts';
import {
  type IncidentParticipantsTable,
  type IncidentsDb,
  type IncidentsTable,
  incidentsDb,
} from './incidents.tables.ts';

/** What a new incident stores, less its reference (drawn from the sequence on insert). */
export type NewIncident = Omit<Insertable<IncidentsTable>, 'reference' | 'location' | 'search'> & {
  /** SWEREF 99 TM metres, when there are coordinates. */
  east: number | null;
  north: number | null;
};

export interface FacilityPlace {
  id: string;
  organisation_id: string;
  unit_id: string | null;
  lat: number | null;
  lon: number | null;
  east: number | null;
  north: number | null;
  area_id: string | null;
  area_path: string[];
}

export interface NewAttachment {
  file_name: string;
  media_type: SniffedMediaType;
  size_bytes: number;
  sha256: string;
  content: Buffer;
}

/** `H-<year>-<6 digits>`, the number from `incident_reference_seq`. */
const referenceFor = (year: string) =>
  // At least six digits and never cut ('0's pad, '9's allow more): lpad would truncate numbers past
  // 999,999 and collide.
  sql<string>`${`H-${year}-`} || to_char(nextval('incident_reference_seq'), 'FM999999999000000')`;

const toRow = (v: NewIncident, year: string) => {
  const { east, north, ...rest } = v;
  return {
    ...rest,
    reference: referenceFor(year),
    location: east === null || north === null ? null : `(${east},${north})`,
  };
};

export function createReportsRepository({ db: raw }: { db: Kysely<Database> | Transaction<Database> }) {
  const db: IncidentsDb = incidentsDb(raw);

  return {
    async findFacility(id: string): Promise<FacilityPlace | undefined> {
      const result = await sql<FacilityPlace>`
        SELECT id, organisation_id, unit_id, lat, lon, location[0] AS east, location[1] AS north,
          area_id, area_path
        FROM facilities WHERE id = ${id}`.execute(db);
      return result.rows[0];
    },

    async findFacilities(ids: readonly string[]): Promise<FacilityPlace[]> {
      if (ids.length === 0) return [];
      const result = await sql<FacilityPlace>`
        SELECT id, organisation_id, unit_id, lat, lon, location[0] AS east, location[1] AS north,
          area_id, area_path
        FROM facilities WHERE id = ANY(${[...ids]}::uuid[])`.execute(db);
      return result.rows;
    },

    async insertIncident(v: NewIncident, year: string): Promise<{ id: string; reference: string }> {
      const row = await db
        .insertInto('incidents')
        .values(toRow(v, year))
        .returning(['id', 'reference'])
        .executeTakeFirstOrThrow();
      // The rollups, in the caller's transaction.
      await applyIncidentRollups(raw, [row.id], 1);
      return row;
    },

    /**
     * Inserts reports from another system; one already stored under the same organisation, system
     * and external id is left as it is (and not returned).
     */
    async insertExternalIncidents(
      values: NewIncident[],
      year: string,
    ): Promise<{ id: string; reference: string; external_id: string | null; organisation_id: string }[]> {
      if (values.length === 0) return [];
      const rows = await db
        .insertInto('incidents')
        .values(values.map((v) => toRow(v, year)))
        .onConflict((oc) =>
          oc
            .columns(['organisation_id', 'external_system', 'external_id'])
            .where('external_id', 'is not', null)
            .doNothing(),
        )
        .returning(['id', 'reference', 'external_id', 'organisation_id'])
        .execute();
      // The rollups of those stored (not of those left as they were), in the caller's transaction.
      await applyIncidentRollups(
        raw,
        rows.map((r) => r.id),
        1,
      );
      return rows;
    },

    /** Reports already stored from `system` under these (organisation, external id) keys. */
    async findExternal(system: string, keys: readonly { organisationId: string; externalId: string }[]) {
      if (keys.length === 0) return [];
      return db
        .selectFrom('incidents')
        .select(['id', 'reference', 'organisation_id', 'unit_id', 'external_id'])
        .where('external_system', '=', system)
        .where('external_id', 'in', [...new Set(keys.map((k) => k.externalId))])
        .where('organisation_id', 'in', [...new Set(keys.map((k) => k.organisationId))])
        .execute();
    },

    async insertParticipants(rows: Insertable<IncidentParticipantsTable>[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('incident_participants')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async insertEvents(
      rows: {
        incident_id: string;
        at: Date;
        actor_id: string | null;
        kind: string;
        data: Record<string, unknown>;
      }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('incident_events')
        .values(rows.map((r) => ({ ...r, visibility: 'reporter' as const, data: JSON.stringify(r.data) })))
        .execute();
    },

    /**
     * Moves the user's uploads into the incident's attachments and deletes them from the uploads, in
     * one statement; returns how many moved (fewer than asked when some were not theirs or gone).
     */
    async moveUploads(opts: {
      uploadIds: readonly string[];
      userId: string;
      incidentId: string;
      uploadedBy: string | null;
      at: Date;
    }): Promise<number> {
      if (opts.uploadIds.length === 0) return 0;
      const result = await sql<{ id: string }>`
        WITH moved AS (
          DELETE FROM incident_uploads
          WHERE id = ANY(${[...opts.uploadIds]}::uuid[]) AND user_id = ${opts.userId}
          RETURNING file_name, media_type, size_bytes, sha256, content, created_at
        )
        INSERT INTO incident_attachments
          (incident_id, file_name, media_type, size_bytes, sha256, content, uploaded_by, created_at)
        SELECT ${opts.incidentId}, file_name, media_type, size_bytes, sha256, content, ${opts.uploadedBy},
          ${opts.at}::timestamptz
        FROM moved ORDER BY created_at
        RETURNING id`.execute(db);
      return result.rows.length;
    },

    /** Deletes the user's uploads among `ids` and returns them (content included), oldest first. */
    async takeUploads(userId: string, ids: readonly string[]) {
      if (ids.length === 0) return [];
      const rows = await db
        .deleteFrom('incident_uploads')
        .where('user_id', '=', userId)
        .where('id', 'in', [...ids])
        .returning(['id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'content', 'created_at'])
        .execute();
      return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
    },

    async insertAttachments(
      rows: (NewAttachment & { incident_id: string; uploaded_by: string | null; created_at: Date })[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await db.insertInto('incident_attachments').values(rows).execute();
    },

    // --- Uploads waiting for their report ---

    async insertUpload(u: NewAttachment & { user_id: string; created_at: Date }) {
      return db
        .insertInto('incident_uploads')
        .values(u)
        .returning(['id', 'file_name', 'media_type', 'size_bytes', 'sha256'])
        .executeTakeFirstOrThrow();
    },

    /** The user's uploads among `ids` made since `since` (older ones are swept). */
    async listOwnUploads(userId: string, ids: readonly string[], since: Date) {
      if (ids.length === 0) return [];
      return db
        .selectFrom('incident_uploads')
        .select(['id', 'size_bytes', 'media_type'])
        .where('user_id', '=', userId)
        .where('id', 'in', [...ids])
        .where('created_at', '>=', since)
        .execute();
    },

    async countUploads(userId: string, since: Date): Promise<number> {
      const row = await db
        .selectFrom('incident_uploads')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async deleteUpload(userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('incident_uploads')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** Deletes uploads made before `before` (of one user, or everyone's); returns how many. */
    async deleteUploadsBefore(before: Date, userId?: string): Promise<number> {
      let q = db.deleteFrom('incident_uploads').where('created_at', '<', before);
      if (userId) q = q.where('user_id', '=', userId);
      const result = await q.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
