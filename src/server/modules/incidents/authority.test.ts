import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import type { AuthorityDeadline } from '../../../domain/api/incidents.ts';
import { sweepAuthorityDeadlines } from './authority.usecases.ts';
import { type City, createCity, notificationsFor } from './handling.fixtures.ts';
import { incidentsDb } from './incidents.tables.ts';

// The clock moves by days here; sessions must outlast it. Reminders four hours before the deadline.
const t = useTestApp({
  config: {
    sessionIdleMinutes: 60 * 24 * 30,
    sessionAbsoluteMinutes: 60 * 24 * 60,
    authorityReminderHours: 4,
  },
});
const db = () => t.current.database.db;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let city: City;

beforeAll(async () => {
  city = await createCity(t.current);
});

const sweep = () => sweepAuthorityDeadlines({ deps: t.current.deps });

/** A serious event in unit A1 that happened now, with the 24-hour deadline, routed to the manager and the coordinator. */
async function seriousEvent(opts: { deadlineInHours?: number; typeCode?: string; unitId?: string } = {}) {
  const now = t.current.clock.now();
  return seedIncident(db(), {
    organisationId: city.committeeA,
    unitId: opts.unitId ?? city.unitA1,
    typeCode: opts.typeCode ?? 'violence_elected',
    serious: true,
    reporterId: city.reporter.id,
    occurredAt: now,
    reportedAt: now,
    authorityDeadlineAt: new Date(now.getTime() + (opts.deadlineInHours ?? 24) * HOUR),
    participants: [
      { userId: city.managerA1.id, role: 'manager' },
      { userId: city.coordinatorA.id, role: 'coordinator' },
    ],
  });
}

