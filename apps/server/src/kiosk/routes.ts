import type { FastifyInstance } from 'fastify';
import { requireDevice } from '../http/auth.js';
import { errors } from '../http/errors.js';
import { idempotentWrite } from '../http/idempotency.js';
import { errorResponses, s } from '../http/validation.js';

const tags = ['kiosk'];
const deviceHeader = { type: 'object', properties: { 'x-device-key': { type: 'string', maxLength: 256 } } };

export function kioskRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;

  app.post(
    '/api/kiosk/heartbeat',
    {
      preHandler: requireDevice,
      schema: {
        tags,
        summary: 'A kiosk reports it is alive, so a fleet can be watched.',
        headers: deviceHeader,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['deviceId', 'version', 'uptimeSeconds'],
          properties: {
            deviceId: s.id,
            siteId: s.id,
            version: { type: 'string', pattern: '^[0-9A-Za-z.+-]{1,40}$' },
            uptimeSeconds: { type: 'integer', minimum: 0, maximum: 10 * 365 * 86400 },
            lastInteractionAt: { anyOf: [s.isoDateTime, { type: 'null' }] },
          },
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body as { deviceId: string; siteId?: string; version: string; uptimeSeconds: number; lastInteractionAt?: string | null };
      return idempotentWrite(request, reply, async (tx) => {
        if (body.siteId) {
          const site = await tx.selectFrom('sites').select('id').where('id', '=', body.siteId).executeTakeFirst();
          if (!site) throw errors.notFound('The site', '该站点');
        }
        const receivedAt = app.ctx.now().toISOString();
        const row = {
          device_id: body.deviceId,
          site_id: body.siteId ?? null,
          version: body.version,
          uptime_s: body.uptimeSeconds,
          last_interaction_at: body.lastInteractionAt ? new Date(body.lastInteractionAt).toISOString() : null,
          received_at: receivedAt,
        };
        await tx
          .insertInto('heartbeats')
          .values(row)
          .onConflict((oc) => oc.column('device_id').doUpdateSet({ site_id: row.site_id, version: row.version, uptime_s: row.uptime_s, last_interaction_at: row.last_interaction_at, received_at: row.received_at }))
          .execute();
        return { status: 200, body: { ok: true, deviceId: body.deviceId, serverTime: receivedAt } };
      });
    },
  );

  app.get(
    '/api/kiosk/devices',
    { preHandler: requireDevice, schema: { tags, summary: 'The fleet: the last heartbeat of every kiosk.', headers: deviceHeader, response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, ...errorResponses(401) } } },
    async () => {
      const rows = await db.selectFrom('heartbeats').selectAll().orderBy('device_id').execute();
      return rows.map((h) => ({ deviceId: h.device_id, siteId: h.site_id, version: h.version, uptimeSeconds: h.uptime_s, lastInteractionAt: h.last_interaction_at, receivedAt: h.received_at }));
    },
  );

  app.get(
    '/api/kiosk/sites/:siteId',
    {
      preHandler: requireDevice,
      schema: {
        tags,
        summary: 'Site configuration: which services the kiosk shows, where it is, its name and responsible official.',
        headers: deviceHeader,
        params: { type: 'object', additionalProperties: false, required: ['siteId'], properties: { siteId: s.id } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { siteId } = request.params as { siteId: string };
      const site = await db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst();
      if (!site) throw errors.notFound('The site', '该站点');
      return {
        id: site.id,
        name: { 'zh-CN': site.name_zh, en: site.name_en },
        position: { lon: site.lon, lat: site.lat },
        services: JSON.parse(site.services) as string[],
        official: { name: site.official_name, phone: site.official_phone },
      };
    },
  );
}
