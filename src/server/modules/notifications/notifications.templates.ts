/**
 * The e-mail for a notice, in the recipient's language. An e-mail leaves the city's systems, so it
 * never carries what is need-to-know: no description, names, places, comments or reasons — only
 * the reference, what kind of change happened and a link into the app, where access is checked.
 */
export type MailLocale = 'sv' | 'en';

export interface NoticeMailInput {
  kind: string;
  data: Record<string, unknown>;
  locale: MailLocale;
  /** The incident's reference, e.g. H-2026-000123 (null for notices about no incident). */
  reference: string | null;
  /** Absolute link to the page in the app. */
  link: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const STATES: Record<MailLocale, Record<string, string>> = {
  sv: {
    received: 'Mottagen',
    investigating: 'Under utredning',
    measures_decided: 'Åtgärder beslutade',
    closed: 'Avslutad',
  },
  en: {
    received: 'Received',
    investigating: 'Under investigation',
    measures_decided: 'Measures decided',
    closed: 'Closed',
  },
};

const TEXT = {
  sv: {
    greeting: 'Hej!',
    open: 'Öppna i Trygg',
    footer:
      'Meddelandet är skickat automatiskt från Trygg och innehåller inga uppgifter om händelsen. Logga in för att läsa mer. Svara inte på det här meddelandet.',
    noReference: 'ett ärende',
  },
  en: {
    greeting: 'Hello,',
    open: 'Open in Trygg',
    footer:
      'This message was sent automatically by Trygg and holds no details of the event. Sign in to read more. Do not reply to this message.',
    noReference: 'a case',
  },
} as const;

type Body = { subject: string; lines: string[] };

function stateName(locale: MailLocale, value: unknown): string | null {
  return typeof value === 'string' ? (STATES[locale][value] ?? null) : null;
}

/** A deadline from the notice's data, shown in Swedish time. */
function deadline(locale: MailLocale, data: Record<string, unknown>): string | null {
  const raw = data.deadlineAt ?? data.deadline_at ?? data.deadline;
  if (typeof raw !== 'string' && !(raw instanceof Date)) return null;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) return null;
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}

function bodySv(kind: string, ref: string, data: Record<string, unknown>): Body {
  switch (kind) {
    case 'incident.received':
      return {
        subject: `Ny rapport ${ref}`,
        lines: [`En ny rapport, ${ref}, har kommit in till dig och väntar på handläggning.`],
      };
    case 'incident.state_changed': {
      const to = stateName('sv', data.to);
      return {
        subject: to ? `${ref}: ${to}` : `${ref} har ändrat status`,
        lines: [to ? `Ärende ${ref} har fått status ”${to}”.` : `Ärende ${ref} har ändrat status.`],
      };
    }
    case 'incident.comment':
      return {
        subject: `Nytt meddelande om ${ref}`,
        lines: [`Det finns ett nytt meddelande till dig i ärende ${ref}.`],
      };
    case 'incident.assigned':
      return {
        subject: `Du har fått ärende ${ref}`,
        lines: [`Ärende ${ref} har tilldelats dig.`],
      };
    case 'incident.access_granted':
      return {
        subject: `Du har fått tillgång till ${ref}`,
        lines: [`Du har fått behörighet att läsa ärende ${ref}.`],
      };
    case 'incident.authority_reminder': {
      const by = deadline('sv', data);
      return {
        subject: `Påminnelse: anmäl ${ref} till Arbetsmiljöverket`,
        lines: [
          `Ärende ${ref} är en allvarlig händelse som ska anmälas till Arbetsmiljöverket inom 24 timmar${by ? `, senast ${by}` : ''}.`,
        ],
      };
    }
    case 'incident.authority_overdue': {
      const by = deadline('sv', data);
      return {
        subject: `Försenad anmälan: ${ref}`,
        lines: [
          `Tiden för att anmäla ärende ${ref} till Arbetsmiljöverket har gått ut${by ? ` (${by})` : ''}. Anmäl händelsen snarast.`,
        ],
      };
    }
    default:
      return { subject: `Nytt i ${ref}`, lines: [`Det finns något nytt i ${ref}.`] };
  }
}

function bodyEn(kind: string, ref: string, data: Record<string, unknown>): Body {
  switch (kind) {
    case 'incident.received':
      return {
        subject: `New report ${ref}`,
        lines: [`A new report, ${ref}, has been routed to you and awaits handling.`],
      };
    case 'incident.state_changed': {
      const to = stateName('en', data.to);
      return {
        subject: to ? `${ref}: ${to}` : `${ref} changed state`,
        lines: [to ? `Case ${ref} is now “${to}”.` : `Case ${ref} changed state.`],
      };
    }
    case 'incident.comment':
      return {
        subject: `New message about ${ref}`,
        lines: [`There is a new message for you in case ${ref}.`],
      };
    case 'incident.assigned':
      return { subject: `${ref} was assigned to you`, lines: [`Case ${ref} was assigned to you.`] };
    case 'incident.access_granted':
      return {
        subject: `You were given access to ${ref}`,
        lines: [`You were given access to read case ${ref}.`],
      };
    case 'incident.authority_reminder': {
      const by = deadline('en', data);
      return {
        subject: `Reminder: report ${ref} to the Work Environment Authority`,
        lines: [
          `Case ${ref} is a serious event that must be reported to the Work Environment Authority within 24 hours${by ? `, by ${by}` : ''}.`,
        ],
      };
    }
    case 'incident.authority_overdue': {
      const by = deadline('en', data);
      return {
        subject: `Overdue: ${ref}`,
        lines: [
          `The time to report case ${ref} to the Work Environment Authority has run out${by ? ` (${by})` : ''}. Report it as soon as possible.`,
        ],
      };
    }
    default:
      return { subject: `News in ${ref}`, lines: [`There is something new in ${ref}.`] };
  }
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function renderNoticeMail(input: NoticeMailInput): RenderedMail {
  const t = TEXT[input.locale];
  const ref = input.reference ?? t.noReference;
  const body = (input.locale === 'en' ? bodyEn : bodySv)(input.kind, ref, input.data);
  const subject = `Trygg: ${body.subject}`;
  const text = [t.greeting, '', ...body.lines, '', `${t.open}: ${input.link}`, '', '—', t.footer, ''].join(
    '\n',
  );
  const html = [
    '<!doctype html>',
    `<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">',
    `<p>${escapeHtml(t.greeting)}</p>`,
    ...body.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(t.open)}</a></p>`,
    `<p style="color: #555; font-size: 0.9em">${escapeHtml(t.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
