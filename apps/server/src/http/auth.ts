import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { verifyToken, type Principal, type Service } from '../identity/tokens.js';
import { errors } from './errors.js';

/** Kiosk-only routes: validated against the devices table (see device.ts). */
export { requireDevice } from './device.js';

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
