import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { createOrganisation, createUser, useTestApp } from '../../../../tests/support/test-app.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { queueNotifications } from '../../platform/notifications.ts';
import { incidentsDb } from './incidents.tables.ts';
import { ANONYMISED_FIELDS, applyRetention } from './retention.usecases.ts';

// The configured default period (types without their own) is two years here.
const t = useTestApp({ config: { incidentRetentionMonths: 24 } });
const DAY = 86_400_000;
const db = () => incidentsDb(t.current.database.db);
const run = () => applyRetention({ deps: t.current.deps });

let committee: string;
let reporter: { id: string };
let affected: { id: string };
let manager: { id: string };
/** Theft: the default period (24 months), anonymised. */
let kept: { id: string; reference: string };
/** Vandalism: its type version says 12 months, deleted. */
let removed: { id: string; reference: string };
/** Still being handled: never touched, however old. */
let open: { id: string; reference: string };
let registerEntry: string;
let closedAt: Date;

async function fill(incidentId: string) {
  const now = t.current.deps.now();
  await db()
    .updateTable('incidents')
    .set({
      address_text: 'Cykelgatan 3, Bagarmossen',
      police_called: true,
      police_report_number: 'K-99887-24',
      affected_user_id: affected.id,
      assignee_id: manager.id,
      external_system: 'IA',
      external_id: `ext-${incidentId}`,
      authority_reference: 'AV-2024/1234',
      lat: 59.27,
      lon: 18.13,
      location: sql`point(${163_000}, ${6_571_000})`,
      immediate_action: 'Ringde väktare Vera',
    })
    .where('id', '=', incidentId)
    .execute();
  await db()
    .insertInto('incident_participants')
    .values([
      { incident_id: incidentId, user_id: manager.id, role: 'manager' },
      { incident_id: incidentId, user_id: affected.id, role: 'affected' },
    ])
    .execute();
  await db()
    .insertInto('incident_events')
    .values([
      {
        incident_id: incidentId,
        at: now,
        actor_id: manager.id,
        kind: 'comment',
        visibility: 'reporter',
        body: 'Vi har pratat med Vera om cykeln',
        data: JSON.stringify({ from: manager.id }),
      },
      {
        incident_id: incidentId,
        at: now,
        actor_id: manager.id,
        kind: 'state_changed',
        data: JSON.stringify({ from: 'measures_decided', to: 'closed', reason: 'Polisen tog över' }),
      },
    ])
    .execute();
  const content = Buffer.from('%PDF-1.4 polisanmälan');
  await db()
    .insertInto('incident_attachments')
    .values({
      incident_id: incidentId,
      file_name: 'anmalan-vera.pdf',
      media_type: 'application/pdf',
      size_bytes: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content,
      uploaded_by: reporter.id,
    })
    .execute();
  await db()
    .insertInto('incident_support_items')
    .values({
      incident_id: incidentId,
      item: 'talked_with_affected',
      done_on: '2024-01-02',
      note: 'Vera mådde dåligt',
      recorded_by: manager.id,
      recorded_at: now,
    })
    .execute();
  await queueNotifications(t.current.database.db, now, [
    {
      userId: reporter.id,
      incidentId,
      kind: 'incident.state_changed',
      data: { from: 'received', to: 'closed' },
    },
  ]);
}

