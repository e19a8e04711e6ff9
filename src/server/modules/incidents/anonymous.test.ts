import { sql } from 'kysely';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { Receipt } from '../../../domain/api/incidents.ts';
import { sampleJpegWithExif, samplePdf, samplePngWithText } from '../../platform/file-sniff.fixtures.ts';
import { sniffMediaType } from '../../platform/file-sniff.ts';
import { incidentsDb } from './incidents.tables.ts';
import { countRows, createUnit, importSquareArea, reportBody, upload } from './reports.fixtures.ts';

/**
 * Anonymous reporting (issue 4 part 2): no identity stored anywhere — database, logs, audit
 * entries — and nothing to match the report with the reporter's session by time.
 */

// Every log line the app writes, at the most talkative level.
const logLines: string[] = [];
const logger = pino({ level: 'trace' }, { write: (line: string) => logLines.push(line) });
const t = useTestApp({ app: { logger } });
const db = () => incidentsDb(t.current.database.db);

const REPORTER_NAME = 'Agnes Anonymsdotter';
let reporterUser: { id: string; email: string };
let reporter: Client;
let manager: { id: string };
let coordinator: { id: string };
let unit: string;

beforeAll(async () => {
  // 10:47:13 — the stored times must all read 10:00:00.
  t.current.clock.current = new Date('2026-03-02T10:47:13.456Z');
  await importSquareArea(t.current, 'Hamnen', { lon: 18.0, lat: 59.3 });
  const committee = await createOrganisation(t.current, 'Stadsbyggnadsnämnden', 'committee');
  unit = await createUnit(t.current, 'Bygglovsenheten', committee);
  manager = await createUser(t.current, 'manager', unit);
  coordinator = await createUser(t.current, 'security_coordinator', committee);
  reporterUser = await createUser(t.current, 'employee', unit, REPORTER_NAME);
  reporter = await signIn(t.current, reporterUser.email);
});

/** Every row tied to the incident, as JSON text, table by table. */
async function rowsOf(incidentId: string): Promise<Record<string, string[]>> {
  const tables = [
    ['incidents', 'id'],
    ['incident_participants', 'incident_id'],
    ['incident_events', 'incident_id'],
    ['incident_attachments', 'incident_id'],
    ['notifications', 'incident_id'],
    ['threat_register_entries', 'incident_id'],
  ] as const;
  const out: Record<string, string[]> = {};
  for (const [table, column] of tables) {
    const result = await sql<{ row: string }>`
      SELECT row_to_json(x)::text AS row FROM ${sql.table(table)} x WHERE ${sql.ref(column)} = ${incidentId}`.execute(
      t.current.database.db,
    );
    out[table] = result.rows.map((r) => r.row);
  }
  return out;
}

