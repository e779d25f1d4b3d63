import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * The device a request comes from, as one opaque id: sign-in failures are
 * counted per device, tokens are bound to it and audit entries carry it.
 *
 * The enrolled kiosk's id once its credential was validated (`requireDevice`,
 * or the rate limiter's lookup). Otherwise a hash of the address — never the
 * raw header: an unvalidated key must not pick anyone's counter or audit line.
 */
export function deviceIdOf(request: FastifyRequest): string {
  return request.device?.id ?? `ip_${createHash('sha256').update(request.ip).digest('base64url').slice(0, 22)}`;
}
