import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hashCaseReference,
  normaliseCaseReference,
  threatRegisterKey,
  threatRegisterKeyPath,
} from './threat-register.keys.ts';

const folders: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-threat-key-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

describe('case references', () => {
  it('are normalised before hashing: trimmed, upper-case, without spaces or hyphens', () => {
    expect(normaliseCaseReference('  är-2026 – 0042 ')).toBe('ÄR20260042');
    expect(normaliseCaseReference('\tbm\u00a07781\n')).toBe('BM7781');
    expect(normaliseCaseReference(' - ')).toBe('');
  });

  it('hash to the same HMAC-SHA-256 however they are typed, and to nothing when empty', () => {
    const config = { dataDir: tempDataDir(), threatRegisterKey: 'k'.repeat(40) };
    const hash = hashCaseReference(config, 'ÄR-2026-0042');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCaseReference(config, ' är 2026 0042')).toBe(hash);
    expect(hashCaseReference(config, 'ÄR-2026-0043')).not.toBe(hash);
    expect(hashCaseReference(config, '--')).toBeNull();
  });

  it('hash differently under another key, so the secret is what matching depends on', () => {
    const dataDir = tempDataDir();
    const a = hashCaseReference({ dataDir, threatRegisterKey: 'a'.repeat(40) }, 'ÄR-1');
    const b = hashCaseReference({ dataDir, threatRegisterKey: 'b'.repeat(40) }, 'ÄR-1');
    expect(a).not.toBe(b);
    // A configured key never writes a file.
    expect(fs.existsSync(threatRegisterKeyPath({ dataDir }))).toBe(false);
  });
});

describe('the generated key', () => {
  it('is made once under the data folder (folder 0700, file 0600) and reused', () => {
    const dataDir = tempDataDir();
    const config = { dataDir, threatRegisterKey: undefined };
    const hash = hashCaseReference(config, 'ÄR-2026-0042');
    const file = threatRegisterKeyPath(config);
    expect(file).toBe(path.join(dataDir, 'secrets', 'threat-register.key'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(threatRegisterKey(config)).toHaveLength(32);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['threat-register.key']);

    // What is on disk is the key: a restarted server reading it matches the same references.
    const onDisk = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    expect(crypto.createHmac('sha256', onDisk).update('ÄR20260042').digest('hex')).toBe(hash);
    expect(hashCaseReference(config, 'är 2026 0042')).toBe(hash);
  });

  it('is refused, not replaced, when the file is damaged', () => {
    const dataDir = tempDataDir();
    const file = threatRegisterKeyPath({ dataDir });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not a key');
    expect(() => threatRegisterKey({ dataDir, threatRegisterKey: undefined })).toThrow(
      /not a threat-register key/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('not a key');
  });
});
