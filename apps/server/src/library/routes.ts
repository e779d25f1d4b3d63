import * as api from '../http/api-schemas.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../http/audit.js';
import { authenticate, principalOf, requireDevice, requireToken } from '../http/auth.js';
import { deviceIdOf } from '../http/device-id.js';
import { ApiError } from '../http/errors.js';
import { idempotentWrite, type WriteResult } from '../http/idempotency.js';
import { s } from '../http/validation.js';
import { emptyBody, noBodyIsEmpty } from '../identity/routes.js';
import { issueToken } from '../identity/sessions.js';
import { requireStaff, staffOf } from '../staff/routes.js';
import { patronVerifierOf, type LibraryBackend, type SearchBy, type WriteCtx } from './backend.js';
import { CatalogueBackend } from './catalogue.js';
import { remoteIdempotentWrite } from './remote-write.js';
import { libraryErrors } from './schemas.js';
import { Sip2Backend } from './sip2/backend.js';

const tags = ['library'];
const security = [{ bearer: [] }];
const barcodeBody = { type: 'object', additionalProperties: false, required: ['barcode'], properties: { barcode: s.barcode } };

/** The own catalogue, or the SIP2 gateway when LIBRARY_SIP2 is set. */
export function libraryBackendFor(app: FastifyInstance): LibraryBackend {
  const sip2 = app.ctx.config.library.sip2;
  return sip2 ? new Sip2Backend(sip2, app.log) : new CatalogueBackend(app);
}

