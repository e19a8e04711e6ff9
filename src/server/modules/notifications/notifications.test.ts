import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../../../../tests/support/smtp.ts';
import {
  anonymousClient,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { Notification } from '../../../domain/api/incidents.ts';
import { freePort } from '../../db/embedded.ts';
import { createMailer, type Mailer } from '../../platform/mail.ts';
import { type NewNotification, queueNotifications } from '../../platform/notifications.ts';
import { incidentsDb } from '../incidents/incidents.tables.ts';
import { deliverPendingNotifications, MAX_EMAIL_ATTEMPTS, RETRY_MINUTES } from './notifications.usecases.ts';

const t = useTestApp();
const BASE = 'https://trygg.example.se';
const FROM = 'Trygg <no-reply@trygg.example.se>';
const MINUTE = 60_000;

let smtp: TestSmtpServer;
let mailer: Mailer;
let committee: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM })!;
  committee = await createOrganisation(t.current, 'Socialnämnden', 'committee');
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

const db = () => t.current.database.db;
const ndb = () => incidentsDb(db());

async function person(name: string, locale: 'sv' | 'en' = 'sv', role: 'employee' | 'manager' = 'employee') {
  const user = await createUser(t.current, role, committee, name);
  await db().updateTable('users').set({ locale }).where('id', '=', user.id).execute();
  return { ...user, name };
}

/** Queues notices as a use case does (same clock), a moment after the previous ones. */
async function notify(items: NewNotification[]): Promise<void> {
  t.current.clock.advance(1000);
  await queueNotifications(db(), t.current.deps.now(), items);
}

