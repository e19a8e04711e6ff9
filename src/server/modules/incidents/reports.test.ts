import { Readable } from 'node:stream';
import { sql } from 'kysely';
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
import { toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import { sampleExecutable, sampleJpeg, samplePdf, samplePng } from '../../platform/file-sniff.fixtures.ts';
import { sha256Hex } from '../../platform/file-sniff.ts';
import { incidentsDb } from './incidents.tables.ts';
import { countRows, createUnit, importSquareArea, reportBody, typeIdOf, upload } from './reports.fixtures.ts';

// Small attachments, so the size limit is easy to cross.
const MAX_BYTES = 4096;
const t = useTestApp({ config: { attachmentMaxBytes: MAX_BYTES, attachmentMaxCount: 3 } });
const db = () => incidentsDb(t.current.database.db);

const INSIDE = { lat: 59.32, lon: 18.02 };
const OUTSIDE = { lat: 59.6, lon: 18.3 };

let areaId: string;
let committee: string;
let unit: string;
let quietUnit: string;
let otherCommittee: string;
let unitManager: { id: string };
let committeeManager: { id: string };
let coordinator: { id: string };
let reporterUser: { id: string; email: string };
let reporter: Client;
let colleague: Client;
let committeeReporter: Client;
let facility: string;
let ownFacility: string;
let otherFacility: string;

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T09:41:17Z');
  areaId = await importSquareArea(t.current, 'Centrum', { lon: 18.0, lat: 59.3 });
  committee = await createOrganisation(t.current, 'Stadsdelsnämnd Centrum', 'committee');
  otherCommittee = await createOrganisation(t.current, 'Stadsdelsnämnd Norr', 'committee');
  unit = await createUnit(t.current, 'Förskolan Solen', committee);
  quietUnit = await createUnit(t.current, 'Fritidsgården', committee);
  unitManager = await createUser(t.current, 'manager', unit);
  committeeManager = await createUser(t.current, 'manager', committee);
  coordinator = await createUser(t.current, null, committee);
  await sql`
    INSERT INTO coordinator_assignments (organisation_id, function, user_id, starts_on)
    VALUES (${committee}, 'security_coordinator', ${coordinator.id}, '2025-01-01')`.execute(
    t.current.database.db,
  );
  reporterUser = await createUser(t.current, 'employee', unit);
  reporter = await signIn(t.current, reporterUser.email);
  colleague = await signIn(t.current, (await createUser(t.current, 'employee', unit)).email);
  committeeReporter = await signIn(t.current, (await createUser(t.current, 'employee', committee)).email);
  const insert = async (organisationId: string, unitId: string | null) => {
    const { east, north } = toSweref99tm(59.31, 18.01);
    const row = await sql<{ id: string }>`
      INSERT INTO facilities (name, type_code, organisation_id, unit_id, lat, lon, location, area_id, area_path)
      VALUES ('Fritidsgården', 'youth_centre', ${organisationId}, ${unitId}, 59.31, 18.01,
        point(${east}, ${north}), ${areaId}, ARRAY[${areaId}]::uuid[])
      RETURNING id`.execute(t.current.database.db);
    return row.rows[0]!.id;
  };
  facility = await insert(committee, quietUnit);
  ownFacility = await insert(committee, unit);
  otherFacility = await insert(otherCommittee, null);
});

async function send(body: Record<string, unknown>, client = reporter) {
  return client.request('POST', '/api/incidents', body);
}

