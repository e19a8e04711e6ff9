import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { ProgrammeOverview, Version } from '../../../domain/api/programme.ts';
import { seedStockholmProgramme } from './stockholm-2018-2021.ts';

const t = useTestApp();

/** The administrator of the municipality (may manage the city programme). */
let cityAdmin: Client;
let employee: Client;

beforeAll(async () => {
  cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  employee = await signIn(t.current, (await createUser(t.current, 'employee', t.current.rootId)).email);
});

async function overview(client: Client, query = ''): Promise<ProgrammeOverview> {
  const res = await client.request('GET', `/api/programme${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function version(id: string): Promise<Version> {
  const res = await employee.request('GET', `/api/programme/versions/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function ok<T>(client: Client, method: string, url: string, body?: unknown, status = 200): Promise<T> {
  const res = await client.request(method, url, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

const text = (s: string) => ({ sv: `${s} (sv)`, en: `${s} (en)` });

/** A committee programme with one goal area and one focus area, as its administrator's draft. */
async function committeeDraft(admin: Client, organisationId: string, label = '2024–2027') {
  const draft = await ok<Version>(
    admin,
    'POST',
    '/api/programme',
    { organisationId, label, title: text('Lokalt program') },
    201,
  );
  const goal = await ok<{ id: string }>(
    admin,
    'POST',
    `/api/programme/versions/${draft.id}/goal-areas`,
    { title: text('Mål'), description: text('Beskrivning') },
    201,
  );
  await ok(
    admin,
    'POST',
    `/api/programme/versions/${draft.id}/focus-areas`,
    {
      title: text('Fokus'),
      description: text('Beskrivning'),
      communication: text('Kommunikation'),
      goalAreaIds: [goal.id],
    },
    201,
  );
  return draft;
}

describe('the programme when none is in force', () => {
  it('answers an empty overview, and offers to start one only to who may manage it', async () => {
    const forEmployee = await overview(employee);
    expect(forEmployee).toEqual({
      organisationId: t.current.rootId,
      programmeId: null,
      inForce: null,
      versions: [],
      can: { createProgramme: false, createDraft: false },
    });
    expect((await overview(cityAdmin)).can).toEqual({ createProgramme: true, createDraft: false });
    expect(
      (await employee.request('GET', `/api/programme?organisationId=${crypto.randomUUID()}`)).statusCode,
    ).toBe(404);
  });
});

describe('adopting a version', () => {
  let stockholm: { id: string };

  beforeAll(async () => {
    const seeded = await seedStockholmProgramme(t.current.deps.db, { now: t.current.clock.now });
    stockholm = { id: seeded.versionId! };
  });

  it('shows the seeded 2018–2021 in force, having retired 2013–2016, each record naming the other', async () => {
    const city = await overview(employee);
    expect(city.inForce?.label).toBe('2018–2021');
    expect(city.versions.map((v) => [v.label, v.status])).toEqual([
      ['2018–2021', 'adopted'],
      ['2013–2016', 'retired'],
    ]);
    const [current, earlier] = city.versions;
    expect(current!.replaces).toEqual({ id: earlier!.id, label: '2013–2016' });
    expect(earlier!.retiredBy).toEqual({ id: current!.id, label: '2018–2021' });
    expect(earlier!.retiredOn).toBe(current!.adoptedOn);
    expect(earlier!.retirementReference).toBe(current!.decisionReference);
    expect(city.can).toEqual({ createProgramme: false, createDraft: false });
    expect((await overview(cityAdmin)).can).toEqual({ createProgramme: false, createDraft: true });
  });

  it('creates a draft as a copy of the version in force, parts and relations with new ids', async () => {
    const source = await version(stockholm.id);
    const mark = await auditMark(t.current.database.db);
    const draft = await ok<Version>(
      cityAdmin,
      'POST',
      '/api/programme/versions',
      { copyOf: source.id, label: '2022–2025' },
      201,
    );
    expect(draft).toMatchObject({
      status: 'draft',
      label: '2022–2025',
      title: source.title,
      summary: source.summary,
      copiedFrom: { id: source.id, label: '2018–2021' },
      adoptedOn: null,
      can: { edit: true, adopt: true, delete: true, retire: false, copy: false },
    });
    // The same content, with the goal areas a focus area serves named by position, ids left out.
    const strip = (v: Version) => {
      const position = new Map(v.goalAreas.map((g) => [g.id, g.position]));
      return JSON.parse(
        JSON.stringify({ g: v.goalAreas, f: v.focusAreas, r: v.relations }, (key, value) =>
          ['id', 'versionId', 'focusAreaId'].includes(key)
            ? undefined
            : key === 'goalAreaIds'
              ? (value as string[]).map((id) => position.get(id))
              : value,
        ),
      );
    };
    expect(strip(draft)).toEqual(strip(source));
    const sourceIds = new Set([...source.goalAreas, ...source.focusAreas].map((p) => p.id));
    expect([...draft.goalAreas, ...draft.focusAreas].some((p) => sourceIds.has(p.id))).toBe(false);
    // The copied focus areas serve the copied goal areas, not the source's.
    const draftGoals = new Set(draft.goalAreas.map((g) => g.id));
    expect(draft.focusAreas.flatMap((f) => f.goalAreaIds).every((id) => draftGoals.has(id))).toBe(true);
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({
        action: 'programme.version_created',
        organisation_id: t.current.rootId,
        target_id: draft.id,
      }),
    ]);

    // One draft at a time, and labels stay unique within the programme.
    const again = await cityAdmin.request('POST', '/api/programme/versions', {
      copyOf: source.id,
      label: 'x',
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'programme.draft_exists']);
    const taken = await cityAdmin.request('PATCH', `/api/programme/versions/${draft.id}`, {
      label: '2018–2021',
    });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'programme.label_taken']);
  });

  it('retires the version in force when a new one is adopted, recorded in both and audited', async () => {
    const draft = (await overview(cityAdmin)).versions.find((v) => v.status === 'draft')!;
    const early = await cityAdmin.request('POST', `/api/programme/versions/${draft.id}/adopt`, {
      adoptedOn: '2017-12-31',
      decisionReference: 'KF 2017-12-31',
    });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'programme.adoption_before_current']);
    const future = await cityAdmin.request('POST', `/api/programme/versions/${draft.id}/adopt`, {
      adoptedOn: '2999-01-01',
      decisionReference: 'KF 2999-01-01',
    });
    expect([future.statusCode, future.json().error.code]).toEqual([409, 'programme.date_in_future']);

    const mark = await auditMark(t.current.database.db);
    const adopted = await ok<Version>(cityAdmin, 'POST', `/api/programme/versions/${draft.id}/adopt`, {
      adoptedOn: '2022-06-13',
      decisionReference: 'KF 2022-06-13 § 7',
    });
    expect(adopted).toMatchObject({
      status: 'adopted',
      adoptedOn: '2022-06-13',
      decisionReference: 'KF 2022-06-13 § 7',
      replaces: { id: stockholm.id, label: '2018–2021' },
      retiredBy: null,
    });
    expect(await version(stockholm.id)).toMatchObject({
      status: 'retired',
      retiredOn: '2022-06-13',
      retirementReference: 'KF 2022-06-13 § 7',
      retiredBy: { id: draft.id, label: '2022–2025' },
      replaces: { label: '2013–2016' },
    });
    expect(
      (await auditSince(t.current.database.db, mark)).map((e) => [e.action, e.target_id, e.fields]),
    ).toEqual([
      [
        'programme.version_retired',
        stockholm.id,
        ['status', 'retired_on', 'retirement_reference', 'retired_by'],
      ],
      ['programme.version_adopted', draft.id, ['status', 'adopted_on', 'decision_reference', 'replaces']],
    ]);
    const city = await overview(employee);
    expect(city.inForce?.id).toBe(draft.id);
    expect(city.versions.map((v) => [v.label, v.status])).toEqual([
      ['2022–2025', 'adopted'],
      ['2018–2021', 'retired'],
      ['2013–2016', 'retired'],
    ]);
    stockholm = { id: draft.id };
  });

  it('keeps one version of a programme in force, also against writes that bypass the API', async () => {
    const programme = (await overview(employee)).programmeId!;
    const direct = sql`INSERT INTO programme_versions (programme_id, label, title_sv, title_en, status, adopted_on, decision_reference)
      VALUES (${programme}, 'Smuggled', 'S', 'S', 'adopted', '2023-01-01', 'none')`;
    await expect(direct.execute(t.current.database.db)).rejects.toMatchObject({
      code: '23505',
      constraint: 'programme_versions_in_force_key',
    });
  });

  it('refuses changes to adopted and retired versions with a clear error, and the database refuses them too', async () => {
    const city = await overview(employee);
    const inForce = city.inForce!;
    const retired = await version(city.versions.find((v) => v.label === '2018–2021')!.id);
    const focus = retired.focusAreas[0]!;
    const attempts: [string, string, unknown?][] = [
      ['PATCH', `/api/programme/versions/${inForce.id}`, { label: 'Ändrad' }],
      ['DELETE', `/api/programme/versions/${retired.id}`],
      [
        'POST',
        `/api/programme/versions/${inForce.id}/goal-areas`,
        { title: text('G'), description: text('D') },
      ],
      ['PATCH', `/api/programme/goal-areas/${inForce.goalAreas[0]!.id}`, { title: text('Ändrad') }],
      ['PATCH', `/api/programme/focus-areas/${focus.id}`, { communication: text('Ändrad') }],
      ['DELETE', `/api/programme/focus-areas/${inForce.focusAreas[0]!.id}`],
      ['POST', `/api/programme/focus-areas/${focus.id}/objectives`, { title: text('O') }],
      ['DELETE', `/api/programme/objectives/${focus.objectives[0]!.id}`],
      ['PATCH', `/api/programme/indicators/${focus.indicators[0]!.id}`, { direction: 'maintain' }],
      ['DELETE', `/api/programme/relations/${retired.relations[0]!.id}`],
      [
        'POST',
        `/api/programme/versions/${retired.id}/adopt`,
        { adoptedOn: '2023-01-01', decisionReference: 'X' },
      ],
    ];
    const mark = await auditMark(t.current.database.db);
    for (const [method, url, body] of attempts) {
      const res = await cityAdmin.request(method, url, body);
      expect([method, url, res.statusCode, res.json().error.code]).toEqual([
        method,
        url,
        409,
        'programme.version_settled',
      ]);
      expect(res.json().error.message).toMatch(/adopted or retired and cannot be changed/);
    }
    const retireAgain = await cityAdmin.request('POST', `/api/programme/versions/${retired.id}/retire`, {
      retiredOn: '2023-01-01',
      decisionReference: 'X',
    });
    expect([retireAgain.statusCode, retireAgain.json().error.code]).toEqual([
      409,
      'programme.version_not_in_force',
    ]);
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);

    const db = t.current.database.db;
    for (const statement of [
      sql`UPDATE programme_versions SET title_sv = 'Ändrad' WHERE id = ${inForce.id}`,
      sql`UPDATE programme_versions SET status = 'adopted' WHERE id = ${retired.id}`,
      sql`DELETE FROM programme_versions WHERE id = ${retired.id}`,
      sql`UPDATE programme_goal_areas SET title_sv = 'Ändrad' WHERE id = ${inForce.goalAreas[0]!.id}`,
      sql`DELETE FROM programme_indicators WHERE id = ${focus.indicators[0]!.id}`,
      sql`INSERT INTO programme_objectives (version_id, focus_area_id, position, title_sv, title_en)
          VALUES (${retired.id}, ${focus.id}, 99, 'O', 'O')`,
    ]) {
      await expect(statement.execute(db)).rejects.toMatchObject({ code: '55000' });
    }
  });

  it('retires the version in force without a successor, leaving the programme with none in force', async () => {
    const inForce = (await overview(employee)).inForce!;
    const before = await cityAdmin.request('POST', `/api/programme/versions/${inForce.id}/retire`, {
      retiredOn: '2022-01-01',
      decisionReference: 'KF 2022-01-01',
    });
    expect([before.statusCode, before.json().error.code]).toEqual([
      409,
      'programme.retirement_before_adoption',
    ]);
    const mark = await auditMark(t.current.database.db);
    const retired = await ok<Version>(cityAdmin, 'POST', `/api/programme/versions/${inForce.id}/retire`, {
      retiredOn: '2024-01-15',
      decisionReference: 'KF 2024-01-15 § 3',
    });
    expect(retired).toMatchObject({ status: 'retired', retiredOn: '2024-01-15', retiredBy: null });
    expect((await auditSince(t.current.database.db, mark)).map((e) => e.action)).toEqual([
      'programme.version_retired',
    ]);
    const city = await overview(cityAdmin);
    expect(city.inForce).toBeNull();
    expect(city.versions.every((v) => v.status === 'retired')).toBe(true);
    // A new draft can still start from the latest version.
    expect(city.can).toEqual({ createProgramme: false, createDraft: true });
  });
});

