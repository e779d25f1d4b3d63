import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ServerConfig } from '../config.js';
import { DEMO_SECRET } from '../config.js';
import type { Db } from '../db/database.js';
import { ApiError } from './errors.js';

/**
 * Per-device credentials (issue 9 item 4; the kiosk's side: apps/kiosk/README.md, "Enrollment"). A kiosk sends
 * `X-Device-Key: ckd_<deviceId>.<secret>`; the database keeps only the sha256
 * of the secret (it is 256 random bits, so a slow hash adds nothing), bound
 * to the device id and its site. Enrollment codes are single use and expire
 * after 24 h.
 */

export interface DeviceIdentity {
  id: string;
  siteId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The kiosk this request came from, once its credential was validated (null before, or without one). */
    device: DeviceIdentity | null;
  }
}

export const ENROLLMENT_TTL_MS = 24 * 60 * 60 * 1000;
const CREDENTIAL = /^ckd_([A-Za-z0-9_-]{1,80})\.([A-Za-z0-9_-]{8,128})$/;
const DEMO_PREFIX = 'demo-';

export const deviceErrors = {
  unknown: () => new ApiError(401, 'DEVICE_UNKNOWN', 'This kiosk is not enrolled (missing or unknown device credential).', '本终端未登记（设备凭据缺失或无效）。'),
  revoked: () => new ApiError(401, 'DEVICE_REVOKED', 'This kiosk was revoked. Ask the site administrator to enroll it again.', '本终端已被停用，请联系站点管理员重新登记。'),
  mismatch: () => new ApiError(403, 'DEVICE_MISMATCH', 'A kiosk can only report for itself.', '终端只能上报自身的状态。'),
  codeInvalid: () =>
    new ApiError(400, 'ENROLLMENT_CODE_INVALID', 'This enrollment code is unknown, already used or expired. Ask for a new one.', '该登记码无效、已使用或已过期，请重新申请。'),
};

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseCredential(header: unknown): { deviceId: string; secret: string } | null {
  if (typeof header !== 'string') return null;
  const m = CREDENTIAL.exec(header);
  return m ? { deviceId: m[1]!, secret: m[2]! } : null;
}

export const credentialOf = (deviceId: string, secret: string) => `ckd_${deviceId}.${secret}`;
export const isDemoDevice = (deviceId: string) => deviceId.startsWith(DEMO_PREFIX);

type Check = { device: DeviceIdentity } | { error: 'unknown' | 'revoked' };

/** Looks a credential up once; the result is shared by the rate limiter, requireDevice and idempotency. */
export async function checkCredential(db: Db, config: Pick<ServerConfig, 'demoDevices'>, header: unknown): Promise<Check> {
  const parsed = parseCredential(header);
  if (!parsed) return { error: 'unknown' };
  // Demo credentials are documented, so outside the demo they are just unknown keys.
  if (isDemoDevice(parsed.deviceId) && !config.demoDevices) return { error: 'unknown' };
  const row = await db.selectFrom('devices').select(['id', 'site_id', 'secret_hash', 'revoked_ms']).where('id', '=', parsed.deviceId).executeTakeFirst();
  if (!row || !sameHash(row.secret_hash, sha256(parsed.secret))) return { error: 'unknown' };
  if (row.revoked_ms !== null) return { error: 'revoked' };
  return { device: { id: row.id, siteId: row.site_id } };
}

const checks = new WeakMap<FastifyRequest, Promise<Check>>();
/**
 * Lookups of one credential that are in flight: requests that arrive meanwhile share the answer
 * (single flight). Nothing is cached beyond the query itself, so a revocation counts from the
 * next query on, on every instance.
 */
const inFlightByDb = new WeakMap<Db, Map<string, Promise<Check>>>();

/** The validated device of a request (memoized per request: one lookup however many hooks ask). */
export function resolveDevice(request: FastifyRequest): Promise<Check> {
  let check = checks.get(request);
  if (!check) {
    const header = request.headers['x-device-key'];
    if (typeof header !== 'string') check = Promise.resolve({ error: 'unknown' as const });
    else {
      const { db } = request.server.ctx.store;
      let inFlight = inFlightByDb.get(db);
      if (!inFlight) inFlightByDb.set(db, (inFlight = new Map<string, Promise<Check>>()));
      const flights = inFlight;
      const flightKey = `${request.server.ctx.config.demoDevices ? 1 : 0}${header}`;
      check = inFlight.get(flightKey);
      if (!check) {
        check = checkCredential(db, request.server.ctx.config, header).finally(() => flights.delete(flightKey));
        inFlight.set(flightKey, check);
      }
      // Whichever hook asks first (rate limiter, requireDevice, sign-in), the rest of the request sees the device.
      check = check.then((result) => {
        if ('device' in result) request.device = result.device;
        return result;
      });
    }
    checks.set(request, check);
  }
  return check;
}