async function rowsFor(userId: string) {
  return ndb()
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

const deliver = (m: Mailer | null = mailer) =>
  deliverPendingNotifications({ deps: t.current.deps, mailer: m, baseUrl: BASE });

const mailsTo = (email: string) => smtp.messages.filter((m) => m.envelope.to.includes(email));

/** Everything in the message that a reader or a mail server sees: headers and bodies, decoded. */
const everything = (m: ReceivedMail) => `${m.raw}\n${m.parsed.text ?? ''}\n${m.parsed.html || ''}`;

describe('e-mail of notices, against a real SMTP server', () => {
  const secrets = {
    description: 'Klienten Kalle Kula hotade handläggaren med kniv vid receptionen',
    address: 'Storgatan 12, Skärholmen',
    police: 'K-123456-26',
    reason: 'Hemlig motivering om Kalle',
  };

  it('sends each notice in its recipient’s language with a link, and nothing need-to-know', async () => {
    const reporter = await person('Rapportör Räddsson', 'sv');
    const manager = await person('Maja Chefsson', 'en', 'manager');
    const incident = await seedIncident(db(), {
      organisationId: committee,
      typeCode: 'threat_employee',
      reporterId: reporter.id,
      description: secrets.description,
      participants: [{ userId: manager.id, role: 'manager' }],
    });
    await ndb()
      .updateTable('incidents')
      .set({ address_text: secrets.address, police_report_number: secrets.police, police_called: true })
      .where('id', '=', incident.id)
      .execute();
    await notify([
      {
        userId: manager.id,
        incidentId: incident.id,
        kind: 'incident.received',
        data: { reference: incident.reference, typeCode: 'threat_employee', typeLabelSv: 'Hot mot anställd' },
      },
      {
        userId: reporter.id,
        incidentId: incident.id,
        kind: 'incident.state_changed',
        data: { from: 'received', to: 'investigating', reason: secrets.reason },
      },
    ]);

    expect(await deliver()).toEqual({ sent: 2, retrying: 0, failed: 0, skipped: 0 });

    const [toReporter] = mailsTo(reporter.email);
    expect(toReporter?.parsed.subject).toBe(`Trygg: ${incident.reference}: Under utredning`);
    expect(toReporter?.parsed.text).toContain('Hej!');
    expect(toReporter?.parsed.text).toContain(
      `Ärende ${incident.reference} har fått status ”Under utredning”.`,
    );
    expect(toReporter?.parsed.text).toContain(`${BASE}/my-reports/${incident.id}`);
    expect(toReporter?.parsed.html).toContain(`href="${BASE}/my-reports/${incident.id}"`);
    expect(toReporter?.parsed.from?.value).toEqual([{ name: 'Trygg', address: 'no-reply@trygg.example.se' }]);
    expect(toReporter?.envelope.from).toBe('no-reply@trygg.example.se');

    const [toManager] = mailsTo(manager.email);
    expect(toManager?.parsed.subject).toBe(`Trygg: New report ${incident.reference}`);
    expect(toManager?.parsed.text).toContain('has been routed to you');
    expect(toManager?.parsed.text).toContain(`${BASE}/incidents/${incident.id}`);
    expect(toManager?.parsed.html).toContain('lang="en"');

    for (const mail of [toReporter!, toManager!]) {
      const all = everything(mail);
      for (const secret of [...Object.values(secrets), 'Kalle', 'kniv', 'Storgatan', 'Hot mot', 'Maja']) {
        expect(all, `the e-mail holds "${secret}"`).not.toContain(secret);
      }
    }
    // The manager's mail says nothing of who reported.
    expect(everything(toManager!)).not.toContain(reporter.email);
    expect(everything(toManager!)).not.toContain('Räddsson');

    const stored = [...(await rowsFor(reporter.id)), ...(await rowsFor(manager.id))];
    for (const row of stored) {
      expect(row).toMatchObject({ email_status: 'sent', email_attempts: 1, email_error: null });
      expect(row.email_sent_at?.getTime()).toBe(t.current.deps.now().getTime());
    }
  });

  it("leaves no trace of an anonymous report's reporter in the mail, its headers or its envelope", async () => {
    const reporter = await person('Anonym Anmälare', 'sv');
    const coordinator = await person('Sara Samordnare', 'sv', 'manager');
    const incident = await seedIncident(db(), {
      organisationId: committee,
      typeCode: 'vandalism',
      description: secrets.description,
      participants: [{ userId: coordinator.id, role: 'coordinator' }],
    });
    await ndb().updateTable('incidents').set({ anonymous: true }).where('id', '=', incident.id).execute();
    await notify([{ userId: coordinator.id, incidentId: incident.id, kind: 'incident.received', data: {} }]);
    await deliver();
    const [mail] = mailsTo(coordinator.email);
    expect(mail?.parsed.subject).toBe(`Trygg: Ny rapport ${incident.reference}`);
    const all = everything(mail!);
    for (const trace of [reporter.email, reporter.id, 'Anonym', 'Anmälare', secrets.description])
      expect(all).not.toContain(trace);
    // Only the ordinary headers: nothing naming a user, a session or a client.
    const headers = [...mail!.parsed.headers.keys()].sort();
    expect(headers).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'message-id', 'date', 'mime-version', 'content-type']),
    );
    for (const h of headers)
      expect([
        'from',
        'to',
        'subject',
        'message-id',
        'date',
        'mime-version',
        'content-type',
        'content-transfer-encoding',
      ]).toContain(h);
    expect(mail?.envelope.to).toEqual([coordinator.email]);
    expect(mail?.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@trygg\.example\.se>$/);
  });

  it('tells of an unknown kind of notice in general words, and links notices without an incident to the list', async () => {
    const user = await person('Nora Nyfiken', 'en');
    const incident = await seedIncident(db(), { organisationId: committee, reporterId: user.id });
    await notify([
      {
        userId: user.id,
        incidentId: incident.id,
        kind: 'threat_register.something_new',
        data: { secret: 'x' },
      },
      { userId: user.id, incidentId: null, kind: 'incident.assigned' },
    ]);
    await deliver();
    const mails = mailsTo(user.email);
    const general = mails.find((m) => m.parsed.subject === `Trygg: News in ${incident.reference}`);
    expect(general?.parsed.text).toContain(`There is something new in ${incident.reference}.`);
    expect(general?.parsed.text).toContain(`${BASE}/my-reports/${incident.id}`);
    const noIncident = mails.find((m) => m.parsed.subject === 'Trygg: a case was assigned to you');
    expect(noIncident?.parsed.text).toContain(`${BASE}/notifications`);
  });

  it('skips the e-mail (keeping the notice in the app) for a disabled user, and all of them with no SMTP server', async () => {
    const disabled = await person('Inaktiv Person');
    await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    const active = await person('Aktiv Person');
    await notify([
      { userId: disabled.id, incidentId: null, kind: 'incident.assigned' },
      { userId: active.id, incidentId: null, kind: 'incident.assigned' },
    ]);
    expect(await deliver()).toMatchObject({ sent: 1, skipped: 1 });
    expect((await rowsFor(disabled.id))[0]).toMatchObject({ email_status: 'skipped', email_attempts: 0 });
    expect(mailsTo(disabled.email)).toHaveLength(0);

    await notify([{ userId: active.id, incidentId: null, kind: 'incident.comment' }]);
    const before = smtp.messages.length;
    expect(await deliver(null)).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 1 });
    expect(smtp.messages.length).toBe(before);
    expect((await rowsFor(active.id)).map((r) => r.email_status)).toEqual(['sent', 'skipped']);
  });

  it('sends each notice once when two workers deliver at the same time', async () => {
    const user = await person('Många Notiser');
    await notify(
      Array.from({ length: 45 }, () => ({ userId: user.id, incidentId: null, kind: 'incident.assigned' })),
    );
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a!.sent + b!.sent).toBe(45);
    const ids = mailsTo(user.email).map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
  });
});