describe("a committee's own programme", () => {
  let committee: string;
  let committeeAdmin: Client;

  beforeAll(async () => {
    committee = await createOrganisation(t.current, 'Stadsdelsnämnd A', 'committee');
    committeeAdmin = await signIn(t.current, (await createUser(t.current, 'administrator', committee)).email);
  });

  it("is managed by the committee's administrator, who may not touch the city programme", async () => {
    const draft = await committeeDraft(committeeAdmin, committee);
    expect(draft.organisationId).toBe(committee);
    const cityVersion = (await overview(employee)).versions[0]!;
    const refused = await committeeAdmin.request('POST', '/api/programme/versions', {
      copyOf: cityVersion.id,
      label: 'Kapad',
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'access.forbidden']);
    const forCommittee = await overview(committeeAdmin, `?organisationId=${committee}`);
    expect(forCommittee.versions.map((v) => [v.label, v.status, v.can.edit])).toEqual([
      ['2024–2027', 'draft', true],
    ]);
    expect((await overview(committeeAdmin)).versions.every((v) => v.can.copy === false)).toBe(true);
    const second = await committeeAdmin.request('POST', '/api/programme', {
      organisationId: committee,
      label: 'Annan',
      title: text('Annat'),
    });
    expect([second.statusCode, second.json().error.code]).toEqual([409, 'programme.exists']);
  });

  it('refuses to adopt a draft without goal areas or focus areas serving them, saying what is missing', async () => {
    const other = await createOrganisation(t.current, 'Facknämnd B', 'committee', committee);
    const empty = await ok<Version>(
      committeeAdmin,
      'POST',
      '/api/programme',
      { organisationId: other, label: '2025', title: text('Tomt') },
      201,
    );
    const adopt = () =>
      committeeAdmin.request('POST', `/api/programme/versions/${empty.id}/adopt`, {
        adoptedOn: '2025-01-20',
        decisionReference: 'Nämnden 2025-01-20 § 4',
      });
    const res = await adopt();
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'programme.version_incomplete',
      details: [{ path: 'goalAreas' }, { path: 'focusAreas' }],
    });
    const goal = await ok<{ id: string }>(
      committeeAdmin,
      'POST',
      `/api/programme/versions/${empty.id}/goal-areas`,
      { title: text('Mål'), description: text('D') },
      201,
    );
    const focus = await ok<{ id: string }>(
      committeeAdmin,
      'POST',
      `/api/programme/versions/${empty.id}/focus-areas`,
      { title: text('F'), description: text('D'), communication: text('K'), goalAreaIds: [goal.id] },
      201,
    );
    // Removing the only goal area leaves the focus area serving none.
    await ok(committeeAdmin, 'DELETE', `/api/programme/goal-areas/${goal.id}`);
    expect((await adopt()).json().error.details).toEqual([
      { path: 'goalAreas', message: 'The version has no goal areas' },
      { path: `focusAreas.${focus.id}`, message: 'The focus area "F (en)" serves no goal area' },
    ]);
    const goal2 = await ok<{ id: string }>(
      committeeAdmin,
      'POST',
      `/api/programme/versions/${empty.id}/goal-areas`,
      { title: text('Mål 2'), description: text('D') },
      201,
    );
    await ok(committeeAdmin, 'PATCH', `/api/programme/focus-areas/${focus.id}`, { goalAreaIds: [goal2.id] });
    const adopted = await adopt();
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'adopted', replaces: null });
  });

  it('discards a draft with its parts; an employee may read it but not change it', async () => {
    const org = await createOrganisation(t.current, 'Bolag C', 'company', committee);
    const draft = await committeeDraft(committeeAdmin, org, 'Utkast');
    expect((await version(draft.id)).focusAreas).toHaveLength(1);
    const refused = await employee.request('DELETE', `/api/programme/versions/${draft.id}`);
    expect(refused.statusCode).toBe(403);
    const mark = await auditMark(t.current.database.db);
    await ok(committeeAdmin, 'DELETE', `/api/programme/versions/${draft.id}`);
    expect((await employee.request('GET', `/api/programme/versions/${draft.id}`)).statusCode).toBe(404);
    expect((await auditSince(t.current.database.db, mark)).map((e) => [e.action, e.organisation_id])).toEqual(
      [['programme.version_deleted', org]],
    );
    const left = await t.current.database.db
      .withTables<{ programme_focus_areas: { version_id: string } }>()
      .selectFrom('programme_focus_areas')
      .select('version_id')
      .where('version_id', '=', draft.id)
      .execute();
    expect(left).toEqual([]);
  });
});