async function sendOk(body: Record<string, unknown>, client = reporter): Promise<Receipt> {
  const res = await send(body, client);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const incident = (id: string) =>
  db().selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Sends a report that must be refused with `status`, and checks that nothing at all was stored. */
async function refused(body: Record<string, unknown>, status = 400, client = reporter) {
  const before = await countRows(t.current);
  const res = await send(body, client);
  expect(res.statusCode, res.body).toBe(status);
  expect(await countRows(t.current)).toEqual(before);
  return res.json().error as { code: string; details: { path: string; message: string }[] };
}

describe('reporting an incident', () => {
  it('keeps every digit of the reference past a million (never cut to six, never colliding)', async () => {
    const superuser = await t.current.database.superuser();
    try {
      await superuser.query(`SELECT setval('incident_reference_seq', 999999)`);
    } finally {
      await superuser.end();
    }
    const first = await sendOk(await reportBody(t.current, 'vandalism', { location: INSIDE }));
    const second = await sendOk(await reportBody(t.current, 'vandalism', { location: INSIDE }));
    expect(first.reference).toBe('H-2026-1000000');
    expect(second.reference).toBe('H-2026-1000001');
  });

  it('stores the report, routes it to the manager and coordinator, and gives a receipt', async () => {
    const mark = await auditMark(t.current.database.db);
    const body = await reportBody(t.current, 'vandalism', {
      location: INSIDE,
      addressText: 'Storgatan 1',
      affectedGender: 'woman',
      immediateAction: 'Sopade upp glaset',
      policeCalled: true,
      policeReportNumber: '5000-K123456-26',
    });
    const receipt = await sendOk(body);
    expect(receipt).toMatchObject({
      anonymous: false,
      state: 'received',
      serious: false,
      reportedAt: '2026-03-02T09:41:17.000Z',
      routedToManager: true,
      routedToCoordinator: true,
    });
    expect(receipt.reference).toMatch(/^H-2026-\d{6,}$/);

    const row = await incident(receipt.id);
    const { east, north } = toSweref99tm(INSIDE.lat, INSIDE.lon);
    expect(row).toMatchObject({
      reference: receipt.reference,
      organisation_id: committee,
      unit_id: unit,
      reporter_id: reporterUser.id,
      anonymous: false,
      source: 'form',
      group_code: 'crime',
      focus_areas: ['crime'],
      need_to_know: false,
      lat: INSIDE.lat,
      lon: INSIDE.lon,
      area_id: areaId,
      address_text: 'Storgatan 1',
      affected_gender: 'woman',
      police_report_number: '5000-K123456-26',
      state: 'received',
    });
    expect(row.area_path.at(-1)).toBe(areaId);
    const point = await sql<{ x: number; y: number }>`
      SELECT location[0] AS x, location[1] AS y FROM incidents WHERE id = ${receipt.id}`.execute(
      t.current.database.db,
    );
    expect(point.rows[0]!.x).toBeCloseTo(east, 3);
    expect(point.rows[0]!.y).toBeCloseTo(north, 3);
    expect(row.reported_at.toISOString()).toBe('2026-03-02T09:41:17.000Z');
    expect(row.occurred_at.toISOString()).toBe(body.occurredAt);

    const participants = await db()
      .selectFrom('incident_participants')
      .select(['user_id', 'role'])
      .where('incident_id', '=', receipt.id)
      .execute();
    expect(participants).toEqual(
      expect.arrayContaining([
        { user_id: reporterUser.id, role: 'reporter' },
        { user_id: unitManager.id, role: 'manager' },
        { user_id: coordinator.id, role: 'coordinator' },
      ]),
    );
    expect(participants).toHaveLength(3);

    const notices = await db()
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'data'])
      .where('incident_id', '=', receipt.id)
      .execute();
    expect(notices.map((n) => n.user_id).sort()).toEqual([unitManager.id, coordinator.id].sort());
    expect(notices.every((n) => n.kind === 'incident.received')).toBe(true);
    expect(notices[0]!.data).toMatchObject({ reference: receipt.reference, typeCode: 'vandalism' });

    const events = await db()
      .selectFrom('incident_events')
      .selectAll()
      .where('incident_id', '=', receipt.id)
      .execute();
    expect(events).toEqual([expect.objectContaining({ kind: 'created', actor_id: reporterUser.id })]);

    const entries = await auditSince(t.current.database.db, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'incident.reported',
        actor_id: reporterUser.id,
        organisation_id: unit,
        target_type: 'incident',
        target_id: receipt.id,
      }),
    ]);
    expect(entries[0]!.ip).not.toBeNull();
    expect(entries[0]!.request_id).not.toBeNull();
    expect(entries[0]!.fields).toEqual(
      expect.arrayContaining(['type_id', 'lat', 'description', 'police_called']),
    );
  });

  it('numbers references in sequence', async () => {
    const a = await sendOk(await reportBody(t.current, 'theft'));
    const b = await sendOk(await reportBody(t.current, 'theft'));
    expect(Number(b.reference.slice(-6))).toBe(Number(a.reference.slice(-6)) + 1);
  });

  it("goes to the organisation's manager when the unit has none", async () => {
    const receipt = await sendOk(
      await reportBody(t.current, 'theft', { organisationId: quietUnit }),
      committeeReporter,
    );
    const row = await incident(receipt.id);
    expect(row).toMatchObject({ organisation_id: committee, unit_id: quietUnit });
    const managers = await db()
      .selectFrom('incident_participants')
      .select('user_id')
      .where('incident_id', '=', receipt.id)
      .where('role', '=', 'manager')
      .execute();
    expect(managers).toEqual([{ user_id: committeeManager.id }]);
  });

  it('takes the place and the unit from a facility when there is no pin', async () => {
    const receipt = await sendOk(
      await reportBody(t.current, 'open_drug_dealing', { facilityId: facility }),
      committeeReporter,
    );
    expect(await incident(receipt.id)).toMatchObject({
      facility_id: facility,
      unit_id: quietUnit,
      organisation_id: committee,
      lat: 59.31,
      lon: 18.01,
      area_id: areaId,
      area_path: [areaId],
    });
  });

  it("lets a unit's employee report at their own unit's facility, and a pin override its place", async () => {
    const receipt = await sendOk(
      await reportBody(t.current, 'weapons', { facilityId: ownFacility, location: INSIDE }),
    );
    expect(await incident(receipt.id)).toMatchObject({
      facility_id: ownFacility,
      unit_id: unit,
      lat: INSIDE.lat,
      lon: INSIDE.lon,
    });
    // A sibling unit's facility is out of their reach.
    await refused(await reportBody(t.current, 'weapons', { facilityId: facility }), 404);
  });

  it('uses the time of the test clock', async () => {
    t.current.clock.advance(10 * 60_000);
    try {
      const receipt = await sendOk(await reportBody(t.current, 'theft'));
      expect(receipt.reportedAt).toBe('2026-03-02T09:51:17.000Z');
    } finally {
      t.current.clock.current = new Date('2026-03-02T09:41:17Z');
    }
  });
});

