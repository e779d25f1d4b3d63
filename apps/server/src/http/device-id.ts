import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * The device a request comes from, as one opaque id: sign-in failures are
 * counted per device, tokens are bound to it and audit entries carry it.
 *
 * Until kiosks hold their own enrolled credential (issue 9, part B), this is a
 * hash of the `X-Device-Key` header, or of the address when there is none; part B
 * replaces the body with the validated device id. Hashing keeps the raw key out
 * of the database and the logs.
 */
export function deviceIdOf(request: FastifyRequest): string {
  const key = request.headers['x-device-key'];
  if (typeof key === 'string' && key.length > 0 && key.length <= 256) return `dk_${digest(key)}`;
  return `ip_${digest(request.ip)}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
