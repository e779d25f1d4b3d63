import { createHmac, timingSafeEqual } from 'node:crypto';
import { currentDeviceId } from '../http/request-context.js';
import type { Keyring } from './keys.js';
import { TOKEN_TTL_MS } from './token-ttl.js';

export { TOKEN_TTL_MS };

export type Service = 'health' | 'deliberation' | 'library' | 'staff';

/** One person, one service, one device, a few minutes: a stolen token opens little. */
export interface Principal {
  sub: string;
  svc: Service;
  /** Household, for deliberation (ballots are per household). */
  hh?: string;
  /** FHIR Patient id, for health. */
  pid?: string;
  /** Session id: a row in `sessions` that sign-out and lockout revoke. */
  sid?: string;
  /** The device that signed in (deviceIdOf); the token works from it only. */
  dev?: string;
  /** Staff role and site, for staff tokens. */
  role?: 'admin' | 'site-admin';
  site?: string | null;
  /** Signing key id. */
  kid?: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

const audienceOf = (svc: Service) => (svc === 'staff' ? 'staff' : 'resident');

export function signToken(keys: Keyring, principal: Omit<Principal, 'exp' | 'kid'>, now: number, ttlMs = TOKEN_TTL_MS): { token: string; expiresAt: string } {
  const exp = now + Math.min(ttlMs, TOKEN_TTL_MS);
  const kid = keys.current.kid;
  const dev = principal.dev ?? currentDeviceId() ?? undefined;
  const payload = Buffer.from(JSON.stringify({ ...principal, dev, kid, exp })).toString('base64url');
  const mac = createHmac('sha256', keys.keyFor(kid, audienceOf(principal.svc), now)!).update(payload).digest('base64url');
  return { token: `${payload}.${mac}`, expiresAt: new Date(exp).toISOString() };
}

export function verifyToken(keys: Keyring, token: string, now: number): Principal | null {
  const [payload, mac, rest] = token.split('.');
  if (!payload || !mac || rest !== undefined) return null;
  let principal: Principal;
  try {
    principal = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Principal;
  } catch {
    return null;
  }
  if (typeof principal !== 'object' || principal === null || typeof principal.kid !== 'string') return null;
  const key = keys.keyFor(principal.kid, audienceOf(principal.svc), now);
  if (!key) return null;
  const expected = createHmac('sha256', key).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (typeof principal.exp !== 'number' || principal.exp <= now || typeof principal.sub !== 'string') return null;
  return principal;
}
