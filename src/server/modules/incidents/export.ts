import { Readable } from 'node:stream';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Locale } from '../../../domain/api/common.ts';
import type { IncidentExportQuerySchema, IncidentFilter } from '../../../domain/api/incidents.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { Database } from '../../db/types.ts';
import { type AuditEntry, GENESIS_HASH, hashEntry } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { XlsxWriter } from '../../platform/xlsx.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import type { Gender, IncidentState } from './incidents.tables.ts';
import {
  createIncidentListRepository,
  type ExportRow,
  type Keyset,
  type ResolvedFilter,
} from './list.repository.ts';
import { handlingScope, resolveFilter, withSpellingFallback } from './list.usecases.ts';

/**
 * CSV and XLSX export of the incidents an actor handles (issue 4, part 7): every row the filters
 * match, read in batches from one snapshot and streamed. The export is audited before a byte is
 * sent: one entry with the format, the filters and the row count, and a read entry for each
 * need-to-know incident in it (its text is in the file).
 */

type ExportQuery = z.infer<typeof IncidentExportQuerySchema>;
export type ExportFormat = ExportQuery['format'];

export const EXPORT_BATCH = 2000;
const TIME_ZONE = 'Europe/Stockholm';

const COLUMNS = [
  { key: 'reference', sv: 'Referens', en: 'Reference', width: 16 },
  { key: 'type', sv: 'Typ', en: 'Type', width: 28 },
  { key: 'group', sv: 'Kategori', en: 'Group', width: 28 },
  { key: 'state', sv: 'Status', en: 'State', width: 18 },
  { key: 'occurred', sv: 'Inträffade', en: 'Occurred', width: 17 },
  { key: 'reported', sv: 'Rapporterad', en: 'Reported', width: 17 },
  { key: 'organisation', sv: 'Nämnd eller bolag', en: 'Organisation', width: 28 },
  { key: 'unit', sv: 'Enhet', en: 'Unit', width: 24 },
  { key: 'area', sv: 'Område', en: 'Area', width: 20 },
  { key: 'facility', sv: 'Anläggning', en: 'Facility', width: 24 },
  { key: 'gender', sv: 'Den drabbades kön', en: 'Gender of the affected', width: 12 },
  { key: 'serious', sv: 'Allvarlig', en: 'Serious', width: 10 },
  { key: 'description', sv: 'Beskrivning', en: 'Description', width: 60 },
  { key: 'policeReport', sv: 'Polisanmälan', en: 'Police report number', width: 16 },
  { key: 'closedReason', sv: 'Orsak till avslut', en: 'Reason for closing', width: 30 },
] as const;

const STATES: Record<IncidentState, Record<Locale, string>> = {
  received: { sv: 'Mottagen', en: 'Received' },
  investigating: { sv: 'Under utredning', en: 'Under investigation' },
  measures_decided: { sv: 'Åtgärder beslutade', en: 'Measures decided' },
  closed: { sv: 'Avslutad', en: 'Closed' },
};
const GENDERS: Record<Gender, Record<Locale, string>> = {
  woman: { sv: 'Kvinna', en: 'Woman' },
  man: { sv: 'Man', en: 'Man' },
  other: { sv: 'Annat', en: 'Other' },
  unknown: { sv: 'Okänt', en: 'Unknown' },
};
const YES_NO: Record<Locale, [string, string]> = { sv: ['Ja', 'Nej'], en: ['Yes', 'No'] };
const FILE_STEM: Record<Locale, string> = { sv: 'handelser', en: 'incidents' };
const SHEET_NAME: Record<Locale, string> = { sv: 'Händelser', en: 'Incidents' };

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Cell = string | Date | null;

function cells(row: ExportRow, locale: Locale): Cell[] {
  const sv = locale === 'sv';
  return [
    row.reference,
    sv ? row.type_label_sv : row.type_label_en,
    sv ? row.group_label_sv : row.group_label_en,
    STATES[row.state][locale],
    row.occurred_at,
    row.reported_at,
    row.organisation_name,
    row.unit_name,
    row.area_name,
    row.facility_name,
    row.affected_gender ? GENDERS[row.affected_gender][locale] : null,
    YES_NO[locale][row.serious ? 0 : 1],
    row.description,
    row.police_report_number,
    row.closed_reason,
  ];
}

/** 'YYYY-MM-DD HH:MM' in Stockholm. */
const stockholmMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const stockholmDay = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE });

/**
 * One CSV field, always quoted. A text a spreadsheet would take for a formula (starting with
 * = + - @, or a tab or carriage return that some programs skip first) gets a leading apostrophe.
 */
