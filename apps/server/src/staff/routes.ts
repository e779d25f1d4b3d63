import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { audit } from '../http/audit.js';
import { authenticate } from '../http/auth.js';
import { deviceIdOf } from '../http/device-id.js';
import { ApiError, errors } from '../http/errors.js';
import { errorResponses, s } from '../http/validation.js';
import { emptyBody, noBodyIsEmpty } from '../identity/routes.js';
import { issueToken, revokeSession } from '../identity/sessions.js';
import { verifySecret } from '../identity/signin.js';
import type { Principal } from '../identity/tokens.js';
import { USERNAME } from './accounts.js';

const tags = ['staff'];
const security = [{ bearer: [] }];

/** Staff routes: a live staff token (resident tokens are signed with another key and never pass). */
export const requireStaff: preHandlerAsyncHookHandler = async function (request: FastifyRequest) {
  const principal = await authenticate(request);
  if (!principal || principal.svc !== 'staff') throw errors.unauthorized();
  request.principal = principal;
};

export function staffOf(request: FastifyRequest): Principal & { role: 'admin' | 'site-admin' } {
  const p = request.principal;
  if (!p || p.svc !== 'staff' || !p.role) throw errors.unauthorized();
  return p as Principal & { role: 'admin' | 'site-admin' };
}

/** An `admin` manages every site, a `site-admin` only their own: for the service issues' staff routes. */
export function canManageSite(staff: Pick<Principal, 'role' | 'site'>, siteId: string): boolean {
  return staff.role === 'admin' || (staff.role === 'site-admin' && staff.site === siteId);
}

/** Every staff write goes to the audit log under the staff member's id. */
export function staffAudit(app: FastifyInstance, request: FastifyRequest, action: string, subject: string, detail: Record<string, unknown> = {}): Promise<void> {
  const who = staffOf(request);
  return audit(app.ctx.store.db, { at: app.ctx.now(), actor: `staff:${who.sub}`, action, subject, detail: { role: who.role, site: who.site ?? null, ...detail } });
}

/**
 * Staff accounts: sign-in with username + password (the same reservation,
 * waits, lockout and device counting as residents), sign-out, and the first
 * staff write: unlocking a resident's or patron's account.
 */
export function staffRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;

  app.post(
    '/api/staff/signin',
    {
      schema: {
        tags,
        summary: 'Staff sign-in (username + password). Same waits and lockout as residents; the token opens staff routes only.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: { username: { type: 'string', pattern: USERNAME.source }, password: { type: 'string', minLength: 1, maxLength: 256 } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['token', 'expiresAt', 'sessionId', 'staff'],
            properties: {
              token: { type: 'string' },
              expiresAt: { type: 'string' },
              sessionId: { type: 'string', description: 'the staff session (POST /api/staff/signout ends it)' },
              staff: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'name', 'role', 'siteId'],
                properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', enum: ['admin', 'site-admin'] }, siteId: { type: ['string', 'null'] } },
              },
            },
          },
          ...errorResponses(401, 423, 429),
        },
      },
    },
    async (request) => {
      const { username, password } = request.body as { username: string; password: string };
      const id = await verifySecret(db, 'staff', username, password, app.ctx.now(), deviceIdOf(request));
      const st = await db.selectFrom('staff').select(['id', 'name', 'role', 'site_id']).where('id', '=', id).executeTakeFirstOrThrow();
      const role = st.role as 'admin' | 'site-admin';
      const issued = await issueToken(app, request, { sub: st.id, svc: 'staff', role, site: st.site_id }, `staff:${st.id}`);
      return { ...issued, staff: { id: st.id, name: st.name, role, siteId: st.site_id } };
    },
  );

  app.post(
    '/api/staff/signout',
    {
      preValidation: noBodyIsEmpty,
      preHandler: requireStaff,
      schema: { body: emptyBody, tags, security, summary: 'End this staff session at once.', response: { 204: { type: 'null', description: 'Signed out' }, ...errorResponses(401) } },
    },
    async (request, reply) => {
      const who = staffOf(request);
      if (who.sid) await revokeSession(db, who.sid, app.ctx.now(), 'signout');
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/staff/accounts/unlock',
    {
      preHandler: requireStaff,
      schema: {
        tags,
        security,
        summary: 'Unlock a resident or patron account (clears its wrong-PIN count, wait and lock). Audited with the staff id.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'cardNumber'],
          properties: { kind: { type: 'string', enum: ['resident', 'patron'] }, cardNumber: s.cardNumber },
        },
        response: { 200: { type: 'object', additionalProperties: false, properties: { unlocked: { type: 'boolean' }, wasLocked: { type: 'boolean' } } }, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { kind, cardNumber } = request.body as { kind: 'resident' | 'patron'; cardNumber: string };
      const table = kind === 'resident' ? 'residents' : 'patrons';
      const now = app.ctx.now().toISOString();
      const row = await db.selectFrom(table).select(['id', 'locked_until']).where('card_number', '=', cardNumber).executeTakeFirst();
      if (!row) throw new ApiError(404, 'NOT_FOUND', `No ${kind} has card ${cardNumber}.`, `没有卡号为 ${cardNumber} 的${kind === 'resident' ? '居民' : '读者'}。`);
      await db.updateTable(table).set({ failed_pins: 0, locked_until: null, next_attempt_at: null }).where('id', '=', row.id).execute();
      const wasLocked = row.locked_until !== null && row.locked_until > now;
      await staffAudit(app, request, 'staff.unlock', `${kind}:${row.id}`, { wasLocked });
      return { unlocked: true, wasLocked };
    },
  );
}