describe('serious events and work-environment kinds', () => {
  it('flags violence causing injury with a 24-hour deadline for the authority', async () => {
    const body = await reportBody(t.current, 'violence_employee', { injury: true, injurySeverity: 'minor' });
    const receipt = await sendOk(body);
    expect(receipt.serious).toBe(true);
    const row = await incident(receipt.id);
    expect(row.serious).toBe(true);
    expect(row.authority_deadline_at!.getTime()).toBe(new Date(body.occurredAt).getTime() + 24 * 3_600_000);
    expect(row.work_environment_kind).toBe('work_injury');
    expect(row.need_to_know).toBe(true);
  });

  it('flags a serious injury of any type, and a type marked serious without injury', async () => {
    const fall = await sendOk(
      await reportBody(t.current, 'fall_slip', { injury: true, injurySeverity: 'serious' }),
    );
    expect(fall.serious).toBe(true);
    const elected = await sendOk(
      await reportBody(t.current, 'violence_elected', { affectedKind: 'elected_official' }),
    );
    expect(elected.serious).toBe(true);
  });

  it('does not flag a minor injury in an accident, nor a theft', async () => {
    const fall = await sendOk(
      await reportBody(t.current, 'fall_slip', { injury: true, injurySeverity: 'minor' }),
    );
    expect(fall.serious).toBe(false);
    const row = await incident(fall.id);
    expect(row.authority_deadline_at).toBeNull();
    expect(row.work_environment_kind).toBe('work_injury');
    const theft = await sendOk(await reportBody(t.current, 'theft'));
    expect((await incident(theft.id)).work_environment_kind).toBeNull();
  });

  it('keeps a chosen kind the type offers, and names the affected reporter', async () => {
    const receipt = await sendOk(
      await reportBody(t.current, 'threat_employee', {
        workEnvironmentKind: 'near_miss',
        affectedSelf: true,
      }),
    );
    const row = await incident(receipt.id);
    expect(row).toMatchObject({ work_environment_kind: 'near_miss', affected_user_id: reporterUser.id });
    const affected = await db()
      .selectFrom('incident_participants')
      .select('user_id')
      .where('incident_id', '=', receipt.id)
      .where('role', '=', 'affected')
      .execute();
    expect(affected).toEqual([{ user_id: reporterUser.id }]);
  });
});