describe('e-mail to a server that refuses or is not there', () => {
  /** A real SMTP server that answers every recipient with a temporary error, counting the tries. */
  async function refusingServer() {
    const tries: string[] = [];
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        tries.push(address.address);
        const err = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 });
        callback(err);
      },
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)),
    );
    return {
      url: `smtp://127.0.0.1:${port}`,
      tries,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  it('tries again after 1, 5, 15 and 60 minutes, then gives up with the error', async () => {
    const server = await refusingServer();
    const refusing = createMailer({ smtpUrl: server.url, mailFrom: FROM })!;
    try {
      const user = await person('Otur Olsson');
      await notify([{ userId: user.id, incidentId: null, kind: 'incident.assigned' }]);
      const send = () =>
        deliverPendingNotifications({ deps: t.current.deps, mailer: refusing, baseUrl: BASE });

      expect(await send()).toEqual({ sent: 0, retrying: 1, failed: 0, skipped: 0 });
      for (const [i, wait] of RETRY_MINUTES.entries()) {
        const [row] = await rowsFor(user.id);
        expect(row).toMatchObject({ email_status: 'pending', email_attempts: i + 1 });
        expect(row?.email_error).toContain('Mailbox busy');
        // Not before its time …
        t.current.clock.advance((wait - 0.5) * MINUTE);
        await send();
        expect(server.tries).toHaveLength(i + 1);
        // … and then once.
        t.current.clock.advance(0.5 * MINUTE);
        await send();
        expect(server.tries).toHaveLength(i + 2);
      }
      const [row] = await rowsFor(user.id);
      expect(row).toMatchObject({
        email_status: 'failed',
        email_attempts: MAX_EMAIL_ATTEMPTS,
        email_sent_at: null,
      });
      expect(row?.email_error).toMatch(/451.*Mailbox busy/);
      t.current.clock.advance(24 * 60 * MINUTE);
      await send();
      expect(server.tries).toHaveLength(MAX_EMAIL_ATTEMPTS);
      expect(server.tries.every((a) => a === user.email)).toBe(true);
    } finally {
      refusing.close();
      await server.close();
    }
  });

  it('stops at the first e-mail when the server is not reachable, without spending the others’ attempts', async () => {
    const port = await freePort();
    const nowhere = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: FROM })!;
    const user = await person('Ingen Server');
    await notify([
      { userId: user.id, incidentId: null, kind: 'incident.assigned' },
      { userId: user.id, incidentId: null, kind: 'incident.comment' },
      { userId: user.id, incidentId: null, kind: 'incident.access_granted' },
    ]);
    expect(
      await deliverPendingNotifications({ deps: t.current.deps, mailer: nowhere, baseUrl: BASE }),
    ).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
      skipped: 0,
    });
    const rows = await rowsFor(user.id);
    expect(rows.map((r) => r.email_attempts)).toEqual([1, 0, 0]);
    expect(rows[0]?.email_error).toMatch(/ECONNREFUSED|connect/i);
    // The server is back a minute later: all three go.
    t.current.clock.advance(MINUTE);
    await deliver();
    expect((await rowsFor(user.id)).map((r) => r.email_status)).toEqual(['sent', 'sent', 'sent']);
    expect(mailsTo(user.email)).toHaveLength(3);
  });
});

