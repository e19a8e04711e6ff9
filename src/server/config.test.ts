import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFINITION, ConfigError, configTable, loadConfig } from './config.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected the settings to be refused');
}

describe('settings', () => {
  it('has a sensible default for every setting when the environment is empty', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: 'localhost',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      baseUrl: undefined,
      nodeEnv: 'development',
      logLevel: 'info',
      sessionIdleMinutes: 30,
      sessionAbsoluteMinutes: 720,
      adminEmail: 'admin@trygg.local',
      adminPassword: undefined,
      municipalityName: 'Stockholms stad',
      oidcIssuer: undefined,
      oidcClientId: undefined,
      oidcClientSecret: undefined,
      oidcLabel: 'stadens inloggning',
      oidcRolesClaim: undefined,
      oidcAllowInsecure: false,
      trustProxy: false,
      bodyLimitBytes: 1024 * 1024,
      rateLimitPerMinute: 600,
      demo: true,
      mapTileUrl: undefined,
      databaseMigrationUrl: undefined,
      smtpUrl: undefined,
      mailFrom: 'Trygg <no-reply@trygg.local>',
      jobs: true,
      threatRegisterKey: undefined,
      threatWarningMonths: 24,
      incidentRetentionMonths: 60,
      authorityReminderHours: 4,
      attachmentMaxBytes: 10 * 1024 * 1024,
      attachmentMaxCount: 5,
      suppressionThreshold: 5,
      policeFeedUrl: undefined,
      policeFeedIntervalMinutes: 10,
      pictureDeadline: '10-31',
      testClock: false,
    });
  });

  it('refuses the test clock in production', () => {
    expect(() => loadConfig({ TRYGG_TEST_CLOCK: 'on', NODE_ENV: 'production' })).toThrow(/TRYGG_TEST_CLOCK/);
    expect(loadConfig({ TRYGG_TEST_CLOCK: 'on' }).testClock).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reads and converts values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      TRYGG_DATA_DIR: 'some/relative/dir',
      DATABASE_URL: 'postgresql://app:secret@db.example:5432/trygg',
      TRYGG_BASE_URL: 'https://trygg.example.se',
      TRYGG_OIDC_ALLOW_HTTP: 'yes',
      TRYGG_TRUST_PROXY: '2',
      TRYGG_SESSION_IDLE_MINUTES: '15',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: path.resolve('some/relative/dir'),
      databaseUrl: 'postgresql://app:secret@db.example:5432/trygg',
      baseUrl: 'https://trygg.example.se',
      oidcAllowInsecure: true,
      trustProxy: 2,
      sessionIdleMinutes: 15,
    });
    expect(loadConfig({ TRYGG_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('lets explicit overrides win over the environment', () => {
    expect(loadConfig({ PORT: 'not-a-port' }, { port: 0 }).port).toBe(0);
  });

  it('lists every problem at once, each naming its variable', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://root@localhost/trygg',
      LOG_LEVEL: 'loud',
      TRYGG_TRUST_PROXY: 'sometimes',
      TRYGG_ADMIN_PASSWORD: 'short',
      TRYGG_BODY_LIMIT_BYTES: '10',
    });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^PORT="abc": /);
    expect(problems.find((p) => p.startsWith('DATABASE_URL='))).toContain(
      'must start with postgres:// or postgresql://',
    );
    expect(problems.find((p) => p.startsWith('TRYGG_ADMIN_PASSWORD='))).toContain(
      'must be at least 12 characters',
    );
    for (const env of ['LOG_LEVEL', 'TRYGG_TRUST_PROXY', 'TRYGG_BODY_LIMIT_BYTES']) {
      expect(problems.some((p) => p.startsWith(`${env}=`))).toBe(true);
    }
  });

  it('puts the list in the error message, one problem a line', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: '70000', TRYGG_BASE_URL: 'ftp://example.se' });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(error?.message.split('\n')).toEqual([
      'Invalid settings:',
      expect.stringMatching(/^ {2}- PORT="70000": /),
      expect.stringMatching(/^ {2}- TRYGG_BASE_URL="ftp:\/\/example.se": /),
    ]);
  });

  it('names the missing OIDC settings when only some are given', () => {
    expect(problemsOf({ TRYGG_OIDC_ISSUER: 'https://login.example.se' })).toEqual([
      'OIDC needs all of TRYGG_OIDC_ISSUER, TRYGG_OIDC_CLIENT_ID, TRYGG_OIDC_CLIENT_SECRET; missing TRYGG_OIDC_CLIENT_ID, TRYGG_OIDC_CLIENT_SECRET',
    ]);
    expect(problemsOf({ TRYGG_OIDC_CLIENT_ID: 'trygg', TRYGG_OIDC_CLIENT_SECRET: 's3cret' })).toEqual([
      expect.stringMatching(/; missing TRYGG_OIDC_ISSUER$/),
    ]);
  });

  it('accepts complete OIDC settings', () => {
    const config = loadConfig({
      TRYGG_OIDC_ISSUER: 'https://login.example.se',
      TRYGG_OIDC_CLIENT_ID: 'trygg',
      TRYGG_OIDC_CLIENT_SECRET: 's3cret',
    });
    expect(config).toMatchObject({
      oidcIssuer: 'https://login.example.se',
      oidcClientId: 'trygg',
      oidcClientSecret: 's3cret',
    });
  });

  it('documents every setting in the table', () => {
    const table = configTable();
    for (const def of Object.values(CONFIG_DEFINITION)) expect(table).toContain(`| \`${def.env}\` |`);
  });
});

describe('trygg serve with invalid settings', () => {
  it('exits non-zero with the whole list on stderr, before starting anything', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-config-test-'));
    try {
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          ['bin/trygg.mjs', 'serve'],
          {
            cwd: ROOT,
            env: {
              PATH: process.env.PATH,
              PORT: 'abc',
              DATABASE_URL: 'mysql://nope',
              TRYGG_DATA_DIR: dataDir,
            },
            timeout: 20_000,
          },
          (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
        );
      });
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toContain('Invalid settings:');
      expect(result.stderr).toMatch(/- PORT="abc": /);
      expect(result.stderr).toMatch(/- DATABASE_URL="mysql:\/\/nope": must start with postgres/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).not.toContain('Trygg is running');
      // Nothing was started: the data folder is as empty as we made it.
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the README', () => {
  it('documents every setting', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = Object.values(CONFIG_DEFINITION)
      .map((d) => d.env)
      .filter((env) => !readme.includes(`\`${env}\``));
    expect(missing, 'settings missing from the README configuration table').toEqual([]);
  });
});
