import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { startSmtpServer } from '../../../tests/support/smtp.ts';
import { freePort } from '../db/embedded.ts';
import { createMailer, MailError, senderDomain } from './mail.ts';

const FROM = 'Trygg Stockholm <no-reply@trygg.stockholm.se>';

/** A real SMTP server that wants a user name and password, and keeps what it receives. */
async function serverWithLogin(user: string, pass: string) {
  const received: { user: string | undefined; raw: string }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)),
  );
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('e-mail over SMTP', () => {
  it('is off without TRYGG_SMTP_URL', () => {
    expect(createMailer({ smtpUrl: undefined, mailFrom: FROM })).toBeNull();
  });

  it('sends from TRYGG_MAIL_FROM, text and HTML, with a Message-ID made from the key', async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM })!;
    try {
      await mailer.send({
        to: 'anna@example.se',
        subject: 'Trygg: Ny rapport H-2026-000001',
        text: 'Hej!\n\nÖppna i Trygg: https://trygg.example.se/incidents/1',
        html: '<p>Hej!</p>',
        key: 'abc-123',
      });
      const mail = await smtp.waitFor(() => true);
      expect(mail.envelope).toEqual({ from: 'no-reply@trygg.stockholm.se', to: ['anna@example.se'] });
      expect(mail.parsed.from?.value).toEqual([
        { address: 'no-reply@trygg.stockholm.se', name: 'Trygg Stockholm' },
      ]);
      expect(mail.parsed.subject).toBe('Trygg: Ny rapport H-2026-000001');
      expect(mail.parsed.text).toContain('Öppna i Trygg');
      expect(mail.parsed.html).toContain('<p>Hej!</p>');
      expect(mail.parsed.messageId).toBe('<abc-123@trygg.stockholm.se>');
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('signs in with the credentials in the URL (percent-encoded)', async () => {
    const server = await serverWithLogin('trygg@stad.se', 'p@ss:w/rd');
    const good = createMailer({
      smtpUrl: `smtp://${encodeURIComponent('trygg@stad.se')}:${encodeURIComponent('p@ss:w/rd')}@127.0.0.1:${server.port}`,
      mailFrom: FROM,
    })!;
    const bad = createMailer({ smtpUrl: `smtp://trygg:wrong@127.0.0.1:${server.port}`, mailFrom: FROM })!;
    try {
      await good.send({ to: 'a@example.se', subject: 'Hej', text: 'Hej' });
      expect(server.received.map((r) => r.user)).toEqual(['trygg@stad.se']);
      expect((await simpleParser(server.received[0]!.raw)).subject).toBe('Hej');
      // Wrong credentials fail every message alike: the server counts as unreachable.
      const err = await bad
        .send({ to: 'a@example.se', subject: 'Hej', text: 'Hej' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailError);
      expect((err as MailError).unreachable).toBe(true);
      expect(server.received).toHaveLength(1);
    } finally {
      good.close();
      bad.close();
      await server.close();
    }
  });

  it('tells a refused message (the server answered) from a server that is not there', async () => {
    const refusing = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      },
    });
    const port = await new Promise<number>((resolve) =>
      refusing.listen(0, '127.0.0.1', () => resolve((refusing.server.address() as { port: number }).port)),
    );
    const refused = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: FROM })!;
    const nowhere = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, mailFrom: FROM })!;
    try {
      const a = (await refused
        .send({ to: 'x@example.se', subject: 's', text: 't' })
        .catch((e) => e)) as MailError;
      expect(a).toBeInstanceOf(MailError);
      expect(a).toMatchObject({ unreachable: false, responseCode: 550 });
      expect(a.message).toContain('No such user here');
      const b = (await nowhere
        .send({ to: 'x@example.se', subject: 's', text: 't' })
        .catch((e) => e)) as MailError;
      expect(b).toBeInstanceOf(MailError);
      expect(b.unreachable).toBe(true);
    } finally {
      refused.close();
      nowhere.close();
      await new Promise<void>((r) => refusing.close(() => r()));
    }
  });

  it("makes Message-IDs in the sender's domain", () => {
    expect(senderDomain('Trygg <no-reply@trygg.stockholm.se>')).toBe('trygg.stockholm.se');
    expect(senderDomain('no-reply@example.org')).toBe('example.org');
    expect(senderDomain('Trygg')).toBe('trygg.local');
  });
});