describe('the notifications API', () => {
  it("lists the caller's own notices, newest first, with the incident's reference and the unread count", async () => {
    const me = await person('Läsare Ett');
    const other = await person('Läsare Två');
    const incident = await seedIncident(db(), { organisationId: committee, reporterId: me.id });
    await notify([{ userId: me.id, incidentId: null, kind: 'incident.assigned' }]);
    await notify([
      {
        userId: me.id,
        incidentId: incident.id,
        kind: 'incident.state_changed',
        data: { from: 'received', to: 'closed' },
      },
    ]);
    await notify([{ userId: other.id, incidentId: incident.id, kind: 'incident.received' }]);
    const client = await signIn(t.current, me.email);
    const res = await client.request('GET', '/api/notifications');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Notification[]; unread: number };
    expect(body.unread).toBe(2);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({
      kind: 'incident.state_changed',
      incidentId: incident.id,
      reference: incident.reference,
      data: { from: 'received', to: 'closed' },
      readAt: null,
    });
    expect(body.items[1]).toMatchObject({ kind: 'incident.assigned', incidentId: null, reference: null });
    expect(Date.parse(body.items[0]!.createdAt)).toBeGreaterThan(Date.parse(body.items[1]!.createdAt));
  });

  it('shows the latest 50 and counts every unread one', async () => {
    const me = await person('Flitig Läsare');
    await notify(
      Array.from({ length: 55 }, () => ({ userId: me.id, incidentId: null, kind: 'incident.assigned' })),
    );
    const client = await signIn(t.current, me.email);
    const body = (await client.request('GET', '/api/notifications')).json();
    expect(body.items).toHaveLength(50);
    expect(body.unread).toBe(55);
  });

  it("marks one read (audited), leaves another user's alone, and marks all read", async () => {
    const me = await person('Markerare');
    const other = await person('Annan Person');
    await notify([
      { userId: me.id, incidentId: null, kind: 'incident.assigned' },
      { userId: me.id, incidentId: null, kind: 'incident.comment' },
      { userId: other.id, incidentId: null, kind: 'incident.assigned' },
    ]);
    const [mine, second] = await rowsFor(me.id);
    const [theirs] = await rowsFor(other.id);
    const client = await signIn(t.current, me.email);

    let mark = await auditMark(db());
    let res = await client.request('POST', `/api/notifications/${mine!.id}/read`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ unread: 1 });
    const readNow = (await rowsFor(me.id)).find((r) => r.id === mine!.id);
    expect(readNow?.read_at?.getTime()).toBe(t.current.deps.now().getTime());
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.actor_id, e.target_id])).toEqual([
      ['notification.read', me.id, mine!.id],
    ]);

    // Again, or someone else's: nothing changes and nothing is recorded.
    mark = await auditMark(db());
    expect((await client.request('POST', `/api/notifications/${mine!.id}/read`)).json()).toEqual({
      unread: 1,
    });
    res = await client.request('POST', `/api/notifications/${theirs!.id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unread: 1 });
    expect((await rowsFor(other.id))[0]?.read_at).toBeNull();
    expect(await auditSince(db(), mark)).toEqual([]);
    expect((await client.request('POST', '/api/notifications/not-a-uuid/read')).statusCode).toBe(400);

    res = await client.request('POST', '/api/notifications/read-all');
    expect(res.json()).toEqual({ unread: 0 });
    expect((await rowsFor(me.id)).find((r) => r.id === second!.id)?.read_at).not.toBeNull();
    expect((await rowsFor(other.id))[0]?.read_at).toBeNull();
    expect((await client.request('GET', '/api/notifications')).json().unread).toBe(0);
  });

  it('answers 401 without a session', async () => {
    const anonymous = await anonymousClient(t.current);
    expect((await anonymous.request('GET', '/api/notifications')).statusCode).toBe(401);
    expect((await anonymous.request('POST', '/api/notifications/read-all')).statusCode).toBe(401);
  });
});
