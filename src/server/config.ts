import path from 'node:path';
import { z } from 'zod';

/**
 * One typed definition of every setting: its environment name, schema, default and doc.
 * Validated once at start; every problem is listed together.
 */
const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['true', '1', 'on', 'yes'].includes(v));

const durationMinutes = z.coerce
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);

export const CONFIG_DEFINITION = {
  port: {
    env: 'PORT',
    doc: 'HTTP port to listen on',
    default: '3000',
    schema: z.coerce.number().int().min(0).max(65535),
  },
  host: {
    env: 'HOST',
    doc: 'Address to listen on (0.0.0.0 for all)',
    default: 'localhost',
    schema: z.string().min(1),
  },
  dataDir: {
    env: 'TRYGG_DATA_DIR',
    doc: 'Folder for the embedded database and other local data',
    default: './data',
    schema: z
      .string()
      .min(1)
      .transform((p) => path.resolve(p)),
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: 'PostgreSQL ≥ 15 connection string; when unset an embedded PostgreSQL is started under the data folder',
    default: undefined,
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  },
  databaseMigrationUrl: {
    env: 'DATABASE_MIGRATION_URL',
    doc: "Optional connection string of the schema's owner, used for migrations; then DATABASE_URL's role only gets row access (and may only read and append to the audit log)",
    default: undefined,
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  },
  baseUrl: {
    env: 'TRYGG_BASE_URL',
    doc: 'Public address of the app (used for OIDC redirects and secure cookies); https enables HSTS and Secure cookies',
    default: undefined,
    schema: z.url({ protocol: /^https?$/ }).optional(),
  },
  nodeEnv: {
    env: 'NODE_ENV',
    doc: 'production gives JSON logs; anything else readable logs',
    default: 'development',
    schema: z.enum(['development', 'production', 'test']),
  },
  logLevel: {
    env: 'LOG_LEVEL',
    doc: 'fatal, error, warn, info, debug, trace or silent',
    default: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  sessionIdleMinutes: {
    env: 'TRYGG_SESSION_IDLE_MINUTES',
    doc: 'A session ends after this many minutes without requests',
    default: '30',
    schema: durationMinutes,
  },
  sessionAbsoluteMinutes: {
    env: 'TRYGG_SESSION_ABSOLUTE_MINUTES',
    doc: 'A session ends this many minutes after sign-in, whatever happens',
    default: '720',
    schema: durationMinutes,
  },
  adminEmail: {
    env: 'TRYGG_ADMIN_EMAIL',
    doc: 'E-mail of the first administrator, created on the first start',
    default: 'admin@trygg.local',
    schema: z.email(),
  },
  adminPassword: {
    env: 'TRYGG_ADMIN_PASSWORD',
    doc: 'Password of the first administrator; generated and printed once when unset',
    default: undefined,
    schema: z.string().min(12, 'must be at least 12 characters').optional(),
  },
  municipalityName: {
    env: 'TRYGG_MUNICIPALITY',
    doc: 'Name of the municipality created on the first start',
    default: 'Stockholms stad',
    schema: z.string().min(1).max(200),
  },
  oidcIssuer: {
    env: 'TRYGG_OIDC_ISSUER',
    doc: "The city's OpenID Connect issuer URL; enables 'Sign in with …'",
    default: undefined,
    schema: z.url().optional(),
  },
  oidcClientId: {
    env: 'TRYGG_OIDC_CLIENT_ID',
    doc: 'OIDC client id',
    default: undefined,
    schema: z.string().min(1).optional(),
  },
  oidcClientSecret: {
    env: 'TRYGG_OIDC_CLIENT_SECRET',
    doc: 'OIDC client secret',
    default: undefined,
    schema: z.string().min(1).optional(),
  },
  oidcLabel: {
    env: 'TRYGG_OIDC_LABEL',
    doc: 'Name of the identity provider on the sign-in button',
    default: 'stadens inloggning',
    schema: z.string().min(1).max(100),
  },
  oidcRolesClaim: {
    env: 'TRYGG_OIDC_ROLES_CLAIM',
    doc: 'Optional claim holding roles as "role@organisation-id" strings, applied at each sign-in',
    default: undefined,
    schema: z.string().min(1).optional(),
  },
  oidcAllowInsecure: {
    env: 'TRYGG_OIDC_ALLOW_HTTP',
    doc: 'Allow an http:// issuer (tests and local development only)',
    default: 'false',
    schema: boolFromEnv,
  },
  trustProxy: {
    env: 'TRYGG_TRUST_PROXY',
    doc: 'Trust X-Forwarded-* headers from a reverse proxy (true, false, or a hop count)',
    default: 'false',
    schema: z
      .string()
      .transform((v) => (v === 'true' ? true : v === 'false' ? false : Number(v)))
      .pipe(z.union([z.boolean(), z.number().int().min(0)])),
  },
  bodyLimitBytes: {
    env: 'TRYGG_BODY_LIMIT_BYTES',
    doc: 'Largest accepted request body; larger bodies are answered 413',
    default: String(1024 * 1024),
    schema: z.coerce.number().int().min(1024),
  },
  rateLimitPerMinute: {
    env: 'TRYGG_RATE_LIMIT_PER_MINUTE',
    doc: 'Requests per minute per client address to the API',
    default: '600',
    schema: z.coerce.number().int().min(1),
  },
  demo: {
    env: 'TRYGG_DEMO',
    doc: 'on: the first start on an empty database creates the demo city and prints its accounts; off: it does not',
    default: 'on',
    schema: z.enum(['on', 'off']).transform((v) => v === 'on'),
  },
  mapTileUrl: {
    env: 'TRYGG_MAP_TILE_URL',
    doc: 'Optional raster tile URL template ({z}/{x}/{y}) drawn under the maps; none by default',
    default: undefined,
    schema: z
      .string()
      .regex(/^https:\/\/\S*\{z\}\S*\{x\}\S*\{y\}/, 'must be an https:// URL with {z}, {x} and {y}')
      .optional(),
  },
  smtpUrl: {
    env: 'TRYGG_SMTP_URL',
    doc: 'SMTP server for e-mail notices (smtp://user:pass@host:587 or smtps://…); unset: notices are shown in the app only',
    default: undefined,
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
  },
  mailFrom: {
    env: 'TRYGG_MAIL_FROM',
    doc: 'Sender of e-mail notices',
    default: 'Trygg <no-reply@trygg.local>',
    schema: z.string().min(3).max(200),
  },
  jobs: {
    env: 'TRYGG_JOBS',
    doc: 'on: this process runs the background jobs (e-mail, deadline reminders, retention); off: another instance does',
    default: 'on',
    schema: z.enum(['on', 'off']).transform((v) => v === 'on'),
  },
  threatRegisterKey: {
    env: 'TRYGG_THREAT_REGISTER_KEY',
    doc: "Secret (≥ 32 characters) keying the known-threat register's hashes of case references; generated once under the data folder when unset. Changing it makes earlier entries unmatchable",
    default: undefined,
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
  },
  threatWarningMonths: {
    env: 'TRYGG_THREAT_WARNING_MONTHS',
    doc: 'Months a known-threat warning stays in the register after the event',
    default: '24',
    schema: z.coerce.number().int().min(1).max(240),
  },
  incidentRetentionMonths: {
    env: 'TRYGG_INCIDENT_RETENTION_MONTHS',
    doc: 'Months after closure before a report is anonymised or deleted, for types without their own period',
    default: '60',
    schema: z.coerce.number().int().min(1).max(1200),
  },
  authorityReminderHours: {
    env: 'TRYGG_AUTHORITY_REMINDER_HOURS',
    doc: "Hours before a serious event's 24-hour deadline (report to the Work Environment Authority) that a reminder is sent",
    default: '4',
    schema: z.coerce.number().int().min(1).max(23),
  },
  attachmentMaxBytes: {
    env: 'TRYGG_ATTACHMENT_MAX_BYTES',
    doc: 'Largest attachment (image or PDF) on a report',
    default: String(10 * 1024 * 1024),
    schema: z.coerce.number().int().min(1024),
  },
  attachmentMaxCount: {
    env: 'TRYGG_ATTACHMENT_MAX_COUNT',
    doc: 'Most attachments on one report',
    default: '5',
    schema: z.coerce.number().int().min(0).max(50),
  },
  suppressionThreshold: {
    env: 'TRYGG_SUPPRESSION_THRESHOLD',
    doc: 'Figures below this are shown as "<N" outside need-to-know (situational pictures, exports, open data)',
    default: '5',
    schema: z.coerce.number().int().min(1).max(100),
  },
  policeFeedUrl: {
    env: 'TRYGG_POLICE_FEED_URL',
    doc: "The police's open events feed to fetch on a schedule (e.g. https://polisen.se/api/events); unset: no fetching",
    default: undefined,
    schema: z
      .string()
      .regex(/^https?:\/\//, 'must start with http:// or https://')
      .optional(),
  },
  policeFeedIntervalMinutes: {
    env: 'TRYGG_POLICE_FEED_INTERVAL_MINUTES',
    doc: 'Minutes between fetches of the police events feed (the feed allows at most 60 calls an hour)',
    default: '10',
    schema: z.coerce.number().int().min(1).max(1440),
  },
  pictureDeadline: {
    env: 'TRYGG_PICTURE_DEADLINE',
    doc: "Default due date (MM-DD in the cycle's year) of the yearly risk and situational picture, until the executive board sets one",
    default: '10-31',
    schema: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'must be MM-DD'),
  },
  testClock: {
    env: 'TRYGG_TEST_CLOCK',
    doc: "Tests only: lets an administrator move the server's clock forward (POST /api/test/clock); refused when NODE_ENV=production",
    default: 'off',
    schema: z.enum(['on', 'off']).transform((v) => v === 'on'),
  },
} as const;

type Definition = typeof CONFIG_DEFINITION;
export type Config = { [K in keyof Definition]: z.output<Definition[K]['schema']> };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates every setting; throws ConfigError listing every problem at once. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(CONFIG_DEFINITION) as [
    keyof Definition,
    Definition[keyof Definition],
  ][]) {
    if (key in overrides) {
      out[key] = overrides[key];
      continue;
    }
    const raw = env[def.env];
    const value = raw === undefined || raw === '' ? def.default : raw;
    const parsed = (def.schema as z.ZodType).safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else
      problems.push(
        `${def.env}=${JSON.stringify(raw ?? '')}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
  }
  const oidcKeys = ['oidcIssuer', 'oidcClientId', 'oidcClientSecret'] as const;
  const oidcSet = oidcKeys.filter((k) => out[k] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < oidcKeys.length) {
    problems.push(
      `OIDC needs all of ${oidcKeys.map((k) => CONFIG_DEFINITION[k].env).join(', ')}; missing ${oidcKeys
        .filter((k) => out[k] === undefined)
        .map((k) => CONFIG_DEFINITION[k].env)
        .join(', ')}`,
    );
  }
  if (out.testClock === true && out.nodeEnv === 'production') {
    problems.push('TRYGG_TEST_CLOCK=on is refused when NODE_ENV=production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as Config;
}

/** The settings as a Markdown table (for the README and `trygg config`). */
export function configTable(): string {
  const rows = Object.values(CONFIG_DEFINITION).map(
    (d) => `| \`${d.env}\` | ${d.default === undefined ? '—' : `\`${d.default}\``} | ${d.doc} |`,
  );
  return ['| setting | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
