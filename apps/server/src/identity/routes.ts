import type { FastifyInstance } from 'fastify';
import { requireDevice } from '../http/auth.js';
import { errors } from '../http/errors.js';
import { errorResponses, s } from '../http/validation.js';
import { checkPin } from './signin.js';
import { signToken } from './tokens.js';

/**
 * Resident verification at a kiosk: card number + PIN gives a token for one
 * service (deliberation or health) and one person, valid for ten minutes.
 */
export function identityRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;
  app.post(
    '/api/residents/signin',
    {
      preHandler: requireDevice,
      schema: {
        tags: ['identity'],
        summary: 'Verify a resident (card number + PIN) for one service. Five wrong PINs lock the account for 15 minutes.',
        headers: { type: 'object', properties: { 'x-device-key': { type: 'string', maxLength: 256 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['cardNumber', 'pin', 'service'],
          properties: { cardNumber: s.cardNumber, pin: s.pin, service: { type: 'string', enum: ['deliberation', 'health'] } },
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(401, 404, 423) },
      },
    },
    async (request) => {
      const { cardNumber, pin, service } = request.body as { cardNumber: string; pin: string; service: 'deliberation' | 'health' };
      const now = app.ctx.now();
      const id = await checkPin(db, 'residents', cardNumber, pin, now);
      const r = await db.selectFrom('residents').select(['id', 'name', 'household_id', 'patient_id']).where('id', '=', id).executeTakeFirstOrThrow();
      if (service === 'health' && !r.patient_id) throw errors.notFound('A health record for this resident', '该居民的健康档案');
      const { token, expiresAt } = signToken(
        app.ctx.tokenSecret,
        service === 'health' ? { sub: r.id, svc: 'health', pid: r.patient_id ?? undefined } : { sub: r.id, svc: 'deliberation', hh: r.household_id },
        now.getTime(),
      );
      return {
        token,
        expiresAt,
        service,
        resident: { id: r.id, name: r.name, householdId: r.household_id },
        ...(service === 'health' ? { patientId: r.patient_id } : {}),
      };
    },
  );
}