async function upload(userId: string, createdAt: Date) {
  const content = crypto.randomBytes(32);
  const row = await db()
    .insertInto('incident_uploads')
    .values({
      user_id: userId,
      file_name: 'bild.png',
      media_type: 'image/png',
      size_bytes: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content,
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  committee = await createOrganisation(t.current, 'Trafiknämnden', 'committee');
  reporter = await createUser(t.current, 'employee', committee, 'Rolf Rapportör');
  affected = await createUser(t.current, 'employee', committee, 'Vera Drabbad');
  manager = await createUser(t.current, 'manager', committee, 'Mona Chef');
  await db()
    .updateTable('incident_type_versions')
    .set({ retention_months: 12, retention_action: 'delete' })
    .where('type_id', '=', (eb) =>
      eb.selectFrom('incident_types').select('id').where('code', '=', 'vandalism'),
    )
    .execute();
  closedAt = t.current.deps.now();
  const base = {
    organisationId: committee,
    reporterId: reporter.id,
    occurredAt: closedAt,
    state: 'closed' as const,
  };
  kept = await seedIncident(t.current.database.db, {
    ...base,
    typeCode: 'theft',
    description: 'Cykeln stals utanför kontoret, Vera såg en man i röd jacka',
  });
  removed = await seedIncident(t.current.database.db, {
    ...base,
    typeCode: 'vandalism',
    description: 'Klotter på fasaden',
  });
  open = await seedIncident(t.current.database.db, {
    ...base,
    typeCode: 'theft',
    state: 'investigating',
    description: 'Cykeln försvann igen',
  });
  for (const incident of [kept, removed, open]) await fill(incident.id);
  const type = await db()
    .selectFrom('incident_types')
    .select('id')
    .where('code', '=', 'vandalism')
    .executeTakeFirstOrThrow();
  const entry = await db()
    .insertInto('threat_register_entries')
    .values({
      case_ref_hmac: 'a'.repeat(64),
      incident_id: removed.id,
      organisation_id: committee,
      type_id: type.id,
      occurred_on: '2026-01-01',
      expires_at: new Date(closedAt.getTime() + 1000 * DAY),
      created_at: closedAt,
      updated_at: closedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  registerEntry = entry.id;
});

const exists = async (id: string) =>
  (await db().selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

describe('retention (the daily job), moving the clock', () => {
  it('removes report uploads never sent after a day, and leaves closed reports within their period alone', async () => {
    const now = t.current.deps.now();
    const stale = await upload(reporter.id, new Date(now.getTime() - DAY - 60_000));
    const fresh = await upload(reporter.id, new Date(now.getTime() - DAY + 60_000));
    const mark = await auditMark(t.current.database.db);
    expect(await run()).toEqual({ anonymised: 0, deleted: 0, uploadsRemoved: 1 });
    const left = await db().selectFrom('incident_uploads').select('id').execute();
    expect(left.map((u) => u.id)).toEqual([fresh]);
    expect(left.map((u) => u.id)).not.toContain(stale);
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);

    t.current.clock.advance(360 * DAY);
    expect(await run()).toEqual({ anonymised: 0, deleted: 0, uploadsRemoved: 1 });
    expect(await exists(removed.id)).toBe(true);
  });

  it('deletes a report whose type version says delete once its period (12 months) has passed; register entries stay, unlinked', async () => {
    t.current.clock.advance(10 * DAY);
    const mark = await auditMark(t.current.database.db);
    expect(await run()).toEqual({ anonymised: 0, deleted: 1, uploadsRemoved: 0 });
    expect(await exists(removed.id)).toBe(false);
    for (const table of [
      'incident_participants',
      'incident_events',
      'incident_attachments',
      'incident_support_items',
      'notifications',
    ] as const) {
      const rows = await db()
        .selectFrom(table)
        .select('incident_id')
        .where('incident_id', '=', removed.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
    const entry = await db()
      .selectFrom('threat_register_entries')
      .select(['incident_id', 'case_ref_hmac'])
      .where('id', '=', registerEntry)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ incident_id: null, case_ref_hmac: 'a'.repeat(64) });
    const audit = await auditSince(t.current.database.db, mark);
    expect(audit.map((e) => [e.action, e.actor_id, e.target_type, e.target_id, e.organisation_id])).toEqual([
      ['incident.deleted', null, 'incident', removed.id, committee],
    ]);
    // The theft (the configured 24 months) is still whole.
    const theft = await db()
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', kept.id)
      .executeTakeFirstOrThrow();
    expect(theft.anonymised_at).toBeNull();
    expect(theft.description).toContain('Cykeln');
  });

  it('anonymises a report after the configured default period: texts, people, places and files go, statistics stay', async () => {
    t.current.clock.advance(23 * 31 * DAY - 370 * DAY);
    expect(await run()).toEqual({ anonymised: 0, deleted: 0, uploadsRemoved: 0 });
    t.current.clock.advance(31 * DAY);
    const mark = await auditMark(t.current.database.db);
    expect(await run()).toEqual({ anonymised: 1, deleted: 0, uploadsRemoved: 0 });
    const now = t.current.deps.now();

    const row = await db()
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', kept.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reference: kept.reference,
      state: 'closed',
      description: '',
      immediate_action: null,
      address_text: null,
      police_report_number: null,
      lat: null,
      lon: null,
      location: null,
      reporter_id: null,
      affected_user_id: null,
      assignee_id: null,
      closed_reason: null,
      external_system: null,
      external_id: null,
      authority_reference: null,
      // What statistics need stays.
      organisation_id: committee,
      police_called: true,
    });
    expect(row.anonymised_at?.getTime()).toBe(now.getTime());
    expect(row.closed_at?.getTime()).toBe(closedAt.getTime());
    expect(row.occurred_at.getTime()).toBe(closedAt.getTime());

    expect(
      await db().selectFrom('incident_participants').selectAll().where('incident_id', '=', kept.id).execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('incident_attachments').select('id').where('incident_id', '=', kept.id).execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('notifications').select('id').where('incident_id', '=', kept.id).execute(),
    ).toEqual([]);
    const events = await db()
      .selectFrom('incident_events')
      .select(['kind', 'body', 'actor_id', 'data'])
      .where('incident_id', '=', kept.id)
      .orderBy('kind')
      .execute();
    expect(events).toEqual([
      { kind: 'comment', body: null, actor_id: null, data: {} },
      { kind: 'state_changed', body: null, actor_id: null, data: { from: 'measures_decided', to: 'closed' } },
    ]);
    expect(
      await db()
        .selectFrom('incident_support_items')
        .select(['item', 'note', 'recorded_by', 'done_on'])
        .where('incident_id', '=', kept.id)
        .execute(),
    ).toEqual([{ item: 'talked_with_affected', note: null, recorded_by: null, done_on: '2024-01-02' }]);

    // Nothing of the texts is left to find, in the row or its search index.
    const found = await sql<{ id: string }>`
      SELECT id FROM incidents WHERE id = ${kept.id}
        AND (search @@ plainto_tsquery('trygg_swedish', 'cykel') OR row(incidents.*)::text ~* 'vera|cykel|röd jacka|K-99887')`.execute(
      t.current.database.db,
    );
    expect(found.rows).toEqual([]);

    const audit = await auditSince(t.current.database.db, mark);
    expect(audit.map((e) => [e.action, e.actor_id, e.target_id, e.organisation_id])).toEqual([
      ['incident.anonymised', null, kept.id, committee],
    ]);
    expect(audit[0]?.fields).toEqual([...ANONYMISED_FIELDS]);
    expect((await verifyAuditChain(t.current.database.db)).ok).toBe(true);
  });

  it('never touches a report still being handled, and a second run changes nothing', async () => {
    t.current.clock.advance(10 * 365 * DAY);
    const mark = await auditMark(t.current.database.db);
    expect(await run()).toEqual({ anonymised: 0, deleted: 0, uploadsRemoved: 0 });
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
    const stillOpen = await db()
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', open.id)
      .executeTakeFirstOrThrow();
    expect(stillOpen).toMatchObject({
      description: 'Cykeln försvann igen',
      reporter_id: reporter.id,
      anonymised_at: null,
    });
    expect(
      await db().selectFrom('incident_attachments').select('id').where('incident_id', '=', open.id).execute(),
    ).toHaveLength(1);
  });
});
