import { createHmac, timingSafeEqual } from 'node:crypto';

export type Service = 'health' | 'deliberation' | 'library';

/** One person, one service, a few minutes: a stolen token opens little. */
export interface Principal {
  sub: string;
  svc: Service;
  /** Household, for deliberation (ballots are per household). */
  hh?: string;
  /** FHIR Patient id, for health. */
  pid?: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

export const TOKEN_TTL_MS = 10 * 60_000;

export function signToken(secret: string, principal: Omit<Principal, 'exp'>, now: number, ttlMs = TOKEN_TTL_MS): { token: string; expiresAt: string } {
  const exp = now + Math.min(ttlMs, TOKEN_TTL_MS);
  const payload = Buffer.from(JSON.stringify({ ...principal, exp })).toString('base64url');
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return { token: `${payload}.${mac}`, expiresAt: new Date(exp).toISOString() };
}

export function verifyToken(secret: string, token: string, now: number): Principal | null {
  const [payload, mac, rest] = token.split('.');
  if (!payload || !mac || rest !== undefined) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let principal: Principal;
  try {
    principal = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Principal;
  } catch {
    return null;
  }
  if (typeof principal.exp !== 'number' || principal.exp <= now || typeof principal.sub !== 'string') return null;
  return principal;
}
