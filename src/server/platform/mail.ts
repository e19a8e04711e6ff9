import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Config } from '../config.ts';

/** One message: plain text always, HTML optionally; nothing else is added but the sender. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A stable unique key: the Message-ID is made from it, so a retried send is the same message. */
  key?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A failed send. `unreachable`: the server could not be reached or talked to at all (the next
 * messages would fail the same way); otherwise the server refused this one message.
 */
export class MailError extends Error {
  constructor(
    message: string,
    public readonly unreachable: boolean,
    public readonly responseCode?: number,
  ) {
    super(message);
  }
}

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'EPROTOCOL',
]);

function toMailError(err: unknown): MailError {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  // The server's own words when it refused, else the error; short, and never the message itself.
  const text = (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').slice(0, 300);
  const unreachable = e.responseCode === undefined && CONNECTION_CODES.has(e.code ?? '');
  return new MailError(text, unreachable || e.code === 'EAUTH', e.responseCode);
}

/**
 * E-mail over SMTP from `TRYGG_SMTP_URL` (smtp:// or smtps://, credentials in the URL), sent from
 * `TRYGG_MAIL_FROM`; null when no server is configured (notices are then shown in the app only).
 * Sends reuse a small pool of connections, with short timeouts so an unreachable server does not
 * hold a delivery run for minutes.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  const url = config.smtpUrl;
  if (!url) return null;
  const domain = senderDomain(config.mailFrom);
  // nodemailer is loaded at the first send, not at start-up.
  let transport: Promise<Transporter> | null = null;
  const open = async () => {
    const [{ default: nodemailer }, { parseConnectionUrl }] = await Promise.all([
      import('nodemailer'),
      import('nodemailer/lib/shared/index.js'),
    ]);
    const options: SMTPPool.Options = {
      ...(parseConnectionUrl(url) as SMTPPool.Options),
      // One or two connections kept open while a batch is sent (idle ones time out).
      pool: true,
      maxConnections: 2,
      maxMessages: 100,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    };
    return nodemailer.createTransport(options, { from: config.mailFrom });
  };
  return {
    async send(mail) {
      transport ??= open();
      try {
        await (await transport).sendMail({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.key ? { messageId: `<${mail.key}@${domain}>` } : {}),
        });
      } catch (err) {
        throw toMailError(err);
      }
    },
    close() {
      void transport?.then((t) => t.close()).catch(() => undefined);
    },
  };
}

/** The domain part of the sender's address, for Message-IDs (`Name <a@b>` or `a@b`). */
export function senderDomain(mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address.split('@')[1]?.trim();
  return domain && /^[A-Za-z0-9.-]+$/.test(domain) ? domain : 'trygg.local';
}