async function row(id: string) {
  return incidentsDb(db()).selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('the 24-hour deadline for serious events', () => {
  it('reminds the manager, the coordinator and the assignee once, four hours before, and tells them once when it has passed', async () => {
    // A serious fall (not need-to-know), so a committee-level manager may take it over.
    const { id } = await seriousEvent({ typeCode: 'fall_slip' });
    const assigned = await city.coordinatorA.client.request('POST', `/api/incidents/${id}/assign`, {
      userId: city.committeeManagerA.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const deadlineAt = (await row(id)).authority_deadline_at!.toISOString();
    const authorityNotices = async () =>
      (await notificationsFor(t.current, id)).filter((n) => n.kind.startsWith('incident.authority_'));

    expect(await sweep()).toEqual({ reminded: 0, overdue: 0 });
    t.current.clock.advance(20 * HOUR - MINUTE);
    expect(await sweep()).toEqual({ reminded: 0, overdue: 0 });
    expect(await authorityNotices()).toEqual([]);

    t.current.clock.advance(2 * MINUTE);
    const mark = await auditMark(db());
    expect(await sweep()).toEqual({ reminded: 1, overdue: 0 });
    const reminders = await authorityNotices();
    expect(reminders.map((n) => n.user_id).sort()).toEqual(
      [city.managerA1.id, city.coordinatorA.id, city.committeeManagerA.id].sort(),
    );
    for (const n of reminders)
      expect(n).toMatchObject({ kind: 'incident.authority_reminder', data: { deadlineAt, hoursLeft: 4 } });
    expect((await row(id)).authority_reminder_sent_at?.toISOString()).toBe(
      t.current.clock.now().toISOString(),
    );
    expect(await auditSince(db(), mark)).toEqual([
      expect.objectContaining({
        action: 'incident.authority_reminder_sent',
        actor_id: null,
        target_id: id,
        fields: ['authority_reminder_sent_at'],
      }),
    ]);
    const timeline = await incidentsDb(db())
      .selectFrom('incident_events')
      .select(['kind', 'actor_id', 'visibility'])
      .where('incident_id', '=', id)
      .where('kind', 'like', 'authority%')
      .execute();
    expect(timeline).toEqual([{ kind: 'authority_reminder_sent', actor_id: null, visibility: 'internal' }]);

    // Running again, or an hour later, sends nothing more.
    expect(await sweep()).toEqual({ reminded: 0, overdue: 0 });
    t.current.clock.advance(HOUR);
    expect(await sweep()).toEqual({ reminded: 0, overdue: 0 });

    t.current.clock.advance(3 * HOUR);
    expect(await sweep()).toEqual({ reminded: 0, overdue: 1 });
    const overdue = (await authorityNotices()).filter((n) => n.kind === 'incident.authority_overdue');
    expect(overdue.map((n) => n.user_id).sort()).toEqual(
      [city.managerA1.id, city.coordinatorA.id, city.committeeManagerA.id].sort(),
    );
    for (const n of overdue) expect(n.data).toEqual({ deadlineAt });
    expect((await row(id)).authority_overdue_sent_at).not.toBeNull();
    t.current.clock.advance(24 * HOUR);
    expect(await sweep()).toEqual({ reminded: 0, overdue: 0 });
    // The reporter is not the one to report to the authority.
    expect((await authorityNotices()).some((n) => n.user_id === city.reporter.id)).toBe(false);
    // The detail shows it overdue.
    const detail = await city.managerA1.client.request('GET', `/api/incidents/${id}`);
    expect(detail.json().authority).toMatchObject({ deadlineAt, reportedAt: null, overdue: true });
  });

  it('sends nothing for an event already reported, and only the overdue notice when the reminder window was missed', async () => {
    const reported = await seriousEvent();
    const res = await city.managerA1.client.request(
      'POST',
      `/api/incidents/${reported.id}/authority-report`,
      {
        reportedAt: t.current.clock.now().toISOString(),
        reference: 'AV-1',
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const missed = await seriousEvent({ deadlineInHours: 1 });
    t.current.clock.advance(2 * HOUR);
    expect(await sweep()).toEqual({ reminded: 0, overdue: 1 });
    expect(
      (await notificationsFor(t.current, reported.id)).filter((n) =>
        n.kind.startsWith('incident.authority_'),
      ),
    ).toEqual([]);
    const kinds = (await notificationsFor(t.current, missed.id)).map((n) => n.kind);
    expect(kinds).toEqual(['incident.authority_overdue', 'incident.authority_overdue']);
    expect((await row(missed.id)).authority_reminder_sent_at).toBeNull();
    // Settle the clock past every deadline made so far.
    t.current.clock.advance(24 * HOUR);
    await sweep();
  });

  it('claims each notice exactly once when several sweeps run at the same time', async () => {
    const events = await Promise.all([seriousEvent(), seriousEvent(), seriousEvent()]);
    t.current.clock.advance(21 * HOUR);
    const results = await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    expect(results.reduce((sum, r) => sum + r.reminded, 0)).toBe(3);
    for (const e of events) {
      const notices = (await notificationsFor(t.current, e.id)).filter(
        (n) => n.kind === 'incident.authority_reminder',
      );
      expect(notices.map((n) => n.user_id).sort()).toEqual([city.managerA1.id, city.coordinatorA.id].sort());
    }
    t.current.clock.advance(4 * HOUR);
    const overdue = await Promise.all([sweep(), sweep(), sweep()]);
    expect(overdue.reduce((sum, r) => sum + r.overdue, 0)).toBe(3);
    const audits = await db()
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where(
        'target_id',
        'in',
        events.map((e) => e.id),
      )
      .where('action', 'like', 'incident.authority_%')
      .execute();
    expect(audits).toHaveLength(6);
  });
});

describe('the list of deadlines', () => {
  it('shows the serious events the caller handles, overdue first, then due soonest first, then recently reported; nobody else’s', async () => {
    const overdue = await seriousEvent({ deadlineInHours: -2 });
    const later = await seriousEvent({ deadlineInHours: 20 });
    const sooner = await seriousEvent({ deadlineInHours: 5 });
    const reported = await seriousEvent({ deadlineInHours: 10 });
    await incidentsDb(db())
      .updateTable('incidents')
      .set({ authority_reported_at: t.current.clock.now(), authority_reference: 'AV-9' })
      .where('id', '=', reported.id)
      .execute();
    const now = t.current.clock.now();
    const elsewhere = await seedIncident(db(), {
      organisationId: city.committeeB,
      typeCode: 'violence_elected',
      serious: true,
      occurredAt: now,
      authorityDeadlineAt: new Date(now.getTime() + 3 * HOUR),
    });

    const res = await city.coordinatorA.client.request('GET', '/api/incidents/authority-deadlines');
    expect(res.statusCode, res.body).toBe(200);
    const items: AuthorityDeadline[] = res.json().items;
    const ours = items.filter((i) => [overdue.id, later.id, sooner.id, reported.id].includes(i.id));
    expect(ours.map((i) => i.id)).toEqual([overdue.id, sooner.id, later.id, reported.id]);
    expect(items.map((i) => i.id)).not.toContain(elsewhere.id);
    expect(ours[0]).toMatchObject({
      reference: overdue.reference,
      typeLabelSv: 'Våld mot förtroendevald',
      typeLabelEn: 'Violence against an elected official',
      organisationName: 'Nämnd A',
      reportedAt: null,
      overdue: true,
    });
    expect(ours.slice(1).map((i) => i.overdue)).toEqual([false, false, false]);
    expect(ours[3]!.reportedAt).not.toBeNull();
    // Overdue items come before everything else in the whole list.
    const firstNotOverdue = items.findIndex((i) => !i.overdue);
    expect(items.slice(firstNotOverdue).some((i) => i.overdue)).toBe(false);

    // A need-to-know event is listed only for those who may handle it: not a committee manager uninvolved.
    const committeeList = await city.committeeManagerA.client.request(
      'GET',
      '/api/incidents/authority-deadlines',
    );
    expect(committeeList.json().items.map((i: AuthorityDeadline) => i.id)).not.toContain(overdue.id);
    const ordinary = await seriousEvent({ typeCode: 'fall_slip', deadlineInHours: 6 });
    const withOrdinary = await city.committeeManagerA.client.request(
      'GET',
      '/api/incidents/authority-deadlines',
    );
    expect(withOrdinary.json().items.map((i: AuthorityDeadline) => i.id)).toContain(ordinary.id);
    const coordinatorB = await city.coordinatorB.client.request('GET', '/api/incidents/authority-deadlines');
    expect(coordinatorB.json().items.map((i: AuthorityDeadline) => i.id)).toEqual([elsewhere.id]);
  });
});
