import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import type { Incident } from '../../../domain/api/incidents.ts';
import { type City, createCity, notificationsFor } from './handling.fixtures.ts';
import { incidentsDb } from './incidents.tables.ts';

// The clock moves by hours here; sessions must outlast it.
const t = useTestApp({ config: { sessionIdleMinutes: 60 * 24 * 30, sessionAbsoluteMinutes: 60 * 24 * 60 } });
const db = () => t.current.database.db;
const HOUR = 3_600_000;

let city: City;

beforeAll(async () => {
  city = await createCity(t.current);
});

/** A theft in unit A1, reported by an employee, routed to the unit's manager; the affected person is told too. */
async function theft(extra: Partial<Parameters<typeof seedIncident>[1]> = {}) {
  return seedIncident(db(), {
    organisationId: city.committeeA,
    unitId: city.unitA1,
    reporterId: city.reporter.id,
    participants: [
      { userId: city.affected.id, role: 'affected' },
      { userId: city.managerA1.id, role: 'manager' },
    ],
    ...extra,
  });
}

async function row(id: string) {
  return incidentsDb(db()).selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const transition = (id: string, body: unknown, client = city.managerA1.client) =>
  client.request('POST', `/api/incidents/${id}/transition`, body);

describe('moving an incident through its states', () => {
  it('goes received → investigating → measures decided → closed, each step on the timeline, audited and told to the reporter and the affected person', async () => {
    const { id } = await theft();
    for (const [from, to, reason] of [
      ['received', 'investigating', undefined],
      ['investigating', 'measures_decided', 'Nya lås beställda'],
      ['measures_decided', 'closed', 'Låsen är bytta'],
    ] as const) {
      t.current.clock.advance(HOUR);
      const before = (await row(id)).updated_at;
      const mark = await auditMark(db());
      const res = await transition(id, { to, reason });
      expect(res.statusCode, res.body).toBe(200);
      const incident: Incident = res.json();
      expect(incident.state).toBe(to);
      expect(incident.timeline.at(-1)).toMatchObject({
        kind: 'state_changed',
        actorName: 'Maja Chef A1',
        visibility: 'reporter',
        data: { from, to, reason: reason ?? null },
      });
      expect(await auditSince(db(), mark)).toEqual([
        expect.objectContaining({
          action: 'incident.state_changed',
          actor_id: city.managerA1.id,
          organisation_id: city.unitA1,
          target_id: id,
          fields: ['state', 'closed_at', 'closed_reason'],
        }),
      ]);
      expect((await row(id)).updated_at.getTime()).toBeGreaterThan(before.getTime());
    }
    const closed = await row(id);
    expect(closed).toMatchObject({ state: 'closed', closed_reason: 'Låsen är bytta' });
    expect(closed.closed_at?.toISOString()).toBe(t.current.clock.now().toISOString());

    const notices = await notificationsFor(t.current, id);
    expect(notices.filter((n) => n.user_id === city.reporter.id)).toEqual([
      {
        user_id: city.reporter.id,
        kind: 'incident.state_changed',
        data: { from: 'received', to: 'investigating', reason: null },
      },
      {
        user_id: city.reporter.id,
        kind: 'incident.state_changed',
        data: { from: 'investigating', to: 'measures_decided', reason: 'Nya lås beställda' },
      },
      {
        user_id: city.reporter.id,
        kind: 'incident.state_changed',
        data: { from: 'measures_decided', to: 'closed', reason: 'Låsen är bytta' },
      },
    ]);
    expect(notices.filter((n) => n.user_id === city.affected.id)).toHaveLength(3);
    // The one who made the change is not told of it.
    expect(notices.filter((n) => n.user_id === city.managerA1.id)).toEqual([]);

    // The reporter sees every change on their own view.
    const seen: Incident = (await city.reporter.client.request('GET', `/api/incidents/${id}`)).json();
    expect(seen).toMatchObject({ view: 'participant', state: 'closed', closedReason: 'Låsen är bytta' });
    expect(seen.timeline.filter((e) => e.kind === 'state_changed')).toHaveLength(3);
  });

  it('closes straight from received or investigating, with a reason', async () => {
    for (const state of ['received', 'investigating'] as const) {
      const { id } = await theft({ state });
      const res = await transition(id, { to: 'closed', reason: 'Dubblett' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ state: 'closed', closedReason: 'Dubblett' });
    }
  });

  it('refuses to close without a reason (400) and refuses a step the flow does not have (409), changing nothing', async () => {
    const { id } = await theft();
    const mark = await auditMark(db());
    const noReason = await transition(id, { to: 'closed' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({
      code: 'validation.failed',
      details: [{ path: 'body.reason', message: expect.any(String) }],
    });
    const blank = await transition(id, { to: 'closed', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    for (const to of ['measures_decided', 'received']) {
      const res = await transition(id, { to });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'incidents.invalid_transition',
        details: { from: 'received', to, allowed: ['investigating', 'closed'] },
      });
    }
    const unknown = await transition(id, { to: 'archived' });
    expect(unknown.statusCode).toBe(400);
    expect(await auditSince(db(), mark)).toEqual([]);
    expect(await notificationsFor(t.current, id)).toEqual([]);
    expect((await row(id)).state).toBe('received');
    const events = await incidentsDb(db())
      .selectFrom('incident_events')
      .select('id')
      .where('incident_id', '=', id)
      .execute();
    expect(events).toEqual([]);
  });

  it('reopens a closed incident to investigation with a reason, clearing the closure; measures decided cannot go back', async () => {
    const { id } = await theft({ state: 'closed' });
    const noReason = await transition(id, { to: 'investigating' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');
    expect((await transition(id, { to: 'measures_decided', reason: 'x' })).statusCode).toBe(409);
    const res = await transition(id, { to: 'investigating', reason: 'Det hände igen' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'investigating', closedAt: null, closedReason: null });
    expect(res.json().timeline.at(-1).data).toEqual({
      from: 'closed',
      to: 'investigating',
      reason: 'Det hände igen',
      reopened: true,
    });
    expect(await row(id)).toMatchObject({ closed_at: null, closed_reason: null });

    const decided = await theft({ state: 'measures_decided' });
    const back = await transition(decided.id, { to: 'investigating', reason: 'Tillbaka' });
    expect(back.statusCode).toBe(409);
  });

  it('tells nobody of an anonymous report (there is nobody to tell), and only handlers move it', async () => {
    const { id } = await seedIncident(db(), {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'vandalism',
      participants: [{ userId: city.managerA1.id, role: 'manager' }],
    });
    await incidentsDb(db()).updateTable('incidents').set({ anonymous: true }).where('id', '=', id).execute();
    const res = await transition(id, { to: 'investigating' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ anonymous: true, reporter: null });
    expect(await notificationsFor(t.current, id)).toEqual([]);

    const reported = await theft();
    const byReporter = await transition(reported.id, { to: 'investigating' }, city.reporter.client);
    expect(byReporter.statusCode).toBe(403);
    // A reporter who is a manager elsewhere holds the permission but not here.
    const byOtherUnit = await transition(reported.id, { to: 'investigating' }, city.managerA2.client);
    expect(byOtherUnit.statusCode).toBe(403);
  });
});

describe('assignment', () => {
  it('assigns to a handler, who becomes a participant and is told; reassigning moves the participation; null unassigns', async () => {
    const { id } = await theft();
    const mark = await auditMark(db());
    const res = await city.managerA1.client.request('POST', `/api/incidents/${id}/assign`, {
      userId: city.otherManagerA1.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const incident: Incident = res.json();
    expect(incident.assignee).toEqual({ id: city.otherManagerA1.id, name: 'Mats Chef A1' });
    expect(incident.participants).toContainEqual({
      userId: city.otherManagerA1.id,
      name: 'Mats Chef A1',
      role: 'assignee',
      reason: null,
    });
    expect(incident.timeline.at(-1)).toMatchObject({
      kind: 'assigned',
      visibility: 'internal',
      data: { assigneeId: city.otherManagerA1.id, assigneeName: 'Mats Chef A1', previousAssigneeId: null },
    });
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.fields])).toEqual([
      ['incident.assigned', ['assignee_id']],
    ]);
    expect(await notificationsFor(t.current, id)).toEqual([
      { user_id: city.otherManagerA1.id, kind: 'incident.assigned', data: { byName: 'Maja Chef A1' } },
    ]);

    const again = await city.managerA1.client.request('POST', `/api/incidents/${id}/assign`, {
      userId: city.committeeManagerA.id,
    });
    expect(again.statusCode).toBe(200);
    const roles = (again.json() as Incident).participants.filter((p) => p.role === 'assignee');
    expect(roles.map((p) => p.userId)).toEqual([city.committeeManagerA.id]);

    const cleared = await city.managerA1.client.request('POST', `/api/incidents/${id}/assign`, {
      userId: null,
    });
    expect(cleared.json()).toMatchObject({ assignee: null });
    expect((cleared.json() as Incident).participants.some((p) => p.role === 'assignee')).toBe(false);
    // Saying the same again changes nothing.
    const mark2 = await auditMark(db());
    expect(
      (await city.managerA1.client.request('POST', `/api/incidents/${id}/assign`, { userId: null }))
        .statusCode,
    ).toBe(200);
    expect(await auditSince(db(), mark2)).toEqual([]);
  });

  it('refuses someone who cannot handle the incident: an employee, a manager of another unit or committee', async () => {
    const { id } = await theft();
    for (const who of [city.reporter, city.managerA2, city.coordinatorB]) {
      const res = await city.managerA1.client.request('POST', `/api/incidents/${id}/assign`, {
        userId: who.id,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toEqual([{ path: 'body.userId', message: expect.any(String) }]);
    }
    expect((await row(id)).assignee_id).toBeNull();
  });
});

describe('comments', () => {
  it('keeps internal notes internal and tells the reporter side of a message to them, without its text', async () => {
    const { id } = await theft();
    const internal = await city.managerA1.client.request('POST', `/api/incidents/${id}/comments`, {
      body: 'Kolla kamerorna',
      visibility: 'internal',
    });
    expect(internal.statusCode, internal.body).toBe(201);
    expect(await notificationsFor(t.current, id)).toEqual([]);
    const mark = await auditMark(db());
    const toReporter = await city.managerA1.client.request('POST', `/api/incidents/${id}/comments`, {
      body: 'Tack, vi utreder',
      visibility: 'reporter',
    });
    expect(toReporter.statusCode).toBe(201);
    const event = (toReporter.json() as Incident).timeline.at(-1)!;
    expect(event).toMatchObject({ kind: 'comment', visibility: 'reporter', body: 'Tack, vi utreder' });
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.fields])).toEqual([
      ['incident.commented', ['timeline']],
    ]);
    const notices = await notificationsFor(t.current, id);
    expect(notices).toHaveLength(2);
    expect(notices).toEqual(
      expect.arrayContaining([
        { user_id: city.reporter.id, kind: 'incident.comment', data: { eventId: event.id, from: 'handler' } },
        { user_id: city.affected.id, kind: 'incident.comment', data: { eventId: event.id, from: 'handler' } },
      ]),
    );
    expect(JSON.stringify(notices)).not.toContain('Tack');
  });

  it('lets the reporter answer (visible to the reporter side, telling the handlers) but not write internal notes', async () => {
    const { id } = await theft();
    const internal = await city.reporter.client.request('POST', `/api/incidents/${id}/comments`, {
      body: 'Hemligt',
      visibility: 'internal',
    });
    expect(internal.statusCode).toBe(403);
    expect(internal.json().error.code).toBe('incidents.internal_comment_forbidden');
    const answer = await city.reporter.client.request('POST', `/api/incidents/${id}/comments`, {
      body: 'Det var två personer',
      visibility: 'reporter',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ view: 'participant' });
    expect((answer.json() as Incident).timeline.at(-1)).toMatchObject({
      kind: 'comment',
      actorName: 'Rita Rapportör',
      body: 'Det var två personer',
    });
    expect(
      (await notificationsFor(t.current, id)).map((n) => [
        n.user_id,
        n.kind,
        (n.data as { from: string }).from,
      ]),
    ).toEqual([[city.managerA1.id, 'incident.comment', 'participant']]);
    // Once assigned, an answer goes to the assignee.
    t.current.clock.advance(HOUR);
    await city.managerA1.client.request('POST', `/api/incidents/${id}/assign`, {
      userId: city.otherManagerA1.id,
    });
    await city.affected.client.request('POST', `/api/incidents/${id}/comments`, {
      body: 'Jag också',
      visibility: 'reporter',
    });
    const comments = (await notificationsFor(t.current, id)).filter((n) => n.kind === 'incident.comment');
    expect(comments.map((n) => n.user_id)).toEqual([city.managerA1.id, city.otherManagerA1.id]);
    // Someone uninvolved cannot comment at all.
    const stranger = await city.colleagueA2.client.request('POST', `/api/incidents/${id}/comments`, {
      body: 'Hej',
      visibility: 'reporter',
    });
    expect(stranger.statusCode).toBe(403);
  });
});

describe('the support checklist', () => {
  it('records, corrects and removes dated items for a threat, on the timeline and in the audit log', async () => {
    const { id } = await seedIncident(db(), {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'threat_employee',
      participants: [{ userId: city.managerA1.id, role: 'manager' }],
    });
    const url = (item: string) => `/api/incidents/${id}/support-items/${item}`;
    const mark = await auditMark(db());
    const first = await city.managerA1.client.request('PUT', url('talked_with_affected'), {
      doneOn: '2026-03-02',
      note: 'Samtal',
    });
    expect(first.statusCode, first.body).toBe(200);
    await city.coordinatorA.client.request('PUT', url('risk_assessment'), { doneOn: '2026-03-03' });
    const corrected = await city.managerA1.client.request('PUT', url('talked_with_affected'), {
      doneOn: '2026-03-04',
      note: null,
    });
    expect((corrected.json() as Incident).supportItems).toEqual([
      { item: 'talked_with_affected', doneOn: '2026-03-04', note: null, recordedBy: 'Maja Chef A1' },
      { item: 'risk_assessment', doneOn: '2026-03-03', note: null, recordedBy: 'Sara Samordnare A' },
    ]);
    expect((corrected.json() as Incident).can.support).toBe(true);
    const removed = await city.managerA1.client.request('DELETE', url('risk_assessment'));
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as Incident).supportItems.map((s) => s.item)).toEqual(['talked_with_affected']);
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.fields])).toEqual([
      ['incident.support_item_recorded', ['support.talked_with_affected']],
      ['incident.support_item_recorded', ['support.risk_assessment']],
      ['incident.support_item_recorded', ['support.talked_with_affected']],
      ['incident.support_item_removed', ['support.risk_assessment']],
    ]);
    const again = await city.managerA1.client.request('DELETE', url('risk_assessment'));
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('incidents.support_item_not_found');
  });

  it('refuses a future date, an unknown item and an incident that is not a threat, violence or undue influence', async () => {
    const threat = await seedIncident(db(), {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'undue_threat',
      participants: [{ userId: city.managerA1.id, role: 'manager' }],
    });
    const future = new Date(t.current.clock.now().getTime() + 3 * 24 * HOUR).toISOString().slice(0, 10);
    const res = await city.managerA1.client.request(
      'PUT',
      `/api/incidents/${threat.id}/support-items/police_report`,
      { doneOn: future },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.doneOn', message: expect.any(String) }]);
    const unknown = await city.managerA1.client.request(
      'PUT',
      `/api/incidents/${threat.id}/support-items/cake`,
      { doneOn: '2026-03-02' },
    );
    expect(unknown.statusCode).toBe(400);
    const { id } = await theft();
    const notApplicable = await city.managerA1.client.request(
      'PUT',
      `/api/incidents/${id}/support-items/police_report`,
      { doneOn: '2026-03-02' },
    );
    expect(notApplicable.statusCode).toBe(409);
    expect(notApplicable.json().error.code).toBe('incidents.support_not_applicable');
    const rows = await incidentsDb(db())
      .selectFrom('incident_support_items')
      .selectAll()
      .where('incident_id', 'in', [id, threat.id])
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('the report to the Work Environment Authority', () => {
  it('is recorded for a serious event, and refused for one that is not serious or with a time in the future', async () => {
    const now = t.current.clock.now();
    const serious = await theft({
      serious: true,
      occurredAt: new Date(now.getTime() - 2 * HOUR),
      authorityDeadlineAt: new Date(now.getTime() + 22 * HOUR),
    });
    const url = `/api/incidents/${serious.id}/authority-report`;
    const before: Incident = (
      await city.managerA1.client.request('GET', `/api/incidents/${serious.id}`)
    ).json();
    expect(before.authority).toMatchObject({ reportedAt: null, overdue: false });
    expect(before.can.reportAuthority).toBe(true);

    const future = await city.managerA1.client.request('POST', url, {
      reportedAt: new Date(now.getTime() + HOUR).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('body.reportedAt');
    const tooEarly = await city.managerA1.client.request('POST', url, {
      reportedAt: new Date(now.getTime() - 3 * HOUR).toISOString(),
    });
    expect(tooEarly.statusCode).toBe(400);

    const mark = await auditMark(db());
    const reportedAt = new Date(now.getTime() - HOUR).toISOString();
    const res = await city.managerA1.client.request('POST', url, { reportedAt, reference: 'AV-2026-123' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Incident).authority).toEqual({
      deadlineAt: new Date(now.getTime() + 22 * HOUR).toISOString(),
      reportedAt,
      reference: 'AV-2026-123',
      overdue: false,
    });
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.fields])).toEqual([
      ['incident.authority_reported', ['authority_reported_at', 'authority_reference']],
    ]);

    const ordinary = await theft();
    const refused = await city.managerA1.client.request(
      'POST',
      `/api/incidents/${ordinary.id}/authority-report`,
      {
        reportedAt: now.toISOString(),
      },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('incidents.not_serious');
  });
});

describe('the incident as shown', () => {
  it('keeps the type in the version it was reported under after the type is edited, with every name resolved', async () => {
    const { id } = await theft({ description: 'Cykeln stals' });
    const idb = incidentsDb(db());
    const type = await idb
      .selectFrom('incident_types')
      .selectAll()
      .where('code', '=', 'theft')
      .executeTakeFirstOrThrow();
    await idb
      .insertInto('incident_type_versions')
      .values({
        type_id: type.id,
        version: 2,
        label_sv: 'Stöld (ny)',
        label_en: 'Theft (new)',
        focus_areas: ['crime'],
      })
      .execute();
    await idb.updateTable('incident_types').set({ current_version: 2 }).where('id', '=', type.id).execute();
    const res = await city.managerA1.client.request('GET', `/api/incidents/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const incident: Incident = res.json();
    expect(incident).toMatchObject({
      view: 'handler',
      type: {
        id: type.id,
        code: 'theft',
        version: 1,
        labelSv: 'Stöld',
        labelEn: 'Theft',
        groupCode: 'crime',
      },
      organisation: { id: city.committeeA, name: 'Nämnd A' },
      unit: { id: city.unitA1, name: 'Enhet A1' },
      reporter: { id: city.reporter.id, name: 'Rita Rapportör' },
      description: 'Cykeln stals',
      assignee: null,
      authority: null,
      can: {
        handle: true,
        assign: true,
        comment: true,
        grant: false,
        reportAuthority: false,
        support: false,
      },
    });
    expect(incident.participants.map((p) => [p.name, p.role])).toEqual([
      ['Rita Rapportör', 'reporter'],
      ['Anna Drabbad', 'affected'],
      ['Maja Chef A1', 'manager'],
    ]);
    const coordinator: Incident = (
      await city.coordinatorA.client.request('GET', `/api/incidents/${id}`)
    ).json();
    expect(coordinator.can.grant).toBe(true);
  });
});
