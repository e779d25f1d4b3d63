import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TOKEN_TTL_MS } from './token-ttl.js';

/** One HMAC key; a retired key still verifies for one token lifetime after `retiredAt`. */
export interface SigningKey {
  kid: string;
  secret: string;
  retiredAt?: number;
}

/** The key that signs new tokens and the retired keys that still verify old ones. */
export class Keyring {
  constructor(
    readonly current: SigningKey,
    readonly previous: SigningKey[] = [],
  ) {}

  /**
   * The key for `kid` and one audience: resident and staff tokens are signed
   * with different derived keys, so one can never pass for the other.
   */
  keyFor(kid: string, audience: 'resident' | 'staff', now: number): Buffer | null {
    const key = kid === this.current.kid ? this.current : this.previous.find((k) => k.kid === kid && (k.retiredAt ?? 0) + TOKEN_TTL_MS > now);
    return key ? derive(key.secret, audience) : null;
  }

  /**
   * The key of the idempotency fingerprints: kept out of the database like the
   * signing keys, so a stored fingerprint of a ballot cannot be reversed by
   * hashing the three possible choices. A rotation changes it: a retry that
   * spans a rotation is answered as a new request's mismatch, never wrongly.
   */
  get fingerprintKey(): Buffer {
    return derive(this.current.secret, 'idempotency');
  }
}

function derive(secret: string, audience: string): Buffer {
  return createHmac('sha256', secret).update(`civic-kiosk token ${audience}`).digest();
}

function kidOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 8);
}

export interface KeySource {
  /** TOKEN_SECRET */
  secret?: string;
  /** TOKEN_SECRET_PREVIOUS: the key before a rotation, accepted for one token lifetime after start. */
  previousSecret?: string;
  /** TOKEN_SECRET_FILE: a file holding the secret, or a key file written by `keys:rotate`. */
  secretFile?: string;
  /** Where a missing key is generated outside production (default ./data/token-keys.json). */
  keyFile: string;
  production: boolean;
}

interface KeyFile {
  current: SigningKey;
  previous: SigningKey[];
}

function readKeyFile(file: string): KeyFile {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as KeyFile;
    if (!parsed.current?.secret || !parsed.current.kid) throw new Error(`${file}: no current key`);
    return { current: parsed.current, previous: parsed.previous ?? [] };
  }
  if (text.length < 32) throw new Error(`${file}: a token secret needs at least 32 characters`);
  return { current: { kid: kidOf(text), secret: text }, previous: [] };
}

function newKey(): SigningKey {
  const secret = randomBytes(32).toString('base64url');
  return { kid: kidOf(secret), secret };
}

function writeKeyFile(file: string, keys: KeyFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * The signing keys, never from the database (a database dump must not let
 * anyone mint tokens): TOKEN_SECRET, else TOKEN_SECRET_FILE, else the key file.
 * Outside production a missing key file is generated, with a warning; in
 * production the server refuses to start without a configured key.
 */
export function loadKeyring(source: KeySource, now: number, warn: (message: string) => void = console.warn): Keyring {
  if (source.secret) {
    if (source.secret.length < 32) throw new Error('TOKEN_SECRET needs at least 32 characters');
    const previous = source.previousSecret ? [{ kid: kidOf(source.previousSecret), secret: source.previousSecret, retiredAt: now }] : [];
    return new Keyring({ kid: kidOf(source.secret), secret: source.secret }, previous);
  }
  if (source.secretFile) {
    const keys = readKeyFile(source.secretFile);
    return new Keyring(keys.current, keys.previous);
  }
  if (fs.existsSync(source.keyFile)) {
    const keys = readKeyFile(source.keyFile);
    return new Keyring(keys.current, keys.previous);
  }
  if (source.production) throw new Error('No token signing key: set TOKEN_SECRET or TOKEN_SECRET_FILE (NODE_ENV=production never generates one)');
  writeKeyFile(source.keyFile, { current: newKey(), previous: [] });
  warn(`Generated a token signing key in ${source.keyFile} (demo only). Every instance of a fleet needs the same key: set TOKEN_SECRET or TOKEN_SECRET_FILE.`);
  return loadKeyring(source, now, warn);
}

/** `keys:rotate`: a new current key; the old one verifies for one more token lifetime, older ones are dropped. */
export function rotateKeyFile(file: string, now: number): KeyFile {
  const keys = fs.existsSync(file) ? readKeyFile(file) : { current: newKey(), previous: [] };
  const next: KeyFile = {
    current: newKey(),
    previous: [{ ...keys.current, retiredAt: now }, ...keys.previous.filter((k) => (k.retiredAt ?? 0) + TOKEN_TTL_MS > now)],
  };
  writeKeyFile(file, next);
  return next;
}
