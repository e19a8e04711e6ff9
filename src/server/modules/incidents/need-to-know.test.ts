import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import type { Incident } from '../../../domain/api/incidents.ts';
import { type City, createCity, notificationsFor, type Person, seedAttachment } from './handling.fixtures.ts';
import { incidentsDb } from './incidents.tables.ts';

const t = useTestApp();
const db = () => t.current.database.db;

let city: City;
/** A threat against an employee of unit A1, reported by a colleague, routed to the unit's manager. */
let threat: { id: string; reference: string };

beforeAll(async () => {
  city = await createCity(t.current);
  threat = await seedIncident(db(), {
    organisationId: city.committeeA,
    unitId: city.unitA1,
    typeCode: 'threat_employee',
    reporterId: city.reporter.id,
    description: 'En besökare hotade handläggaren i receptionen',
    participants: [
      { userId: city.affected.id, role: 'affected' },
      { userId: city.managerA1.id, role: 'manager' },
    ],
  });
});

async function read(who: Person, id = threat.id) {
  return who.client.request('GET', `/api/incidents/${id}`);
}

describe('a threat report is need-to-know', () => {
  it('is read by the affected person, the reporter, their manager and the security coordinator, every read audited', async () => {
    const cases: [Person, Incident['view']][] = [
      [city.affected, 'participant'],
      [city.reporter, 'participant'],
      [city.managerA1, 'handler'],
      [city.coordinatorA, 'handler'],
    ];
    for (const [who, view] of cases) {
      const mark = await auditMark(db());
      const res = await read(who);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const incident: Incident = res.json();
      expect(incident).toMatchObject({
        id: threat.id,
        view,
        needToKnow: true,
        groupCode: 'threat_violence',
        description: 'En besökare hotade handläggaren i receptionen',
        type: { code: 'threat_employee', labelSv: 'Hot mot anställd', version: 1 },
        organisation: { id: city.committeeA, name: 'Nämnd A' },
        unit: { id: city.unitA1, name: 'Enhet A1' },
      });
      expect(await auditSince(db(), mark)).toEqual([
        expect.objectContaining({
          action: 'incident.read',
          actor_id: who.id,
          organisation_id: city.unitA1,
          target_type: 'incident',
          target_id: threat.id,
          fields: [view],
        }),
      ]);
    }
  });

  it('is refused (403, not 404) to a manager elsewhere in the same committee, a manager of the same unit not routed, a colleague and another committee, each attempt audited', async () => {
    for (const who of [
      city.managerA2,
      city.otherManagerA1,
      city.committeeManagerA,
      city.colleagueA2,
      city.coordinatorB,
      city.employeeB,
    ]) {
      const mark = await auditMark(db());
      const res = await read(who);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.body).not.toContain('receptionen');
      expect(await auditSince(db(), mark)).toEqual([
        expect.objectContaining({
          action: 'incident.read_denied',
          actor_id: who.id,
          organisation_id: city.unitA1,
          target_id: threat.id,
        }),
      ]);
    }
  });

  it('answers 404 for an incident that does not exist, writing nothing', async () => {
    const mark = await auditMark(db());
    const res = await read(city.coordinatorB, '00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('incidents.not_found');
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it("does not reach it through another committee's changes either", async () => {
    for (const [method, path, body] of [
      ['POST', 'transition', { to: 'investigating' }],
      ['POST', 'assign', { userId: city.coordinatorB.id }],
      ['POST', 'comments', { body: 'Hej', visibility: 'internal' }],
      ['POST', 'grants', { userId: city.coordinatorB.id, reason: 'Vill se' }],
      ['GET', 'assignable-users', undefined],
    ] as const) {
      const res = await city.coordinatorB.client.request(method, `/api/incidents/${threat.id}/${path}`, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(403);
    }
    const row = await incidentsDb(db())
      .selectFrom('incidents')
      .select(['state', 'assignee_id'])
      .where('id', '=', threat.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'received', assignee_id: null });
  });

  it('an ordinary incident is read by any handler of its unit without involvement, and not audited', async () => {
    const theft = await seedIncident(db(), { organisationId: city.committeeA, unitId: city.unitA1 });
    const mark = await auditMark(db());
    for (const who of [city.otherManagerA1, city.committeeManagerA, city.coordinatorA]) {
      const res = await read(who, theft.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().view).toBe('handler');
    }
    expect(await auditSince(db(), mark)).toEqual([]);
    // Secrecy between committees holds for ordinary incidents too; a unit's manager sees only their unit.
    for (const who of [city.managerA2, city.coordinatorB])
      expect((await read(who, theft.id)).statusCode).toBe(403);
  });
});

describe('explicit need-to-know access', () => {
  it("lets the organisation's security coordinator grant someone of the same committee, who is told and may read", async () => {
    expect((await read(city.colleagueA2)).statusCode).toBe(403);
    const mark = await auditMark(db());
    const res = await city.coordinatorA.client.request('POST', `/api/incidents/${threat.id}/grants`, {
      userId: city.colleagueA2.id,
      reason: 'Ska stötta den drabbade',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().participants).toContainEqual({
      userId: city.colleagueA2.id,
      name: 'Kim Kollega A2',
      role: 'granted',
      reason: 'Ska stötta den drabbade',
    });
    expect(await auditSince(db(), mark)).toEqual([
      expect.objectContaining({
        action: 'incident.access_granted',
        actor_id: city.coordinatorA.id,
        target_id: threat.id,
        fields: ['participants'],
      }),
    ]);
    expect(await notificationsFor(t.current, threat.id)).toContainEqual({
      user_id: city.colleagueA2.id,
      kind: 'incident.access_granted',
      data: { byName: 'Sara Samordnare A' },
    });
    const granted = await read(city.colleagueA2);
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ view: 'participant', can: { comment: true, handle: false } });

    // A committee-level manager granted access handles it too (they hold incidents.handle over the unit);
    // a manager of another unit granted access reads it as a participant (their handling stays in their unit).
    for (const who of [city.committeeManagerA, city.managerA2]) {
      const granted = await city.coordinatorA.client.request('POST', `/api/incidents/${threat.id}/grants`, {
        userId: who.id,
        reason: 'Tar över ärendet',
      });
      expect(granted.statusCode, granted.body).toBe(201);
    }
    expect((await read(city.committeeManagerA)).json().view).toBe('handler');
    expect((await read(city.managerA2)).json().view).toBe('participant');
  });

  it('refuses a second grant to the same person (409)', async () => {
    const res = await city.coordinatorA.client.request('POST', `/api/incidents/${threat.id}/grants`, {
      userId: city.colleagueA2.id,
      reason: 'Igen',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('incidents.already_granted');
  });

  it("never grants anyone outside the incident's committee, and nobody but the security coordinator grants", async () => {
    const mark = await auditMark(db());
    const outside = await city.coordinatorA.client.request('POST', `/api/incidents/${threat.id}/grants`, {
      userId: city.employeeB.id,
      reason: 'Fel nämnd',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details).toEqual([{ path: 'body.userId', message: expect.any(String) }]);
    // The routed manager handles the report but does not hold sensitive.read.
    const byManager = await city.managerA1.client.request('POST', `/api/incidents/${threat.id}/grants`, {
      userId: city.otherManagerA1.id,
      reason: 'Vill dela',
    });
    expect(byManager.statusCode).toBe(403);
    const byOther = await city.coordinatorB.client.request('POST', `/api/incidents/${threat.id}/grants`, {
      userId: city.employeeB.id,
      reason: 'Vill se',
    });
    expect(byOther.statusCode).toBe(403);
    expect(await auditSince(db(), mark)).toEqual([]);
    expect((await read(city.employeeB)).statusCode).toBe(403);
  });

  it('withdraws a grant, after which the person is refused again', async () => {
    const res = await city.coordinatorA.client.request(
      'DELETE',
      `/api/incidents/${threat.id}/grants/${city.colleagueA2.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().participants.map((p: { userId: string }) => p.userId)).not.toContain(
      city.colleagueA2.id,
    );
    expect((await read(city.colleagueA2)).statusCode).toBe(403);
    const again = await city.coordinatorA.client.request(
      'DELETE',
      `/api/incidents/${threat.id}/grants/${city.colleagueA2.id}`,
    );
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('incidents.grant_not_found');
  });
});

describe('the participant view', () => {
  it('keeps internal comments, the other participants, the assignee and the support checklist with the handlers', async () => {
    const incident = await seedIncident(db(), {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'violence_employee',
      reporterId: city.affected.id,
      participants: [
        { userId: city.affected.id, role: 'affected' },
        { userId: city.managerA1.id, role: 'manager' },
      ],
    });
    const base = `/api/incidents/${incident.id}`;
    const handler = city.managerA1.client;
    expect(
      (
        await handler.request('POST', `${base}/comments`, {
          body: 'Intern anteckning',
          visibility: 'internal',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await handler.request('POST', `${base}/comments`, {
          body: 'Vi har pratat med polisen',
          visibility: 'reporter',
        })
      ).statusCode,
    ).toBe(201);
    expect((await handler.request('POST', `${base}/assign`, { userId: city.managerA1.id })).statusCode).toBe(
      200,
    );
    expect(
      (
        await handler.request('PUT', `${base}/support-items/risk_assessment`, {
          doneOn: '2026-03-02',
          note: 'Känslig bedömning',
        })
      ).statusCode,
    ).toBe(200);
    expect((await handler.request('POST', `${base}/transition`, { to: 'investigating' })).statusCode).toBe(
      200,
    );

    const asHandler: Incident = (await handler.request('GET', base)).json();
    expect(asHandler.timeline.map((e) => e.kind)).toEqual([
      'comment',
      'comment',
      'assigned',
      'support_item_recorded',
      'state_changed',
    ]);
    expect(asHandler.supportItems).toHaveLength(1);
    expect(asHandler.assignee).toEqual({ id: city.managerA1.id, name: 'Maja Chef A1' });

    const res = await city.affected.client.request('GET', base);
    expect(res.statusCode).toBe(200);
    const seen: Incident = res.json();
    expect(seen.view).toBe('participant');
    expect(seen.timeline.map((e) => [e.kind, e.body])).toEqual([
      ['comment', 'Vi har pratat med polisen'],
      ['state_changed', null],
    ]);
    expect(seen.participants).toEqual([
      { userId: city.affected.id, name: 'Anna Drabbad', role: 'reporter', reason: null },
      { userId: city.affected.id, name: 'Anna Drabbad', role: 'affected', reason: null },
    ]);
    expect(seen.supportItems).toEqual([]);
    expect(seen.assignee).toBeNull();
    expect(seen.reporter).toEqual({ id: city.affected.id, name: 'Anna Drabbad' });
    expect(seen.can).toEqual({
      handle: false,
      assign: false,
      comment: true,
      grant: false,
      reportAuthority: false,
      support: false,
    });
    for (const secret of ['Intern anteckning', 'Känslig bedömning', 'risk_assessment'])
      expect(res.body).not.toContain(secret);
    // Who wrote to them and who moved the report on is theirs to know.
    expect(seen.timeline.map((e) => e.actorName)).toEqual(['Maja Chef A1', 'Maja Chef A1']);
  });

  it("shows the affected person neither the reporter's name nor anything of an anonymous report's origin", async () => {
    const incident = await seedIncident(db(), {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'threat_employee',
      reporterId: city.reporter.id,
      participants: [{ userId: city.affected.id, role: 'affected' }],
    });
    const seen: Incident = (
      await city.affected.client.request('GET', `/api/incidents/${incident.id}`)
    ).json();
    expect(seen.reporter).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('Rita');
    const own: Incident = (await city.reporter.client.request('GET', `/api/incidents/${incident.id}`)).json();
    expect(own.reporter).toEqual({ id: city.reporter.id, name: 'Rita Rapportör' });
  });
});

describe('attachments', () => {
  it('are served to readers with a safe name and no sniffing, every download audited; refused to others, audited too', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
    const attachmentId = await seedAttachment(t.current, threat.id, {
      fileName: '../Polis"anmälan\r\n.pdf',
      mediaType: 'application/pdf',
      content: pdf,
    });
    const url = `/api/incidents/${threat.id}/attachments/${attachmentId}`;
    const meta: Incident = (await read(city.affected)).json();
    expect(meta.attachments).toEqual([
      expect.objectContaining({ id: attachmentId, mediaType: 'application/pdf', sizeBytes: pdf.length }),
    ]);

    const mark = await auditMark(db());
    const res = await city.affected.client.request('GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_Polisanmalan.pdf"; filename*=UTF-8''_Polisanm%C3%A4lan.pdf`,
    );
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(await auditSince(db(), mark)).toEqual([
      expect.objectContaining({
        action: 'incident.attachment_read',
        actor_id: city.affected.id,
        target_type: 'incident_attachment',
        target_id: attachmentId,
      }),
    ]);

    const mark2 = await auditMark(db());
    const refused = await city.coordinatorB.client.request('GET', url);
    expect(refused.statusCode).toBe(403);
    expect(refused.rawPayload.includes(pdf)).toBe(false);
    expect(await auditSince(db(), mark2)).toEqual([
      expect.objectContaining({ action: 'incident.read_denied', actor_id: city.coordinatorB.id }),
    ]);
    const missing = await city.affected.client.request(
      'GET',
      `/api/incidents/${threat.id}/attachments/00000000-0000-4000-8000-000000000000`,
    );
    expect(missing.statusCode).toBe(404);
  });
});

describe('assigning a need-to-know incident', () => {
  it('offers only those who may handle it: the security coordinator and handlers already involved', async () => {
    const incident = await seedIncident(db(), {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'harassment',
      participants: [{ userId: city.managerA1.id, role: 'manager' }],
    });
    const res = await city.coordinatorA.client.request(
      'GET',
      `/api/incidents/${incident.id}/assignable-users`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .items.map((u: { id: string }) => u.id)
        .sort(),
    ).toEqual([city.managerA1.id, city.coordinatorA.id].sort());
    const refused = await city.coordinatorA.client.request('POST', `/api/incidents/${incident.id}/assign`, {
      userId: city.otherManagerA1.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe('body.userId');

    const theft = await seedIncident(db(), { organisationId: city.committeeA, unitId: city.unitA1 });
    const ordinary = await city.coordinatorA.client.request(
      'GET',
      `/api/incidents/${theft.id}/assignable-users`,
    );
    expect(
      ordinary
        .json()
        .items.map((u: { id: string }) => u.id)
        .sort(),
    ).toEqual(
      [city.managerA1.id, city.otherManagerA1.id, city.committeeManagerA.id, city.coordinatorA.id].sort(),
    );
  });
});
