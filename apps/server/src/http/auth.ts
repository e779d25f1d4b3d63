import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { sessionIsLive } from '../identity/sessions.js';
import { verifyToken, type Principal, type Service } from '../identity/tokens.js';
import { resolveDevice } from './device.js';
import { deviceIdOf } from './device-id.js';
import { errors } from './errors.js';

/** Kiosk-only routes: validated against the devices table (see device.ts). */
export { requireDevice } from './device.js';

/**
 * Reads and checks a bearer token: signature (current or recently retired key),
 * expiry, the device it was issued to, and, when it names a session, that the
 * session is still live (one indexed read; revocation holds on every instance).
 */
export async function authenticate(request: FastifyRequest): Promise<Principal | null> {
  const { ctx } = request.server;
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_.-]{10,2048})$/.exec(header) : null;
  const now = ctx.now();
  const principal = match?.[1] ? verifyToken(ctx.keys, match[1], now.getTime()) : null;
  if (!principal) return null;
  await resolveDevice(request);
  if (principal.dev !== deviceIdOf(request)) return null;
  // Every sign-in issues a session: a token without one (or with an ended one) is refused.
  return principal.sid && (await sessionIsLive(ctx.store.db, principal.sid, now)) ? principal : null;
}

/** Routes for one signed-in person: a live bearer token for this service, from the device that signed in. */
export function requireToken(service: Service): preHandlerAsyncHookHandler {
  return async function (request: FastifyRequest, _reply: FastifyReply) {
    const principal = await authenticate(request);
    if (!principal || principal.svc !== service) throw errors.unauthorized();
    request.principal = principal;
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw errors.unauthorized();
  return request.principal;
}
