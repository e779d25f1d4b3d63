import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { deviceErrors, enroll, requireDevice } from '../http/device.js';
import { errors } from '../http/errors.js';
import { takeAwayOf } from '../health/share.js';
import { idempotentWrite } from '../http/idempotency.js';
import { errorResponses, s } from '../http/validation.js';

const tags = ['kiosk'];
const deviceHeader = { type: 'object', properties: { 'x-device-key': { type: 'string', maxLength: 256 } } };
const bilingual = { type: 'object', additionalProperties: false, required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
const siteSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'position', 'services', 'official', 'stationId', 'defaultLocale', 'idleSeconds', 'timeZone', 'healthTakeAway'],
  properties: {
    id: { type: 'string' },
    name: bilingual,
    position: { type: 'object', additionalProperties: false, required: ['lon', 'lat'], properties: { lon: { type: 'number' }, lat: { type: 'number' } }, description: 'WGS-84; a station site stands exactly where its station is' },
    services: { type: 'array', items: { type: 'string', enum: ['deliberation', 'health', 'library', 'stations'] }, description: 'the services the kiosk shows, in this order' },
    official: { type: 'object', additionalProperties: false, required: ['name', 'phone'], properties: { name: { type: 'string' }, phone: { type: 'string' } }, description: 'who answers for the site (for a station site: the station\'s official)' },
    stationId: { type: ['string', 'null'], description: 'the station this kiosk stands in (`GET /api/stations/{id}`), or null' },
    defaultLocale: { type: 'string', enum: ['zh-CN', 'en'], description: 'the language the kiosk starts in and returns to when idle' },
    idleSeconds: { type: 'integer', minimum: 10, maximum: 3600, description: 'seconds without a touch before the kiosk returns home' },
    timeZone: { type: 'string', description: 'IANA time zone of the home-screen clock, e.g. Asia/Shanghai' },
    healthTakeAway: { type: 'string', enum: ['print', 'qr', 'none'], description: 'health record "take it with you": print the summary, a QR code to a single-use link, or nothing (branch health, issue 11)' },
  },
};

const heartbeatAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['ok', 'deviceId', 'serverTime'],
  properties: { ok: { type: 'boolean' }, deviceId: { type: 'string' }, serverTime: { type: 'string', format: 'date-time' } },
};
export function kioskRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;

  async function siteView(siteId: string) {
    // A site that is a station answers with the station's own name, position and official, so the two never differ.
    const site = await db
      .selectFrom('sites')
      .leftJoin('stations', 'stations.id', 'sites.station_id')
      .selectAll('sites')
      .select(['stations.name_zh as st_name_zh', 'stations.name_en as st_name_en', 'stations.lon as st_lon', 'stations.lat as st_lat', 'stations.official_name as st_official_name', 'stations.official_phone as st_official_phone'])
      .where('sites.id', '=', siteId)
      .executeTakeFirst();
    if (!site) throw errors.notFound('The site', '该站点');
    const station = site.st_lon === null || site.st_lat === null ? null : site;
    return {
      id: site.id,
      name: { 'zh-CN': station?.st_name_zh ?? site.name_zh, en: station?.st_name_en ?? site.name_en },
      position: { lon: station?.st_lon ?? site.lon, lat: station?.st_lat ?? site.lat },
      services: JSON.parse(site.services) as string[],
      official: { name: station?.st_official_name ?? site.official_name, phone: station?.st_official_phone ?? site.official_phone },
      stationId: station ? site.station_id : null,
      defaultLocale: site.default_locale,
      idleSeconds: site.idle_seconds,
      timeZone: site.time_zone,
      healthTakeAway: await takeAwayOf(db, site.id),
    };
  }

  app.post(
    '/api/devices/enroll',
    {
      // Rate limited per address like every unauthenticated call; codes carry 80 random bits.
      schema: {
        tags,
        summary: 'A kiosk exchanges its one-time enrollment code (from `device:add <siteId>`) for its own device credential.',
        body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', pattern: '^[0-9A-Za-z-]{16,40}$' } } },
        response: {
          201: {
            type: 'object',
            additionalProperties: false,
            required: ['deviceId', 'siteId', 'credential'],
            properties: {
              deviceId: { type: 'string' },
              siteId: { type: 'string' },
              credential: { type: 'string', description: 'send as `X-Device-Key` on every request; shown once, stored only hashed' },
            },
          },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const { code } = request.body as { code: string };
      const out = await enroll(db, code, app.ctx.now().getTime());
      request.log.info({ deviceId: out.deviceId, siteId: out.siteId }, 'device enrolled');
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/api/kiosk/site',
    {
      preHandler: requireDevice,
      schema: { tags, summary: 'The calling kiosk\'s own site (from its credential): same answer as `GET /api/kiosk/sites/{siteId}`.', headers: deviceHeader, response: { 200: siteSchema, ...errorResponses(401, 404) } },
    },
    async (request) => siteView(request.device!.siteId),
  );

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
          required: ['version', 'uptimeSeconds'],
          properties: {
            deviceId: { ...s.id, description: 'optional: the device id comes from the credential; a different one is refused (403 DEVICE_MISMATCH)' },
            siteId: { ...s.id, description: 'optional: the site comes from the credential; a different one is refused (403 DEVICE_MISMATCH)' },
            version: { type: 'string', pattern: '^[0-9A-Za-z.+-]{1,40}$' },
            uptimeSeconds: { type: 'integer', minimum: 0, maximum: 10 * 365 * 86400 },
            lastInteractionAt: { anyOf: [s.isoDateTime, { type: 'null' }] },
            online: { type: 'boolean', description: 'false when the kiosk lost the network (the beat was sent when it came back)' },
            queuedWrites: { type: 'integer', minimum: 0, maximum: 100_000, description: 'writes waiting in the kiosk\'s offline queue' },
            lastError: {
              anyOf: [
                { type: 'object', additionalProperties: false, required: ['message', 'at'], properties: { message: { type: 'string', minLength: 1, maxLength: 500 }, at: s.isoDateTime } },
                { type: 'null' },
              ],
              description: 'the last error the kiosk saw (no visitor data), for the fleet page',
            },
          },
        },
        response: { 200: heartbeatAnswer, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        deviceId?: string;
        siteId?: string;
        version: string;
        uptimeSeconds: number;
        lastInteractionAt?: string | null;
        online?: boolean;
        queuedWrites?: number;
        lastError?: { message: string; at: string } | null;
      };
      // Item 6: the credential says which device (and site) this is; a kiosk cannot write another's heartbeat.
      const device = request.device!;
      if ((body.deviceId !== undefined && body.deviceId !== device.id) || (body.siteId !== undefined && body.siteId !== device.siteId)) throw deviceErrors.mismatch();
      return idempotentWrite(request, reply, async (tx) => {
        const receivedAt = app.ctx.now().toISOString();
        const row = {
          device_id: device.id,
          site_id: device.siteId,
          version: body.version,
          uptime_s: body.uptimeSeconds,
          last_interaction_at: body.lastInteractionAt ? new Date(body.lastInteractionAt).toISOString() : null,
          received_at: receivedAt,
          online: body.online === undefined ? null : Number(body.online),
          queued_writes: body.queuedWrites ?? null,
          last_error: body.lastError?.message ?? null,
          last_error_at: body.lastError ? new Date(body.lastError.at).toISOString() : null,
        };
        await tx
          .insertInto('heartbeats')
          .values(row)
          .onConflict((oc) => oc.column('device_id').doUpdateSet({
              site_id: row.site_id,
              version: row.version,
              uptime_s: row.uptime_s,
              last_interaction_at: row.last_interaction_at,
              received_at: row.received_at,
              online: row.online,
              queued_writes: row.queued_writes,
              // A beat without an error keeps the last one: the fleet page shows the last error the kiosk had.
              last_error: row.last_error ?? sql<string | null>`heartbeats.last_error`,
              last_error_at: row.last_error_at ?? sql<string | null>`heartbeats.last_error_at`,
            }))
          .execute();
        return { status: 200, body: { ok: true, deviceId: device.id, serverTime: receivedAt } };
      });
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
        response: { 200: siteSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => siteView((request.params as { siteId: string }).siteId),
  );
}
