import type { FastifyRequest } from 'fastify';

/**
 * The id of the kiosk a request came from, once its credential was validated
 * (`requireDevice`, or the rate limiter's lookup); null when it sent none or
 * an unknown or revoked one. Never the raw header: an unvalidated key must not
 * pick anyone's counter or audit line.
 */
export function deviceIdOf(request: FastifyRequest): string | null {
  return request.device?.id ?? null;
}