describe('an anonymous report', () => {
  let receipt: Receipt;
  let mark: string;
  let logMark: number;

  beforeAll(async () => {
    // A photo whose EXIF names the reporter, and a file named after them.
    const photo = (await upload(reporter, sampleJpegWithExif(REPORTER_NAME), 'IMG_0001.jpg')).json();
    const scan = (await upload(reporter, samplePngWithText(REPORTER_NAME), `${REPORTER_NAME}.png`)).json();
    mark = await auditMark(t.current.database.db);
    logMark = logLines.length;
    const res = await reporter.request(
      'POST',
      '/api/incidents',
      await reportBody(t.current, 'bribery', {
        anonymous: true,
        affectedKind: 'employee',
        description: 'En leverantör erbjöd presentkort mot att vi valde deras anbud',
        location: { lat: 59.32, lon: 18.02 },
        organisationId: unit,
        uploadIds: [photo.id, scan.id],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    receipt = res.json();
  });

  it('is received, routed and numbered like any other', async () => {
    expect(receipt).toMatchObject({
      anonymous: true,
      state: 'received',
      routedToManager: true,
      routedToCoordinator: true,
      reportedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(receipt.reference).toMatch(/^H-2026-\d{6}$/);
    const participants = await db()
      .selectFrom('incident_participants')
      .select(['user_id', 'role'])
      .where('incident_id', '=', receipt.id)
      .execute();
    expect(participants.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { user_id: coordinator.id, role: 'coordinator' },
      { user_id: manager.id, role: 'manager' },
    ]);
  });

  it('keeps the attachments, without their names, the metadata in them or the uploader', async () => {
    const attachments = await db()
      .selectFrom('incident_attachments')
      .select(['file_name', 'media_type', 'uploaded_by', 'content'])
      .where('incident_id', '=', receipt.id)
      .orderBy('file_name')
      .execute();
    expect(attachments.map((a) => [a.file_name, a.media_type, a.uploaded_by])).toEqual([
      ['bilaga-1.jpg', 'image/jpeg', null],
      ['bilaga-2.png', 'image/png', null],
    ]);
    for (const a of attachments) {
      expect(a.content.includes(Buffer.from(REPORTER_NAME, 'latin1'))).toBe(false);
      expect(sniffMediaType(a.content)).toBe(a.media_type);
    }
  });

  it("leaves the reporter's id, e-mail and name nowhere in the database", async () => {
    const rows = await rowsOf(receipt.id);
    expect(rows.incidents).toHaveLength(1);
    expect(rows.incident_events).toHaveLength(1);
    expect(rows.incident_attachments).toHaveLength(2);
    expect(rows.notifications).toHaveLength(2);
    const all = Object.values(rows).flat().join('\n');
    for (const trace of [reporterUser.id, reporterUser.email, REPORTER_NAME])
      expect(all, `found ${trace}`).not.toContain(trace);
    const incident = await db()
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    expect(incident).toMatchObject({ reporter_id: null, affected_user_id: null, anonymous: true });
    // The uploads were taken over and are gone; the reporter was sent nothing.
    expect(
      await db().selectFrom('incident_uploads').select('id').where('user_id', '=', reporterUser.id).execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('notifications').select('id').where('user_id', '=', reporterUser.id).execute(),
    ).toEqual([]);
    expect(
      await db()
        .selectFrom('incident_participants')
        .select('role')
        .where('user_id', '=', reporterUser.id)
        .execute(),
    ).toEqual([]);
  });

  it('writes an audit entry with no actor, address or request id', async () => {
    const entries = await auditSince(t.current.database.db, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'incident.reported',
        target_id: receipt.id,
        actor_id: null,
        ip: null,
        request_id: null,
      }),
    ]);
    const text = JSON.stringify(entries);
    for (const trace of [reporterUser.id, reporterUser.email, REPORTER_NAME])
      expect(text).not.toContain(trace);
  });

  it('keeps every time only to the hour, so it cannot be matched with the session', async () => {
    const times = await sql<{ at: Date }>`
      SELECT reported_at AS at FROM incidents WHERE id = ${receipt.id}
      UNION ALL SELECT created_at FROM incidents WHERE id = ${receipt.id}
      UNION ALL SELECT updated_at FROM incidents WHERE id = ${receipt.id}
      UNION ALL SELECT at FROM incident_events WHERE incident_id = ${receipt.id}
      UNION ALL SELECT created_at FROM incident_attachments WHERE incident_id = ${receipt.id}
      UNION ALL SELECT created_at FROM notifications WHERE incident_id = ${receipt.id}
      UNION ALL SELECT at FROM audit_events WHERE target_id = ${receipt.id}`.execute(t.current.database.db);
    expect(times.rows).toHaveLength(9);
    expect(new Set(times.rows.map((r) => r.at.toISOString()))).toEqual(new Set(['2026-03-02T10:00:00.000Z']));
  });

  it('leaves no log line tying the report or the uploads to the reporter', () => {
    // The logger works: the sign-in before was logged.
    expect(logLines.join('\n')).toContain('/api/auth/login');
    const during = logLines.slice(logMark).join('\n');
    expect(during).not.toContain('/api/incidents');
    const all = logLines.join('\n');
    for (const trace of [reporterUser.id, reporterUser.email, REPORTER_NAME, receipt.reference, receipt.id])
      expect(all, `the logs hold ${trace}`).not.toContain(trace);
    expect(all).not.toContain('/api/incident-uploads');
  });
});

describe('refusing anonymity', () => {
  it('where the type does not allow it, storing nothing', async () => {
    const before = await countRows(t.current);
    const res = await reporter.request(
      'POST',
      '/api/incidents',
      await reportBody(t.current, 'threat_employee', { anonymous: true }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.anonymous', message: 'This type cannot be reported anonymously' },
    ]);
    expect(await countRows(t.current)).toEqual(before);
  });

  it('with a PDF, which can name its author', async () => {
    const pdf = (await upload(reporter, samplePdf(), 'anmälan.pdf')).json();
    const before = await countRows(t.current);
    const res = await reporter.request(
      'POST',
      '/api/incidents',
      await reportBody(t.current, 'vandalism', { anonymous: true, uploadIds: [pdf.id] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.uploadIds.0', message: expect.stringContaining('PDF') },
    ]);
    expect(await countRows(t.current)).toEqual(before);
  });

  it('together with naming oneself as the affected person', async () => {
    const res = await reporter.request(
      'POST',
      '/api/incidents',
      await reportBody(t.current, 'vandalism', { anonymous: true, affectedSelf: true }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.affectedSelf');
  });
});
