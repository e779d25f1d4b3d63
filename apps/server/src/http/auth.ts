import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { verifyToken, type Principal, type Service } from '../identity/tokens.js';
import { errors } from './errors.js';

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Kiosk-only routes: the `X-Device-Key` header must be one of DEVICE_KEYS. */
export const requireDevice: preHandlerAsyncHookHandler = function (request: FastifyRequest) {
  const key = request.headers['x-device-key'];
  const accepted = this.ctx.config.deviceKeys;
  if (typeof key !== 'string' || !accepted.some((k) => sameSecret(k, key))) return Promise.reject(errors.deviceKey());
  request.deviceKey = key;
  return Promise.resolve();
};

/** Routes for one signed-in person: a bearer token for this service that has not expired. */
export function requireToken(service: Service): preHandlerAsyncHookHandler {
  return function (request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_.-]{10,2048})$/.exec(header) : null;
    const principal = match?.[1] ? verifyToken(this.ctx.tokenSecret, match[1], this.ctx.now().getTime()) : null;
    if (!principal || principal.svc !== service) return Promise.reject(errors.unauthorized());
    request.principal = principal;
    return Promise.resolve();
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw errors.unauthorized();
  return request.principal;
}

/** Who a write belongs to, for idempotency: the signed-in person, or else the kiosk. */
export function idempotencyScope(request: FastifyRequest): string {
  if (request.principal) return `${request.principal.svc}:${request.principal.sub}`;
  const device = request.deviceKey ?? request.ip;
  return `device:${createHash('sha256').update(device).digest('base64url').slice(0, 22)}`;
}