export function csvField(value: Cell): string {
  if (value === null) return '""';
  let text = value instanceof Date ? stockholmMinute.format(value) : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const csvLine = (values: readonly Cell[]) => `${values.map(csvField).join(';')}\r\n`;

export function exportFileName(format: ExportFormat, locale: Locale, now: Date): string {
  return `${FILE_STEM[locale]}-${stockholmDay.format(now)}.${format}`;
}

/** What the summary audit entry says about the filters: names and values, but never the search text. */
export function filterFields(filter: IncidentFilter): string[] {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'q') fields.push('filter:q');
    else fields.push(`filter:${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  }
  return fields.sort();
}

/**
 * Appends entries to the audit chain in one go (recordAudit does one at a time, too slow for an
 * export naming thousands of incidents): the same lock, the same hashing, one insert per 1000.
 */
async function recordAuditEntries(trx: Transaction<Database>, entries: AuditEntry[], now: Date) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.audit_chain'))`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const at = new Date(Math.floor(now.getTime()));
  const rows = entries.map((e) => {
    const row = {
      at,
      actor_id: e.actorId ?? null,
      organisation_id: e.organisationId ?? null,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      fields: e.fields ?? [],
      ip: e.ip ?? null,
      request_id: e.requestId ?? null,
      prev_hash: prev,
    };
    prev = hashEntry(row);
    return { ...row, hash: prev };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('audit_events')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export interface IncidentExport {
  fileName: string;
  contentType: string;
  rowCount: number;
  body: Readable;
}

/**
 * Everything the actor handles that matches the filters, as CSV (UTF-8 with BOM, `;`, quoted) or
 * XLSX, in the caller's language. Audited before the first byte; rows come from the snapshot the
 * count was taken in, so the file holds exactly what the audit entry says.
 */
export async function exportIncidents({
  deps,
  actor,
  query,
  locale,
  meta,
}: {
  deps: AppDeps;
  actor: Actor;
  query: ExportQuery;
  locale: Locale;
  meta: RequestMeta;
}): Promise<IncidentExport> {
  const scope = handlingScope(actor);
  const { format, ...filterQuery } = query;
  const resolved = await resolveFilter(deps, scope, filterQuery);
  const now = deps.now();

  const snapshot = await deps.db
    .startTransaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute();
  let counted: Awaited<ReturnType<ReturnType<typeof createIncidentListRepository>['countForExport']>>;
  let filter: ResolvedFilter;
  try {
    const repo = createIncidentListRepository({ db: snapshot });
    const { result, textMode } = await withSpellingFallback(
      resolved,
      (f) => repo.countForExport(scope, f),
      (r) => r.total === 0,
    );
    counted = result;
    filter = { ...resolved, textMode };
    const base = { actorId: actor.userId, ip: meta.ip, requestId: meta.requestId };
    await deps.db.transaction().execute((trx) =>
      recordAuditEntries(
        trx,
        [
          {
            ...base,
            action: 'incidents.exported',
            organisationId: filterQuery.organisationId ?? null,
            targetType: 'incident_export',
            fields: [`format:${format}`, `rows:${counted.total}`, ...filterFields(filterQuery)],
          },
          ...counted.sensitive.map((s) => ({
            ...base,
            action: 'incident.read',
            organisationId: s.organisationId,
            targetType: 'incident',
            targetId: s.id,
            fields: ['export'],
          })),
        ],
        now,
      ),
    );
  } catch (err) {
    await snapshot.rollback().execute();
    throw err;
  }

  async function* batches(): AsyncGenerator<ExportRow[]> {
    const repo = createIncidentListRepository({ db: snapshot });
    let after: Keyset | null = null;
    while (true) {
      const rows = await repo.exportBatch({ scope, filter, after, limit: EXPORT_BATCH, now });
      if (rows.length > 0) yield rows;
      if (rows.length < EXPORT_BATCH) return;
      const last = rows.at(-1)!;
      after = { at: last.keyset_at, id: last.id };
    }
  }

  async function* bytes(): AsyncGenerator<Uint8Array> {
    try {
      const header = COLUMNS.map((c) => c[locale]);
      if (format === 'csv') {
        yield Buffer.from(`\uFEFF${csvLine(header)}`, 'utf8');
        for await (const rows of batches()) {
          yield Buffer.from(rows.map((r) => csvLine(cells(r, locale))).join(''), 'utf8');
        }
      } else {
        const writer = new XlsxWriter({
          sheetName: SHEET_NAME[locale],
          columns: COLUMNS.map((c) => ({ header: c[locale], width: c.width })),
          timeZone: TIME_ZONE,
        });
        for await (const rows of batches()) yield* writer.addRows(rows.map((r) => cells(r, locale)));
        yield* writer.finish();
      }
      await snapshot.commit().execute();
    } finally {
      // A client that went away mid-file: give the connection back.
      if (!snapshot.isCommitted && !snapshot.isRolledBack) await snapshot.rollback().execute();
    }
  }

  return {
    fileName: exportFileName(format, locale, now),
    contentType: CONTENT_TYPES[format],
    rowCount: counted.total,
    body: Readable.from(bytes(), { objectMode: false }),
  };
}
