import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import { sampleExecutable, sampleJpeg, samplePdf, samplePng } from '../../platform/file-sniff.fixtures.ts';
import { sha256Hex } from '../../platform/file-sniff.ts';
import { decodeBase64 } from './batch-checks.ts';
import { incidentsDb } from './incidents.tables.ts';
import { countRows, createUnit, importSquareArea } from './reports.fixtures.ts';

const MAX_BYTES = 4096;
const t = useTestApp({ config: { attachmentMaxBytes: MAX_BYTES, attachmentMaxCount: 2 } });
const db = () => incidentsDb(t.current.database.db);

let areaId: string;
let committee: string;
let unit: string;
let otherCommittee: string;
let unitManager: { id: string };
let coordinator: { id: string };
let handler: Client;
let handlerUser: { id: string; email: string };
let otherHandler: Client;

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T10:00:00Z');
  areaId = await importSquareArea(t.current, 'Söder', { lon: 18.05, lat: 59.3 });
  committee = await createOrganisation(t.current, 'Stadsdelsnämnd Söder', 'committee');
  otherCommittee = await createOrganisation(t.current, 'Stadsdelsnämnd Väst', 'committee');
  unit = await createUnit(t.current, 'Äldreboendet', committee);
  unitManager = await createUser(t.current, 'manager', unit);
  coordinator = await createUser(t.current, 'security_coordinator', committee);
  handlerUser = await createUser(t.current, 'security_coordinator', committee);
  handler = await signIn(t.current, handlerUser.email);
  otherHandler = await signIn(t.current, (await createUser(t.current, 'manager', otherCommittee)).email);
});

let counter = 0;
function item(extra: Record<string, unknown> = {}) {
  return {
    externalId: `IA-${++counter}`,
    typeCode: 'fall_slip',
    occurredAt: '2026-03-01T07:30:00Z',
    organisationId: committee,
    affectedKind: 'employee',
    description: 'Halkade på isen vid entrén',
    ...extra,
  };
}

async function post(body: unknown, client = handler) {
  return client.request('POST', '/api/incidents/batch', body);
}

/** A batch that must be refused with `status`, storing nothing; returns the error's details. */
async function refused(body: unknown, status = 400, client = handler) {
  const before = await countRows(t.current);
  const res = await post(body, client);
  expect(res.statusCode, res.body).toBe(status);
  expect(await countRows(t.current)).toEqual(before);
  return res.json().error.details as { path: string; message: string }[];
}

describe('the batch API', () => {
  it('stores new reports, routes and announces them, with one audit entry', async () => {
    const mark = await auditMark(t.current.database.db);
    const reports = [
      item({ unitId: unit, injury: true, injurySeverity: 'serious', location: { lat: 59.32, lon: 18.07 } }),
      item({
        typeCode: 'theft',
        affectedGender: 'man',
        attachments: [{ fileName: 'foto.png', contentBase64: samplePng().toString('base64') }],
      }),
    ];
    const res = await post({ system: 'IA', reports });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, unchanged: 0 });
    expect(body.items.map((i: { externalId: string; status: string }) => [i.externalId, i.status])).toEqual([
      [reports[0]!.externalId, 'created'],
      [reports[1]!.externalId, 'created'],
    ]);
    expect(body.items[0].reference).toMatch(/^H-2026-\d{6}$/);

    const first = await db()
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', body.items[0].id)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      source: 'api',
      external_system: 'IA',
      external_id: reports[0]!.externalId,
      organisation_id: committee,
      unit_id: unit,
      reporter_id: null,
      serious: true,
      work_environment_kind: 'work_injury',
      area_id: areaId,
    });
    expect(first.authority_deadline_at!.toISOString()).toBe('2026-03-02T07:30:00.000Z');

    const participants = await db()
      .selectFrom('incident_participants')
      .select(['user_id', 'role'])
      .where('incident_id', '=', body.items[0].id)
      .execute();
    expect(participants).toEqual(
      expect.arrayContaining([
        { user_id: unitManager.id, role: 'manager' },
        { user_id: coordinator.id, role: 'coordinator' },
      ]),
    );
    const notices = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('incident_id', '=', body.items[0].id)
      .execute();
    expect(notices).toEqual(expect.arrayContaining([{ user_id: unitManager.id, kind: 'incident.received' }]));
    const events = await db()
      .selectFrom('incident_events')
      .selectAll()
      .where('incident_id', '=', body.items[1].id)
      .execute();
    expect(events).toEqual([
      expect.objectContaining({ kind: 'created', actor_id: handlerUser.id, data: { source: 'api' } }),
    ]);

    const attachments = await db()
      .selectFrom('incident_attachments')
      .select(['file_name', 'media_type', 'sha256', 'uploaded_by'])
      .where('incident_id', '=', body.items[1].id)
      .execute();
    expect(attachments).toEqual([
      {
        file_name: 'foto.png',
        media_type: 'image/png',
        sha256: sha256Hex(samplePng()),
        uploaded_by: handlerUser.id,
      },
    ]);

    const entries = await auditSince(t.current.database.db, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'incident.batch_received',
        actor_id: handlerUser.id,
        target_type: 'incident_batch',
        target_id: 'IA',
        fields: ['created:2', 'unchanged:0'],
      }),
    ]);
  });

  it('changes nothing when the same batch comes again', async () => {
    const batch = { system: 'IA', reports: [item(), item({ typeCode: 'burglary' })] };
    const first = await post(batch);
    expect(first.json()).toMatchObject({ created: 2, unchanged: 0 });
    const before = await countRows(t.current);
    const again = await post(batch);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 2 });
    expect(again.json().items).toEqual(
      first.json().items.map((i: object) => ({ ...i, status: 'unchanged' })),
    );
    // Only the audit entry of the call itself is new.
    expect(await countRows(t.current)).toEqual({ ...before, audit_events: before.audit_events + 1 });
  });

  it('adds only the new reports of a batch that partly came before, even when the old ones changed', async () => {
    const old = item();
    await post({ system: 'IA', reports: [old] });
    const res = await post({ system: 'IA', reports: [{ ...old, description: 'Ändrad text' }, item()] });
    expect(res.json()).toMatchObject({ created: 1, unchanged: 1 });
    const stored = await db()
      .selectFrom('incidents')
      .select('description')
      .where('external_id', '=', old.externalId)
      .execute();
    expect(stored).toEqual([{ description: 'Halkade på isen vid entrén' }]);
  });

  it('keys reports by system and organisation: another committee’s same id is another report', async () => {
    const id = `IA-shared-${++counter}`;
    const a = await post({ system: 'IA', reports: [item({ externalId: id })] });
    const b = await post(
      { system: 'IA', reports: [item({ externalId: id, organisationId: otherCommittee })] },
      otherHandler,
    );
    expect(a.json().created).toBe(1);
    expect(b.json().created).toBe(1);
    expect(b.json().items[0].id).not.toBe(a.json().items[0].id);
    const c = await post({ system: 'other-system', reports: [item({ externalId: id })] });
    expect(c.json().created).toBe(1);
  });
});