describe('refusing bad reports, storing nothing', () => {
  it('refuses an unknown type', async () => {
    const error = await refused(await reportBody(t.current, 'theft', { typeId: crypto.randomUUID() }));
    expect(error.details).toEqual([{ path: 'body.typeId', message: 'No such active incident type' }]);
  });

  it('refuses an inactive type', async () => {
    const id = await typeIdOf(t.current, 'arson');
    await db().updateTable('incident_types').set({ active: false }).where('id', '=', id).execute();
    try {
      const error = await refused(await reportBody(t.current, 'arson'));
      expect(error.details[0]!.path).toBe('body.typeId');
    } finally {
      await db().updateTable('incident_types').set({ active: true }).where('id', '=', id).execute();
    }
  });

  it('refuses a time in the future, allowing five minutes of clock skew', async () => {
    const now = t.current.clock.now().getTime();
    const error = await refused(
      await reportBody(t.current, 'theft', { occurredAt: new Date(now + 6 * 60_000).toISOString() }),
    );
    expect(error.details).toEqual([{ path: 'body.occurredAt', message: 'The time is in the future' }]);
    await sendOk(
      await reportBody(t.current, 'theft', { occurredAt: new Date(now + 4 * 60_000).toISOString() }),
    );
  });

  it('refuses a time absurdly long ago', async () => {
    const error = await refused(await reportBody(t.current, 'theft', { occurredAt: '1999-12-31T23:00:00Z' }));
    expect(error.details[0]!.path).toBe('body.occurredAt');
  });

  it("refuses coordinates outside the municipality's areas", async () => {
    const error = await refused(await reportBody(t.current, 'theft', { location: OUTSIDE }));
    expect(error.details).toEqual([
      { path: 'body.location', message: "The coordinates are outside the municipality's areas" },
    ]);
    const far = await refused(await reportBody(t.current, 'theft', { location: { lat: 10, lon: 100 } }));
    expect(far.details[0]!.path).toBe('body.location');
  });

  it('refuses what the type does not allow, listing every problem by field', async () => {
    const error = await refused(
      await reportBody(t.current, 'theft', {
        anonymous: true,
        caseReference: '19800101-1234',
        workEnvironmentKind: 'near_miss',
        injurySeverity: 'serious',
        occurredAt: '2030-01-01T00:00:00Z',
        location: OUTSIDE,
      }),
    );
    expect(error.details.map((d) => d.path).sort()).toEqual(
      [
        'body.anonymous',
        'body.caseReference',
        'body.injurySeverity',
        'body.location',
        'body.occurredAt',
        'body.workEnvironmentKind',
      ].sort(),
    );
  });

  it('refuses a malformed body with the field paths', async () => {
    const error = await refused({ typeId: 'nope', occurredAt: 'yesterday', affectedKind: 'alien' });
    const paths = error.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.typeId', 'body.occurredAt', 'body.affectedKind', 'body.description']),
    );
  });

  it("refuses another committee's organisation (403) and facility (404)", async () => {
    const denied = await refused(
      await reportBody(t.current, 'theft', { organisationId: otherCommittee }),
      403,
    );
    expect(denied.code).toBe('access.forbidden');
    const hidden = await refused(await reportBody(t.current, 'theft', { facilityId: otherFacility }), 404);
    expect(hidden.code).toBe('facilities.not_found');
    await refused(await reportBody(t.current, 'theft', { facilityId: crypto.randomUUID() }), 404);
  });
});

