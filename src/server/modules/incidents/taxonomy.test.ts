import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { IncidentType, TaxonomyResponse } from '../../../domain/api/incidents.ts';
import { incidentsDb } from './incidents.tables.ts';

const t = useTestApp();
const db = () => incidentsDb(t.current.database.db);

let committee: string;
let admin: Client;
let committeeAdmin: Client;
let employee: Client;

beforeAll(async () => {
  committee = await createOrganisation(t.current, 'Nämnd', 'committee');
  admin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  committeeAdmin = await signIn(t.current, (await createUser(t.current, 'administrator', committee)).email);
  employee = await signIn(t.current, (await createUser(t.current, 'employee', committee)).email);
});

let codeCounter = 0;
const newType = (extra: Record<string, unknown> = {}) => ({
  code: `test_type_${++codeCounter}`,
  groupCode: 'threat_violence',
  labelSv: 'Hot via telefon',
  labelEn: 'Threat by phone',
  descriptionSv: 'Hot som framförts per telefon',
  descriptionEn: null,
  focusAreas: ['undue_influence_threats'],
  workEnvironmentKinds: ['near_miss'],
  serious: false,
  needToKnow: true,
  anonymousAllowed: false,
  threatRegister: true,
  retentionMonths: 36,
  retentionAction: 'anonymise',
  ...extra,
});