describe('refusing a bad batch whole, storing nothing', () => {
  it('lists every problem by report and field', async () => {
    const details = await refused({
      system: 'IA',
      reports: [
        item(),
        item({ typeCode: 'no_such_type' }),
        item({ occurredAt: '2026-03-02T12:00:00Z' }),
        item({ location: { lat: 59.6, lon: 18.3 } }),
        item({
          attachments: [
            { fileName: 'stor.jpg', contentBase64: sampleJpeg(MAX_BYTES + 1).toString('base64') },
          ],
        }),
        item({
          attachments: [{ fileName: 'bild.jpg', contentBase64: sampleExecutable().toString('base64') }],
        }),
        item({ attachments: [{ fileName: 'x.pdf', contentBase64: 'not base64!' }] }),
        item({ injurySeverity: 'minor' }),
        item({ facilityId: crypto.randomUUID() }),
      ],
    });
    expect(details).toEqual([
      { path: 'body.reports.1.typeCode', message: 'No such active incident type' },
      { path: 'body.reports.2.occurredAt', message: 'The time is in the future' },
      { path: 'body.reports.3.location', message: "The coordinates are outside the municipality's areas" },
      {
        path: 'body.reports.4.attachments.0.contentBase64',
        message: expect.stringContaining(`at most ${MAX_BYTES}`),
      },
      {
        path: 'body.reports.5.attachments.0.contentBase64',
        message: expect.stringContaining('Not an image'),
      },
      { path: 'body.reports.6.attachments.0.contentBase64', message: 'Not valid base64' },
      { path: 'body.reports.7.injurySeverity', message: 'Only when someone was injured' },
      { path: 'body.reports.8.facilityId', message: 'No such facility' },
    ]);
  });

  it('refuses too many attachments and an external id twice in one batch', async () => {
    const pdf = { fileName: 'a.pdf', contentBase64: samplePdf().toString('base64') };
    const twice = item();
    const details = await refused({
      system: 'IA',
      reports: [item({ attachments: [pdf, pdf, pdf] }), twice, { ...twice }],
    });
    expect(details).toEqual([
      { path: 'body.reports.0.attachments', message: 'At most 2 attachments' },
      { path: 'body.reports.2.externalId', message: 'Appears twice in the batch' },
    ]);
  });

  it('refuses a report for another committee with 403, naming it, and stores the others neither', async () => {
    const res = await post({ system: 'IA', reports: [item(), item({ organisationId: otherCommittee })] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual([
      { path: 'body.reports.1.organisationId', message: expect.any(String) },
    ]);
    await refused({ system: 'IA', reports: [item(), item({ organisationId: otherCommittee })] }, 403);
  });

  it('refuses a unit outside the organisation named', async () => {
    const otherUnit = await createUnit(t.current, 'Annan enhet', otherCommittee);
    const strayHandler = await createUser(t.current, 'security_coordinator', t.current.rootId);
    const client = await signIn(t.current, strayHandler.email);
    const details = await refused({ system: 'IA', reports: [item({ unitId: otherUnit })] }, 400, client);
    expect(details).toEqual([
      { path: 'body.reports.0.unitId', message: 'Must be a unit within the organisation' },
    ]);
  });

  it('refuses a malformed batch by its schema', async () => {
    const details = await refused({ system: '', reports: [{ externalId: 'x' }] });
    expect(details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.system', 'body.reports.0.typeCode', 'body.reports.0.occurredAt']),
    );
    await refused({ system: 'IA', reports: [] });
  });
});

describe('decodeBase64', () => {
  it('decodes strict base64 only', () => {
    expect(decodeBase64('aGVq')?.toString()).toBe('hej');
    expect(decodeBase64('aGVqIQ==\n')?.toString()).toBe('hej!');
    expect(decodeBase64('aGVq!')).toBeNull();
    expect(decodeBase64('aGV')).toBeNull();
  });
});