export function libraryRoutes(app: FastifyInstance, backend: LibraryBackend = libraryBackendFor(app)): void {
  const { db } = app.ctx.store;
  const now = () => app.ctx.now();
  const patronOnly = requireToken('library');
  app.addHook('onClose', () => backend.close());

  // A library patron's sign-out (POST /api/signout, identity/routes.ts) ends their session on a SIP2 system too (35/36).
  const signingOut = new WeakMap<FastifyRequest, string>();
  if (backend.endSession) {
    app.addHook('preHandler', async (request) => {
      if (request.routeOptions.url !== '/api/signout' || !request.headers.authorization) return;
      const principal = await authenticate(request);
      if (principal?.svc === 'library') signingOut.set(request, principal.sub);
    });
    app.addHook('onResponse', async (request, reply) => {
      const patronId = signingOut.get(request);
      if (patronId === undefined || reply.statusCode !== 204) return;
      await backend.endSession?.(patronId, now()).catch((error: unknown) => app.log.warn({ err: error }, 'SIP2: end session failed'));
    });
  }

  /** Check-in at a kiosk (its device credential) or by staff (a staff token from the desk). */
  async function deviceOrStaff(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.headers.authorization) {
      const principal = await authenticate(request);
      if (principal?.svc === 'staff') {
        request.principal = principal;
        return;
      }
    }
    await requireDevice.call(app, request, reply);
  }

  /** Who did it, for the audit line: the patron, the staff member, or the kiosk. */
  const actorOf = (request: FastifyRequest) => {
    const p = request.principal;
    if (p?.svc === 'staff') return `staff:${p.sub}`;
    if (p?.svc === 'library') return `patron:${p.sub}`;
    return `device:${deviceIdOf(request) ?? 'unknown'}`;
  };

  /**
   * Every library write: idempotent under its key, and audited with the change (in the same transaction
   * for the own catalogue; right after the library system answered for SIP2). Refusals are not audited.
   */
  function write(request: FastifyRequest, reply: FastifyReply, action: string, subject: string, op: (w: WriteCtx) => Promise<WriteResult>): Promise<unknown> {
    const line = (at: Date, out: WriteResult) => ({ at, actor: actorOf(request), action: out.status === 200 && (out.body as { alreadyYours?: boolean })?.alreadyYours ? `${action}.again` : action, subject, detail: { backend: backend.kind } });
    if (backend.transactional) {
      return idempotentWrite(request, reply, async (tx) => {
        const at = now();
        const out = await op({ tx, at });
        await audit(tx, line(at, out));
        return out;
      });
    }
    return remoteIdempotentWrite(request, reply, async () => {
      const at = now();
      const out = await op({ tx: null, at });
      await audit(db, line(at, out));
      return out;
    });
  }

  /** The site's scan-alone policy: its own row in library_site_policy, else LIBRARY_SCAN_ALONE_SIGNIN. */
  async function scanAloneAllowed(request: FastifyRequest): Promise<boolean> {
    const siteId = request.device?.siteId;
    if (siteId) {
      const row = await db.selectFrom('library_site_policy').select('scan_alone_signin').where('site_id', '=', siteId).executeTakeFirst();
      if (row) return row.scan_alone_signin === 1;
    }
    return app.ctx.config.library.scanAloneSignin;
  }

  /**
   * A page without a device credential (the element embedded in a website) may ask too: it learns that
   * lending is for enrolled kiosks, and offers the public catalogue. A credential that is sent is checked.
   */
  async function deviceIfSent(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.headers['x-device-key'] !== undefined) await requireDevice.call(app, request, reply);
  }

  app.get(
    '/api/library/status',
    {
      preHandler: deviceIfSent,
      schema: { tags, summary: 'Which library backend answers, whether it is reachable now, whether a card scan alone signs in here, and whether the caller is an enrolled kiosk (sign-in, returns and loans need one; without a credential only the catalogue is open).', response: { 200: api.libraryStatus, ...libraryErrors(401) } },
    },
    async (request) => {
      const kiosk = request.headers['x-device-key'] !== undefined; // checked by deviceIfSent
      return { backend: backend.kind, online: await backend.online(), scanAloneSignin: kiosk && (await scanAloneAllowed(request)), kiosk };
    },
  );

  app.post(
    '/api/library/signin',
    {
      preHandler: requireDevice,
      schema: {
        tags,
        summary: 'Patron sign-in with card number and PIN (five wrong PINs lock the card for 15 minutes), or with the card alone where the site allows it (else 422 PIN_REQUIRED).',
        headers: { type: 'object', properties: { 'x-device-key': { type: 'string', maxLength: 256 } } },
        body: { type: 'object', additionalProperties: false, required: ['cardNumber'], properties: { cardNumber: s.cardNumber, pin: s.pin } },
        response: { 200: api.librarySignin, ...libraryErrors(401, 422, 423, 429) },
      },
    },
    async (request) => {
      const { cardNumber, pin } = request.body as { cardNumber: string; pin?: string };
      const at = now();
      let method = 'pin';
      if (pin === undefined) {
        const verifier = patronVerifierOf(app);
        if (verifier && (await verifier.verify(request, cardNumber))) method = verifier.method;
        else if (await scanAloneAllowed(request)) method = 'scan';
        else throw new ApiError(422, 'PIN_REQUIRED', 'Please enter your PIN as well: a card scan alone is not enough here.', '请同时输入密码：本站点仅刷卡不能登录。');
      }
      const p = await backend.signin(request, cardNumber, pin ?? null, at);
      const { token, expiresAt, sessionId } = await issueToken(app, request, { sub: p.id, svc: 'library' }, `patron:${p.id}`);
      if (method !== 'pin') await audit(db, { at, actor: `patron:${p.id}`, action: 'library.signin.without-pin', subject: `patron:${p.id}`, detail: { method } });
      return { token, expiresAt, sessionId, patron: { id: p.id, name: p.name, expiresOn: p.expiresOn } };
    },
  );

  app.get(
    '/api/library/items/:barcode',
    {
      schema: { tags, summary: 'Look up an item by its barcode, with its availability.', params: { type: 'object', additionalProperties: false, required: ['barcode'], properties: { barcode: s.barcode } }, response: { 200: api.libraryItem, ...libraryErrors(404) } },
    },
    async (request) => backend.item((request.params as { barcode: string }).barcode, now()),
  );

  app.get(
    '/api/library/search',
    {
      schema: {
        tags,
        summary: 'Search the catalogue by title (Chinese or English), author, ISBN or pinyin initials; with copies available now and the call number.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[\\p{L}\\p{N} ·\'.-]+$' },
            by: { type: 'string', enum: ['any', 'title', 'author', 'isbn', 'initials'], default: 'any' },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: { 200: api.librarySearch, ...libraryErrors() },
      },
    },
    async (request) => {
      const { q, by, limit } = request.query as { q: string; by: SearchBy; limit: number };
      return backend.search(q, by, limit, now());
    },
  );

  app.post(
    '/api/library/checkout',
    {
      preHandler: patronOnly,
      schema: {
        tags,
        security,
        summary: 'Borrow an item (201); refusals carry an exact reason code. An item already on this card answers 200 with that loan (alreadyYours), never a second loan.',
        body: barcodeBody,
        response: { 200: api.checkoutAnswer, 201: api.checkoutAnswer, ...libraryErrors(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { barcode } = request.body as { barcode: string };
      const patronId = principalOf(request).sub;
      return write(request, reply, 'library.checkout', `item:${barcode}`, (w) => backend.checkout(w, patronId, barcode));
    },
  );

  app.post(
    '/api/library/checkin',
    {
      preHandler: deviceOrStaff,
      schema: {
        tags,
        summary: 'Return an item at a kiosk (device credential) or at the desk (staff token); no patron sign-in. A late return creates a fine; an item held for someone goes to the hold shelf (holdShelf.bin).',
        body: barcodeBody,
        response: { 200: api.checkinAnswer, ...libraryErrors(401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { barcode } = request.body as { barcode: string };
      return write(request, reply, 'library.checkin', `item:${barcode}`, (w) => backend.checkin(w, barcode));
    },
  );

  app.post(
    '/api/library/renew',
    {
      preHandler: patronOnly,
      schema: { tags, security, summary: "Renew one of the patron's loans (an overdue one: refused, or renewed with the late fine charged, per LIBRARY_OVERDUE_RENEWAL).", body: barcodeBody, response: { 200: api.renewAnswer, ...libraryErrors(401, 403, 404, 409, 422) } },
    },
    async (request, reply) => {
      const { barcode } = request.body as { barcode: string };
      const patronId = principalOf(request).sub;
      return write(request, reply, 'library.renew', `item:${barcode}`, (w) => backend.renew(w, patronId, barcode));
    },
  );

  app.post(
    '/api/library/renew-all',
    {
      preHandler: patronOnly,
      preValidation: noBodyIsEmpty,
      schema: { tags, security, summary: "Renew every loan the patron has; each answers on its own (ok with the new due date, or the refusal's code and reasons).", body: emptyBody, response: { 200: api.renewAllAnswer, ...libraryErrors(401, 422) } },
    },
    async (request, reply) => {
      const patronId = principalOf(request).sub;
      return write(request, reply, 'library.renew-all', `patron:${patronId}`, (w) => backend.renewAll(w, patronId));
    },
  );

  app.post(
    '/api/library/holds',
    {
      preHandler: patronOnly,
      schema: {
        tags,
        security,
        summary: 'Reserve an item that is out (a copy on the shelf: 409 ITEM_AVAILABLE with its call number); holds queue in the order they were placed, up to a per-patron cap (409 HOLD_LIMIT).',
        body: barcodeBody,
        response: { 201: api.holdAnswer, ...libraryErrors(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { barcode } = request.body as { barcode: string };
      const patronId = principalOf(request).sub;
      return write(request, reply, 'library.hold', `item:${barcode}`, (w) => backend.placeHold(w, patronId, barcode));
    },
  );

  app.delete(
    '/api/library/holds/:holdId',
    {
      preHandler: patronOnly,
      preValidation: noBodyIsEmpty,
      schema: {
        tags,
        security,
        summary: "Cancel one of the patron's holds (again: still 204). A ready hold given up passes the copy to the next reader waiting.",
        params: { type: 'object', additionalProperties: false, required: ['holdId'], properties: { holdId: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } } },
        body: emptyBody,
        response: { 204: { type: 'null', description: 'Cancelled' }, ...libraryErrors(401, 404) },
      },
    },
    async (request, reply) => {
      const { holdId } = request.params as { holdId: number };
      const patronId = principalOf(request).sub;
      const at = now();
      const line = { at, actor: `patron:${patronId}`, action: 'library.hold.cancel', subject: `hold:${holdId}`, detail: { backend: backend.kind } };
      // Cancelling is idempotent by itself (a second cancel is a 204 too): no key needed.
      if (backend.transactional) {
        await db.transaction().execute(async (tx) => {
          await backend.cancelHold({ tx, at }, patronId, holdId);
          await audit(tx, line);
        });
      } else {
        await backend.cancelHold({ tx: null, at }, patronId, holdId);
        await audit(db, line);
      }
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/library/me',
    { preHandler: patronOnly, schema: { tags, security, summary: "The signed-in patron's loans, holds (ready ones with their shelf deadline) and fines. A personal read: audited.", response: { 200: api.patronAccount, ...libraryErrors(401) } } },
    async (request) => {
      const patronId = principalOf(request).sub;
      const at = now();
      const account = await backend.account(patronId, at);
      await audit(db, { at, actor: `patron:${patronId}`, action: 'library.account.read', subject: `patron:${patronId}` });
      return account;
    },
  );

  app.post(
    '/api/staff/library/fines/:fineId/paid',
    {
      preHandler: requireStaff,
      preValidation: noBodyIsEmpty,
      schema: {
        tags: ['staff', 'library'],
        security,
        summary: 'Staff: a fine was paid at the desk (marked paid with the staff id; again: 200 alreadyPaid). Audited.',
        params: { type: 'object', additionalProperties: false, required: ['fineId'], properties: { fineId: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } } },
        body: emptyBody,
        response: { 200: api.finePaidAnswer, ...libraryErrors(401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { fineId } = request.params as { fineId: number };
      const who = staffOf(request);
      return idempotentWrite(request, reply, async (tx) => {
        const out = await backend.finePaid({ tx, at: now() }, fineId, who.sub);
        const body = out.body as { alreadyPaid: boolean; amountCents: number; patronId: string };
        if (!body.alreadyPaid) await staffAuditIn(tx, request, fineId, body);
        return out;
      });
    },
  );

  /** staffAudit writes on its own connection; inside the idempotent transaction the line goes with the change. */
  function staffAuditIn(tx: Parameters<typeof audit>[0], request: FastifyRequest, fineId: number, body: { amountCents: number; patronId: string }): Promise<void> {
    const who = staffOf(request);
    return audit(tx, { at: now(), actor: `staff:${who.sub}`, action: 'staff.library.fine-paid', subject: `fine:${fineId}`, detail: { role: who.role, site: who.site ?? null, patron: body.patronId, amountCents: body.amountCents } });
  }
}