/** Kiosk-only routes: a valid, unrevoked device credential; sets `request.device`. */
export const requireDevice: preHandlerAsyncHookHandler = async function (request: FastifyRequest) {
  const check = await resolveDevice(request);
  if ('error' in check) throw check.error === 'revoked' ? deviceErrors.revoked() : deviceErrors.unknown();
  request.device = check.device;
};

// Crockford base32 without I, L, O, U: readable aloud, typeable on a keypad.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function base32(bytes: number): string {
  let out = '';
  for (const b of randomBytes(bytes)) out += ALPHABET[b % 32];
  return out;
}

/** Codes are read case-insensitively, with or without their dashes. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/-/g, '');

export async function createEnrollmentCode(db: Db, siteId: string, nowMs: number, publicUrl: string): Promise<{ code: string; expiresAt: string; url: string }> {
  const site = await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
  if (!site) throw new Error(`unknown site "${siteId}"`);
  const raw = base32(16); // 80 bits
  const code = raw.match(/.{4}/g)!.join('-');
  await db.insertInto('enrollment_codes').values({ code_hash: sha256(raw), site_id: siteId, created_ms: nowMs, expires_ms: nowMs + ENROLLMENT_TTL_MS, used_ms: null, device_id: null }).execute();
  return { code, expiresAt: new Date(nowMs + ENROLLMENT_TTL_MS).toISOString(), url: `${publicUrl}/?enroll=${code}` };
}

/** Exchanges a code for a new device credential: the code is spent in the same transaction that creates the device. */
export async function enroll(db: Db, code: string, nowMs: number): Promise<{ deviceId: string; siteId: string; credential: string }> {
  const deviceId = `kiosk-${base32(10).toLowerCase()}`;
  const secret = randomBytes(32).toString('base64url');
  return db.transaction().execute(async (tx) => {
    const spent = await tx
      .updateTable('enrollment_codes')
      .set({ used_ms: nowMs, device_id: deviceId })
      .where('code_hash', '=', sha256(normalizeCode(code)))
      .where('used_ms', 'is', null)
      .where('expires_ms', '>', nowMs)
      .returning('site_id')
      .executeTakeFirst();
    if (!spent) throw deviceErrors.codeInvalid();
    await tx.insertInto('devices').values({ id: deviceId, site_id: spent.site_id, secret_hash: sha256(secret), label: null, created_ms: nowMs, revoked_ms: null }).execute();
    return { deviceId, siteId: spent.site_id, credential: credentialOf(deviceId, secret) };
  });
}

export async function listDevices(db: Db) {
  const rows = await db.selectFrom('devices').leftJoin('heartbeats', 'heartbeats.device_id', 'devices.id').select(['devices.id', 'devices.site_id', 'devices.created_ms', 'devices.revoked_ms', 'heartbeats.received_at']).orderBy('devices.site_id').orderBy('devices.id').execute();
  return rows.map((r) => ({
    deviceId: r.id,
    siteId: r.site_id,
    enrolledAt: new Date(Number(r.created_ms)).toISOString(),
    revokedAt: r.revoked_ms === null ? null : new Date(Number(r.revoked_ms)).toISOString(),
    lastHeartbeatAt: r.received_at ?? null,
  }));
}

export async function revokeDevice(db: Db, deviceId: string, nowMs: number): Promise<boolean> {
  const res = await db.updateTable('devices').set({ revoked_ms: nowMs }).where('id', '=', deviceId).where('revoked_ms', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** One fixed demo device per demo site, `ckd_demo-<siteId>.demo-secret` (documented; refused in production). */
export async function ensureDemoDevices(db: Db, nowMs: number): Promise<void> {
  const sites = await db.selectFrom('sites').select('id').execute();
  for (const site of sites) {
    await db
      .insertInto('devices')
      .values({ id: `${DEMO_PREFIX}${site.id}`, site_id: site.id, secret_hash: sha256(DEMO_SECRET), label: 'demo', created_ms: nowMs, revoked_ms: null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/** Live demo credentials in a database: a production server must not start with any. */
export async function liveDemoDevices(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('devices').select('id').where('revoked_ms', 'is', null).where((eb) => eb.or([eb('id', 'like', `${DEMO_PREFIX}%`), eb('secret_hash', '=', sha256(DEMO_SECRET))])).execute();
  return rows.map((r) => r.id);
}