async function create(extra: Record<string, unknown> = {}): Promise<IncidentType> {
  const res = await admin.request('POST', '/api/incident-types', newType(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function taxonomy(client: Client, query = ''): Promise<TaxonomyResponse> {
  const res = await client.request('GET', `/api/incident-taxonomy${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the taxonomy', () => {
  it('lists the groups, the focus areas and the active types in their current version', async () => {
    const body = await taxonomy(employee);
    expect(body.groups.map((g) => g.code)).toEqual([
      'accident',
      'crime',
      'threat_violence',
      'undue_influence',
      'facility_observation',
      'security',
    ]);
    expect(body.focusAreas.map((f) => f.position)).toEqual([1, 2, 3, 4, 5]);
    const violence = body.types.find((ty) => ty.code === 'violence_employee')!;
    expect(violence).toMatchObject({
      groupCode: 'threat_violence',
      labelSv: 'Våld mot anställd',
      labelEn: 'Violence against an employee',
      focusAreas: ['undue_influence_threats'],
      workEnvironmentKinds: ['work_injury'],
      needToKnow: true,
      threatRegister: true,
      version: 1,
      active: true,
    });
    expect(body.types.every((ty) => ty.active)).toBe(true);
  });

  it('shows inactive types only to administrators who ask for all', async () => {
    const type = await create();
    const res = await admin.request('PATCH', `/api/incident-types/${type.id}`, { active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect((await taxonomy(admin)).types.map((ty) => ty.id)).not.toContain(type.id);
    expect((await taxonomy(admin, '?all=true')).types.map((ty) => ty.id)).toContain(type.id);
    expect((await taxonomy(employee, '?all=true')).types.map((ty) => ty.id)).not.toContain(type.id);
  });
});

describe('adding a type', () => {
  it('stores version 1 and audits it', async () => {
    const mark = await auditMark(t.current.database.db);
    const type = await create({ sortOrder: 215 });
    expect(type).toMatchObject({
      code: `test_type_${codeCounter}`,
      version: 1,
      active: true,
      sortOrder: 215,
      labelSv: 'Hot via telefon',
      retentionMonths: 36,
    });
    expect((await taxonomy(employee)).types.map((ty) => ty.id)).toContain(type.id);
    const entries = await auditSince(t.current.database.db, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'incident_type.created',
        target_id: type.id,
        target_type: 'incident_type',
      }),
    ]);
    expect(entries[0]!.fields).toEqual(expect.arrayContaining(['code', 'label_sv', 'focus_areas']));
    expect(entries[0]!.actor_id).not.toBeNull();
  });

  it('refuses unknown groups and focus areas by field, storing nothing', async () => {
    const before = await db().selectFrom('incident_types').select('id').execute();
    const res = await admin.request(
      'POST',
      '/api/incident-types',
      newType({ groupCode: 'nope', focusAreas: ['crime', 'world_peace'] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.groupCode', message: expect.stringContaining('Unknown group') },
      { path: 'body.focusAreas.1', message: expect.stringContaining('Unknown focus area') },
    ]);
    expect(await db().selectFrom('incident_types').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a work-environment kind that does not exist and a malformed code', async () => {
    const res = await admin.request(
      'POST',
      '/api/incident-types',
      newType({ code: 'Has Spaces', workEnvironmentKinds: ['sick_leave'] }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.code', 'body.workEnvironmentKinds.0']));
  });

  it('refuses a code already taken with 409', async () => {
    const res = await admin.request('POST', '/api/incident-types', newType({ code: 'theft' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('incident_types.code_taken');
  });

  it("refuses a committee's administrator: the taxonomy is the whole city's", async () => {
    const mark = await auditMark(t.current.database.db);
    const res = await committeeAdmin.request('POST', '/api/incident-types', newType());
    expect(res.statusCode).toBe(403);
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });
});

describe('changing a type', () => {
  it('makes a new version when the meaning changes; earlier reports keep theirs', async () => {
    const type = await create();
    const incident = await seedIncident(t.current.database.db, {
      organisationId: committee,
      typeCode: type.code,
    });
    const mark = await auditMark(t.current.database.db);
    const res = await admin.request('PATCH', `/api/incident-types/${type.id}`, {
      labelSv: 'Hot per telefon eller sms',
      focusAreas: ['undue_influence_threats', 'crime', 'crime'],
      serious: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const changed: IncidentType = res.json();
    expect(changed).toMatchObject({
      version: 2,
      labelSv: 'Hot per telefon eller sms',
      labelEn: 'Threat by phone',
      focusAreas: ['undue_influence_threats', 'crime'],
      serious: true,
    });
    expect(changed.versionId).not.toBe(type.versionId);
    const stored = await db()
      .selectFrom('incidents')
      .select('type_version_id')
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(stored.type_version_id).toBe(type.versionId);

    const entries = await auditSince(t.current.database.db, mark);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'incident_type.updated', target_id: type.id });
    expect([...entries[0]!.fields].sort()).toEqual(['focus_areas', 'label_sv', 'serious']);

    const versions = await admin.request('GET', `/api/incident-types/${type.id}/versions`);
    expect(versions.statusCode, versions.body).toBe(200);
    expect(versions.json().items).toEqual([
      expect.objectContaining({ version: 2, reportCount: 0, labelSv: 'Hot per telefon eller sms' }),
      expect.objectContaining({
        version: 1,
        reportCount: 1,
        labelSv: 'Hot via telefon',
        createdBy: 'Administratör',
      }),
    ]);
  });

  it('switches a type off and moves it without a new version', async () => {
    const type = await create();
    const res = await admin.request('PATCH', `/api/incident-types/${type.id}`, {
      active: false,
      sortOrder: 999,
    });
    expect(res.json()).toMatchObject({
      version: 1,
      active: false,
      sortOrder: 999,
      versionId: type.versionId,
    });
    const versions = await db()
      .selectFrom('incident_type_versions')
      .select('id')
      .where('type_id', '=', type.id)
      .execute();
    expect(versions).toHaveLength(1);
  });

  it('changes nothing, and audits nothing, when nothing differs', async () => {
    const type = await create();
    const mark = await auditMark(t.current.database.db);
    const res = await admin.request('PATCH', `/api/incident-types/${type.id}`, {
      labelSv: type.labelSv,
      focusAreas: type.focusAreas,
      active: true,
    });
    expect(res.json()).toMatchObject({ version: 1 });
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });

  it('refuses an unknown focus area and leaves the type as it was', async () => {
    const type = await create();
    const res = await admin.request('PATCH', `/api/incident-types/${type.id}`, {
      labelEn: 'Changed',
      focusAreas: ['nonsense'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.focusAreas.0', message: expect.any(String) }]);
    const versions = await admin.request('GET', `/api/incident-types/${type.id}/versions`);
    expect(versions.json().items).toHaveLength(1);
  });

  it('answers 404 for a type that does not exist', async () => {
    const id = crypto.randomUUID();
    expect((await admin.request('PATCH', `/api/incident-types/${id}`, { active: false })).statusCode).toBe(
      404,
    );
    expect((await admin.request('GET', `/api/incident-types/${id}/versions`)).statusCode).toBe(404);
  });
});