describe('attachments', () => {
  it('takes an upload sniffed from its content, with its checksum and decoded name', async () => {
    const png = samplePng();
    // The browser may declare any type: the content decides.
    const res = await upload(reporter, png, 'bild på dörren.jpg', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: 'bild på dörren.jpg',
      mediaType: 'image/png',
      sizeBytes: png.length,
      sha256: sha256Hex(png),
    });
    const unnamed = await upload(reporter, samplePdf());
    expect(unnamed.json()).toMatchObject({ fileName: 'bilaga.pdf', mediaType: 'application/pdf' });
  });

  it('refuses a disguised file, storing nothing', async () => {
    const before = await countRows(t.current);
    const res = await upload(reporter, sampleExecutable(), 'semester.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('incidents.attachment_type');
    expect(await countRows(t.current)).toEqual(before);
  });

  it('refuses an oversized file with 413 and the limit, storing nothing', async () => {
    const before = await countRows(t.current);
    const res = await upload(reporter, sampleJpeg(MAX_BYTES + 1), 'stor.jpg');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'incidents.attachment_too_large',
      details: [
        expect.objectContaining({ maxBytes: MAX_BYTES, message: expect.stringContaining(`${MAX_BYTES}`) }),
      ],
    });
    expect(await countRows(t.current)).toEqual(before);
    expect((await upload(reporter, sampleJpeg(MAX_BYTES))).statusCode).toBe(201);
  });

  it('refuses an oversized file sent without a length (streamed) the same way', async () => {
    const before = await countRows(t.current);
    const res = await t.current.app.inject({
      method: 'POST',
      url: '/api/incident-uploads',
      headers: { cookie: reporter.cookie, 'x-csrf-token': reporter.csrf, 'content-type': 'image/jpeg' },
      payload: Readable.from([sampleJpeg(MAX_BYTES), sampleJpeg(100)]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('incidents.attachment_too_large');
    expect(await countRows(t.current)).toEqual(before);
  });

  it('refuses an empty file', async () => {
    const res = await upload(reporter, Buffer.alloc(0));
    expect(res.statusCode).toBe(400);
  });

  it("moves the uploads into the report's attachments in its transaction", async () => {
    await db().deleteFrom('incident_uploads').execute();
    const a = (await upload(reporter, samplePng(), 'a.png')).json();
    const b = (await upload(reporter, samplePdf(), 'b.pdf')).json();
    const receipt = await sendOk(await reportBody(t.current, 'burglary', { uploadIds: [a.id, b.id] }));
    const attachments = await db()
      .selectFrom('incident_attachments')
      .select(['file_name', 'media_type', 'sha256', 'uploaded_by', 'content'])
      .where('incident_id', '=', receipt.id)
      .orderBy('file_name')
      .execute();
    expect(attachments).toEqual([
      expect.objectContaining({
        file_name: 'a.png',
        media_type: 'image/png',
        sha256: a.sha256,
        uploaded_by: reporterUser.id,
      }),
      expect.objectContaining({ file_name: 'b.pdf', media_type: 'application/pdf', sha256: b.sha256 }),
    ]);
    expect(sha256Hex(attachments[0]!.content)).toBe(a.sha256);
    expect(await db().selectFrom('incident_uploads').select('id').execute()).toEqual([]);
  });

  it("refuses someone else's upload, one already used and too many, storing nothing", async () => {
    const theirs = (await upload(colleague, samplePng())).json();
    const error = await refused(await reportBody(t.current, 'burglary', { uploadIds: [theirs.id] }));
    expect(error.details).toEqual([{ path: 'body.uploadIds.0', message: expect.any(String) }]);
    const mine = await Promise.all(
      [1, 2, 3, 4].map(async () => (await upload(reporter, samplePng())).json()),
    );
    const tooMany = await refused(
      await reportBody(t.current, 'burglary', { uploadIds: mine.map((u) => u.id) }),
    );
    expect(tooMany.details).toEqual([{ path: 'body.uploadIds', message: 'At most 3 attachments' }]);
    await db().deleteFrom('incident_uploads').execute();
  });

  it('limits how many files may wait, and lets the owner alone remove one', async () => {
    await db().deleteFrom('incident_uploads').execute();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await upload(reporter, samplePng())).json().id);
    const over = await upload(reporter, samplePng());
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('incidents.too_many_uploads');

    expect((await colleague.request('DELETE', `/api/incident-uploads/${ids[0]}`)).statusCode).toBe(200);
    expect(
      await db().selectFrom('incident_uploads').select('id').where('id', '=', ids[0]!).execute(),
    ).toHaveLength(1);
    expect((await reporter.request('DELETE', `/api/incident-uploads/${ids[0]}`)).statusCode).toBe(200);
    expect(
      await db().selectFrom('incident_uploads').select('id').where('id', '=', ids[0]!).execute(),
    ).toEqual([]);
    expect((await upload(reporter, samplePng())).statusCode).toBe(201);
  });

  it('sweeps uploads older than a day', async () => {
    await db().deleteFrom('incident_uploads').execute();
    const old = (await upload(reporter, samplePng())).json();
    t.current.clock.advance(25 * 3_600_000);
    try {
      // A day later the session has long ended: the reporter signs in again.
      const later = await signIn(t.current, reporterUser.email);
      const error = await refused(
        await reportBody(t.current, 'burglary', { uploadIds: [old.id] }),
        400,
        later,
      );
      expect(error.details[0]!.path).toBe('body.uploadIds.0');
      expect((await upload(later, samplePng())).statusCode).toBe(201);
      expect(
        await db().selectFrom('incident_uploads').select('id').where('id', '=', old.id).execute(),
      ).toEqual([]);
    } finally {
      t.current.clock.current = new Date('2026-03-02T09:41:17Z');
      await db().deleteFrom('incident_uploads').execute();
    }
  });
});
