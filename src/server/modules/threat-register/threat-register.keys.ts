import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';

/**
 * The known-threat register's secret and hashing. Case references are matched only through
 * HMAC-SHA-256 under a secret: from `TRYGG_THREAT_REGISTER_KEY` when set, else 32 random bytes
 * generated once into `<dataDir>/secrets/threat-register.key` (folder 0700, file 0600) and reused.
 * The reference itself is never stored, logged, audited or returned.
 */
const KEY_FILE = path.join('secrets', 'threat-register.key');
const generated = new Map<string, Buffer>();

export function threatRegisterKeyPath(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, KEY_FILE);
}

/** The HMAC key: the configured secret, or the generated one (created on first use, then read). */
export function threatRegisterKey(config: Pick<Config, 'dataDir' | 'threatRegisterKey'>): Buffer {
  if (config.threatRegisterKey) return Buffer.from(config.threatRegisterKey, 'utf8');
  const file = threatRegisterKeyPath(config);
  const cached = generated.get(file);
  if (cached) return cached;
  const key = readOrCreateKeyFile(file);
  generated.set(file, key);
  return key;
}

function readKeyFile(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    // Never replace it silently: a new key would make every earlier entry unmatchable.
    throw new Error(
      `${file} is not a threat-register key (64 hex digits); restore it or set TRYGG_THREAT_REGISTER_KEY`,
    );
  }
  return Buffer.from(text, 'hex');
}

/**
 * Creates the key file atomically: written under a temporary name, then hard-linked into place,
 * which fails if another process got there first (then its key is read and used).
 */
function readOrCreateKeyFile(file: string): Buffer {
  if (fs.existsSync(file)) return readKeyFile(file);
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`;
  fs.writeFileSync(temporary, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return readKeyFile(file);
}

/** One reference, however it was typed: trimmed, upper-case, without spaces or hyphens. */
export function normaliseCaseReference(reference: string): string {
  return reference
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '');
}

/** HMAC-SHA-256 (hex) of the normalised reference; null when nothing is left after normalising. */
export function hashCaseReference(
  config: Pick<Config, 'dataDir' | 'threatRegisterKey'>,
  reference: string,
): string | null {
  const normalised = normaliseCaseReference(reference);
  if (normalised === '') return null;
  return crypto.createHmac('sha256', threatRegisterKey(config)).update(normalised, 'utf8').digest('hex');
}
