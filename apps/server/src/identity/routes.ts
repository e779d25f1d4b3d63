import * as api from '../http/api-schemas.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, requireDevice } from '../http/auth.js';
import { deviceIdOf } from '../http/device-id.js';
import { errors } from '../http/errors.js';
import { errorResponses, s } from '../http/validation.js';
import { issueToken, revokeSession } from './sessions.js';
import { verifySecret } from './signin.js';

const deviceHeader = { type: 'object', properties: { 'x-device-key': { type: 'string', maxLength: 256 } } } as const;

/** Sign-out takes no fields: no body at all, or `{}` (anything else is refused). */
export const emptyBody = { type: 'object', additionalProperties: false, properties: {} } as const;
export function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
  return Promise.resolve();
}

/**
 * Resident verification at a kiosk: card number + PIN gives a token for one
 * service (deliberation or health), one person and this kiosk, valid for ten
 * minutes or until signed out.
 */
export function identityRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;
  app.post(
    '/api/residents/signin',
    {
      preHandler: requireDevice,
      schema: {
        tags: ['identity'],
        summary: 'Verify a resident (card number + PIN) for one service. Wrong PINs add growing waits, and five lock the account for 15 minutes.',
        headers: deviceHeader,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['cardNumber', 'pin', 'service'],
          properties: { cardNumber: s.cardNumber, pin: s.pin, service: { type: 'string', enum: ['deliberation', 'health'] } },
        },
        response: { 200: api.residentSignin, ...errorResponses(401, 404, 423, 429) },
      },
    },
    async (request) => {
      const { cardNumber, pin, service } = request.body as { cardNumber: string; pin: string; service: 'deliberation' | 'health' };
      const now = app.ctx.now();
      const id = await verifySecret(db, 'resident', cardNumber, pin, now, deviceIdOf(request));
      const r = await db.selectFrom('residents').select(['id', 'name', 'household_id', 'patient_id']).where('id', '=', id).executeTakeFirstOrThrow();
      if (service === 'health' && !r.patient_id) throw errors.notFound('A health record for this resident', '该居民的健康档案');
      const { token, expiresAt, sessionId } = await issueToken(
        app,
        request,
        service === 'health' ? { sub: r.id, svc: 'health', pid: r.patient_id ?? undefined } : { sub: r.id, svc: 'deliberation', hh: r.household_id },
        `resident:${r.id}`,
      );
      return {
        token,
        expiresAt,
        sessionId,
        service,
        resident: { id: r.id, name: r.name, householdId: r.household_id },
        ...(service === 'health' ? { patientId: r.patient_id } : {}),
      };
    },
  );

  app.post(
    '/api/signout',
    {
      preValidation: noBodyIsEmpty,
      preHandler: requireDevice,
      schema: {
        body: emptyBody,
        tags: ['identity'],
        summary: 'End the session of the bearer token at once, on every server instance (the kiosk calls it when it returns home).',
        headers: deviceHeader,
        response: { 204: { type: 'null', description: 'Signed out' }, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      const principal = await authenticate(request);
      if (!principal || principal.svc === 'staff') throw errors.unauthorized();
      if (principal.sid) await revokeSession(db, principal.sid, app.ctx.now(), 'signout');
      return reply.code(204).send();
    },
  );
}
