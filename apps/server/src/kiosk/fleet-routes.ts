import type { FastifyInstance, FastifyRequest } from 'fastify';
import { revokeDevice } from '../http/device.js';
import { ApiError, errors } from '../http/errors.js';
import { errorResponses, s } from '../http/validation.js';
import { emptyBody, noBodyIsEmpty } from '../identity/routes.js';
import { canManageSite, requireStaff, staffAudit, staffOf } from '../staff/routes.js';
import { fleetState } from './fleet.js';

const tags = ['staff'];
const security = [{ bearer: [] }];
const deviceParams = { type: 'object', additionalProperties: false, required: ['deviceId'], properties: { deviceId: s.id } };

const fleetDevice = {
  type: 'object',
  additionalProperties: false,
  required: ['deviceId', 'siteId', 'label', 'enrolledAt', 'revokedAt', 'state', 'heartbeat'],
  properties: {
    deviceId: { type: 'string' },
    siteId: { type: 'string' },
    label: { type: ['string', 'null'], description: 'a name staff gave it, e.g. "entrance, left"' },
    enrolledAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
    state: { type: 'string', enum: ['ok', 'offline', 'stale', 'silent', 'revoked'], description: 'stale: no heartbeat for 3 minutes' },
    heartbeat: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['receivedAt', 'version', 'uptimeSeconds', 'lastInteractionAt', 'online', 'queuedWrites', 'lastError', 'lastErrorAt'],
      properties: {
        receivedAt: { type: 'string', format: 'date-time' },
        version: { type: 'string' },
        uptimeSeconds: { type: 'integer' },
        lastInteractionAt: { type: ['string', 'null'], format: 'date-time' },
        online: { type: ['boolean', 'null'] },
        queuedWrites: { type: ['integer', 'null'] },
        lastError: { type: ['string', 'null'] },
        lastErrorAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
  },
} as const;

/**
 * The fleet, for staff only (issue 14 item 7): every kiosk with its last
 * heartbeat, stale ones marked; rename and revoke. An `admin` sees every site,
 * a `site-admin` the kiosks of their own site.
 */
export function fleetRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;

  /** The kiosks of one site (or all), or the one kiosk asked for: one query either way. */
  async function fleet({ siteId, deviceId }: { siteId?: string; deviceId?: string } = {}) {
    let query = db
      .selectFrom('devices')
      .leftJoin('heartbeats', 'heartbeats.device_id', 'devices.id')
      .select(['devices.id', 'devices.site_id', 'devices.label', 'devices.created_ms', 'devices.revoked_ms'])
      .select(['heartbeats.received_at', 'heartbeats.version', 'heartbeats.uptime_s', 'heartbeats.last_interaction_at', 'heartbeats.online', 'heartbeats.queued_writes', 'heartbeats.last_error', 'heartbeats.last_error_at'])
      .orderBy('devices.site_id')
      .orderBy('devices.id');
    if (siteId) query = query.where('devices.site_id', '=', siteId);
    if (deviceId) query = query.where('devices.id', '=', deviceId);
    const now = app.ctx.now();
    return (await query.execute()).map((r) => {
      const revokedAt = r.revoked_ms === null ? null : new Date(Number(r.revoked_ms)).toISOString();
      const online = r.online === null || r.online === undefined ? null : Boolean(r.online);
      return {
        deviceId: r.id,
        siteId: r.site_id,
        label: r.label,
        enrolledAt: new Date(Number(r.created_ms)).toISOString(),
        revokedAt,
        state: fleetState({ revokedAt, receivedAt: r.received_at ?? null, online }, now),
        heartbeat: r.received_at
          ? {
              receivedAt: r.received_at,
              version: r.version ?? '',
              uptimeSeconds: Number(r.uptime_s ?? 0),
              lastInteractionAt: r.last_interaction_at ?? null,
              online,
              queuedWrites: r.queued_writes === null || r.queued_writes === undefined ? null : Number(r.queued_writes),
              lastError: r.last_error ?? null,
              lastErrorAt: r.last_error_at ?? null,
            }
          : null,
      };
    });
  }

  /** The device, if this staff member may manage it; 404 when unknown, 403 when another site's. */
  async function manageable(request: FastifyRequest, deviceId: string) {
    const row = await db.selectFrom('devices').select(['id', 'site_id', 'revoked_ms']).where('id', '=', deviceId).executeTakeFirst();
    if (!row) throw errors.notFound(`The kiosk ${deviceId}`, `终端 ${deviceId}`);
    if (!canManageSite(staffOf(request), row.site_id)) {
      throw new ApiError(403, 'NOT_YOUR_SITE', `The kiosk ${deviceId} belongs to another site; only its site's administrators or an admin can change it.`, `终端 ${deviceId} 属于其他站点，只有该站点管理员或总管理员可以修改。`);
    }
    return row;
  }

  async function oneOf(deviceId: string) {
    const [device] = await fleet({ deviceId });
    return device!;
  }

  app.get(
    '/api/staff/devices',
    { preHandler: requireStaff, schema: { tags, security, summary: 'The fleet: every kiosk the staff member manages, its last heartbeat and state (stale after 3 minutes of silence).', response: { 200: { type: 'array', items: fleetDevice }, ...errorResponses(401) } } },
    async (request) => {
      const who = staffOf(request);
      return fleet(who.role === 'admin' ? {} : { siteId: who.site ?? '\u0000' });
    },
  );

  app.put(
    '/api/staff/devices/:deviceId',
    {
      preHandler: requireStaff,
      schema: {
        tags,
        security,
        summary: 'Rename a kiosk (its label on the fleet page).',
        params: deviceParams,
        body: { type: 'object', additionalProperties: false, required: ['label'], properties: { label: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[^\\u0000-\\u001f<>]+$' } } },
        response: { 200: fleetDevice, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { deviceId } = request.params as { deviceId: string };
      const label = (request.body as { label: string }).label.trim();
      await manageable(request, deviceId);
      await db.updateTable('devices').set({ label }).where('id', '=', deviceId).execute();
      await staffAudit(app, request, 'device.rename', `device:${deviceId}`, { label });
      return oneOf(deviceId);
    },
  );

  app.post(
    '/api/staff/devices/:deviceId/revoke',
    {
      preValidation: noBodyIsEmpty,
      preHandler: requireStaff,
      schema: { tags, security, summary: 'Revoke a kiosk: its credential is refused from now on, on every instance.', params: deviceParams, body: emptyBody, response: { 200: fleetDevice, ...errorResponses(401, 403, 404, 409) } },
    },
    async (request) => {
      const { deviceId } = request.params as { deviceId: string };
      const row = await manageable(request, deviceId);
      if (row.revoked_ms !== null) throw new ApiError(409, 'ALREADY_REVOKED', `The kiosk ${deviceId} is already revoked.`, `终端 ${deviceId} 已被停用。`);
      await revokeDevice(db, deviceId, app.ctx.now().getTime());
      await staffAudit(app, request, 'device.revoke', `device:${deviceId}`);
      return oneOf(deviceId);
    },
  );
}
