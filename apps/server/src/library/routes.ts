import * as api from '../http/api-schemas.js';
import type { FastifyInstance } from 'fastify';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { instant, instantBefore } from '../db/instant.js';
import type { Database } from '../db/schema.js';
import { isUniqueViolation } from '../db/database.js';
import { principalOf, requireDevice, requireToken } from '../http/auth.js';
import { ApiError, errors } from '../http/errors.js';
import { idempotentWrite } from '../http/idempotency.js';
import { errorResponses, s } from '../http/validation.js';
import { deviceIdOf } from '../http/device-id.js';
import { verifySecret } from '../identity/signin.js';
import { issueToken } from '../identity/sessions.js';
import { likeContains } from './pinyin.js';
import { addDays, checkoutRefusal, lateFineCents, POLICY, renewRefusal, type PatronState } from './rules.js';

const tags = ['library'];
const security = [{ bearer: [] }];
const barcodeBody = { type: 'object', additionalProperties: false, required: ['barcode'], properties: { barcode: s.barcode } };

type Item = { id: string; barcode: string; isbn: string; title_zh: string; title_en: string; author: string; call_number: string; loanable: number };

const itemView = (i: Item) => ({
  barcode: i.barcode,
  isbn: i.isbn,
  title: { 'zh-CN': i.title_zh, en: i.title_en },
  author: i.author,
  callNumber: i.call_number,
  loanable: i.loanable === 1,
});

export function libraryRoutes(app: FastifyInstance): void {
  const { db, dialect } = app.ctx.store;
  const now = () => app.ctx.now();
  const patronOnly = requireToken('library');

  async function itemByBarcode(q: Db | Tx, barcode: string): Promise<Item> {
    const item = await q.selectFrom('library_items').selectAll().where('barcode', '=', barcode).executeTakeFirst();
    if (!item) throw errors.notFound(`The item with barcode ${barcode}`, `条码为 ${barcode} 的图书`);
    return item;
  }

  /**
   * On PostgreSQL, locks the patron row first, so two kiosks cannot both slip under the loan limit: the
   * counts are then read by a later statement, which sees any checkout by the same patron that committed
   * while this one waited (SQLite has one writer, so its transactions never interleave).
   */
  async function lockPatron(tx: Tx, patronId: string): Promise<void> {
    if (dialect !== 'postgres') return;
    const locked = await tx.selectFrom('patrons').select('id').where('id', '=', patronId).forUpdate().executeTakeFirst();
    if (!locked) throw errors.unauthorized();
  }

  /** The patron's standing in one statement: card expiry, loan limit, open and overdue loans, unpaid fines. */
  const patronColumns = (patronId: string, nowIso: string) => (eb: ExpressionBuilder<Database, keyof Database>) => [
    eb.selectFrom('patrons').select('expires_on').where('id', '=', patronId).as('p_expires_on'),
    eb.selectFrom('patrons').select('max_loans').where('id', '=', patronId).as('p_max_loans'),
    eb.selectFrom('loans').select((e) => e.fn.countAll<number>().as('n')).where('patron_id', '=', patronId).where('returned_at', 'is', null).as('p_open_loans'),
    eb.selectFrom('loans').select((e) => e.fn.countAll<number>().as('n')).where('patron_id', '=', patronId).where('returned_at', 'is', null).where(instantBefore(dialect, 'due_at', nowIso)).as('p_overdue_loans'),
    eb.selectFrom('fines').select((e) => e.fn.sum<number>('amount_cents').as('total')).where('patron_id', '=', patronId).where('paid_at', 'is', null).as('p_fines'),
  ];

  type PatronRow = { p_expires_on: string | null; p_max_loans: number | null; p_open_loans: number | null; p_overdue_loans: number | null; p_fines: number | string | null };
  function patronFrom(row: PatronRow, patronId: string): PatronState {
    if (row.p_expires_on === null || row.p_max_loans === null) throw errors.unauthorized();
    return { patronId, expiresOn: row.p_expires_on, maxLoans: row.p_max_loans, openLoans: Number(row.p_open_loans ?? 0), overdueLoans: Number(row.p_overdue_loans ?? 0), unpaidFinesCents: Number(row.p_fines ?? 0) };
  }

  async function patronState(tx: Tx, patronId: string, at: Date): Promise<PatronState> {
    await lockPatron(tx, patronId);
    const row = await tx.selectNoFrom(patronColumns(patronId, at.toISOString())).executeTakeFirstOrThrow();
    return patronFrom(row, patronId);
  }

  async function holdQueue(q: Db | Tx, itemId: string): Promise<{ id: number; patron_id: string; status: string }[]> {
    return q.selectFrom('holds').select(['id', 'patron_id', 'status']).where('item_id', '=', itemId).where('status', 'in', ['waiting', 'ready']).orderBy('id').execute();
  }

  app.post(
    '/api/library/signin',
    {
      preHandler: requireDevice,
      schema: {
        tags,
        summary: 'Patron sign-in with card number and PIN. Five wrong PINs lock the card for 15 minutes.',
        headers: { type: 'object', properties: { 'x-device-key': { type: 'string', maxLength: 256 } } },
        body: { type: 'object', additionalProperties: false, required: ['cardNumber', 'pin'], properties: { cardNumber: s.cardNumber, pin: s.pin } },
        response: { 200: api.librarySignin, ...errorResponses(401, 423) },
      },
    },
    async (request) => {
      const { cardNumber, pin } = request.body as { cardNumber: string; pin: string };
      const at = now();
      const id = await verifySecret(db, 'patron', cardNumber, pin, at, deviceIdOf(request));
      const p = await db.selectFrom('patrons').select(['id', 'name', 'expires_on']).where('id', '=', id).executeTakeFirstOrThrow();
      const { token, expiresAt, sessionId } = await issueToken(app, request, { sub: p.id, svc: 'library' }, `patron:${p.id}`);
      return { token, expiresAt, sessionId, patron: { id: p.id, name: p.name, expiresOn: p.expires_on } };
    },
  );

  app.get(
    '/api/library/items/:barcode',
    {
      schema: { tags, summary: 'Look up an item by its barcode, with its availability.', params: { type: 'object', additionalProperties: false, required: ['barcode'], properties: { barcode: s.barcode } }, response: { 200: api.libraryItem, ...errorResponses(404) } },
    },
    async (request) => {
      const item = await itemByBarcode(db, (request.params as { barcode: string }).barcode);
      const [loan, holds] = await Promise.all([
        db.selectFrom('loans').select('due_at').where('item_id', '=', item.id).where('returned_at', 'is', null).executeTakeFirst(),
        holdQueue(db, item.id),
      ]);
      return { ...itemView(item), status: loan ? 'on_loan' : holds.length ? 'on_hold' : item.loanable ? 'available' : 'reference_only', dueAt: loan?.due_at ?? null, holds: holds.length };
    },
  );

  app.get(
    '/api/library/search',
    {
      schema: {
        tags,
        summary: 'Search the catalogue by title (Chinese or English), author, ISBN or pinyin initials.',
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
        response: { 200: api.librarySearch, ...errorResponses() },
      },
    },
    async (request) => {
      const { q, by, limit } = request.query as { q: string; by: 'any' | 'title' | 'author' | 'isbn' | 'initials'; limit: number };
      const pattern = likeContains(q.trim());
      const isbnDigits = q.replace(/[^0-9Xx]/g, '');
      const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      const rows = await db
        .selectFrom('library_items')
        .select((eb) => ['isbn', eb.fn.min('barcode').as('barcode'), eb.fn.min('title_zh').as('title_zh'), eb.fn.min('title_en').as('title_en'), eb.fn.min('author').as('author'), eb.fn.countAll<number>().as('copies')])
        .where((eb) => {
          const ors = [];
          if (by === 'any' || by === 'title') ors.push(like('title_zh'), like('title_en'));
          if (by === 'any' || by === 'author') ors.push(like('author'));
          if ((by === 'any' || by === 'isbn') && isbnDigits.length >= 3) ors.push(eb('isbn', 'like', `%${isbnDigits}%`));
          if (by === 'any' || by === 'initials') ors.push(eb('initials', 'like', `${q.trim().toLowerCase().replace(/[\\%_]/g, '')}%`));
          return eb.or(ors.length ? ors : [sql<boolean>`1 = 0`]);
        })
        .groupBy('isbn')
        .orderBy('isbn')
        .limit(limit)
        .execute();
      return {
        query: q,
        by,
        results: rows.map((r) => ({ isbn: r.isbn, barcode: r.barcode, title: { 'zh-CN': r.title_zh, en: r.title_en }, author: r.author, copies: Number(r.copies) })),
      };
    },
  );

  app.post(
    '/api/library/checkout',
    { preHandler: patronOnly, schema: { tags, security, summary: 'Borrow an item; refusals carry an exact reason code.', body: barcodeBody, response: { 201: api.checkoutAnswer, ...errorResponses(401, 403, 404, 409, 422) } } },
    async (request, reply) => {
      const { barcode } = request.body as { barcode: string };
      const patronId = principalOf(request).sub;
      return idempotentWrite(request, reply, async (tx) => {
        const at = now();
        await lockPatron(tx, patronId);
        // The item, who has it, the head of its hold queue and the patron's standing: one round trip.
        const row = await tx
          .selectFrom('library_items as i')
          .selectAll('i')
          .select((eb) => [
            eb.selectFrom('loans').select('patron_id').whereRef('loans.item_id', '=', 'i.id').where('returned_at', 'is', null).limit(1).as('on_loan_to'),
            eb.selectFrom('holds').select('id').whereRef('holds.item_id', '=', 'i.id').where('status', 'in', ['waiting', 'ready']).orderBy('id').limit(1).as('first_hold_id'),
            eb.selectFrom('holds').select('patron_id').whereRef('holds.item_id', '=', 'i.id').where('status', 'in', ['waiting', 'ready']).orderBy('id').limit(1).as('first_hold_patron'),
            ...patronColumns(patronId, at.toISOString())(eb as unknown as ExpressionBuilder<Database, keyof Database>),
          ])
          .where('i.barcode', '=', barcode)
          .executeTakeFirst();
        if (!row) throw errors.notFound(`The item with barcode ${barcode}`, `条码为 ${barcode} 的图书`);
        const state = patronFrom(row, patronId);
        const item: Item = { id: row.id, barcode: row.barcode, isbn: row.isbn, title_zh: row.title_zh, title_en: row.title_en, author: row.author, call_number: row.call_number, loanable: row.loanable };
        const refusal = checkoutRefusal(state, { loanable: item.loanable === 1, onLoanTo: row.on_loan_to ?? null, holdQueue: row.first_hold_patron ? [row.first_hold_patron] : [] }, at);
        if (refusal) throw refusal;
        const dueAt = addDays(at, POLICY.loanDays).toISOString();
        try {
          await tx.insertInto('loans').values({ item_id: item.id, patron_id: patronId, checked_out_at: at.toISOString(), due_at: dueAt, returned_at: null, renewals: 0 }).execute();
        } catch (error) {
          if (isUniqueViolation(error)) throw new ApiError(409, 'ON_LOAN', 'This item was just borrowed at another kiosk.', '此书刚刚在另一台终端被借出。');
          throw error;
        }
        if (row.first_hold_id != null && row.first_hold_patron === patronId) await tx.updateTable('holds').set({ status: 'fulfilled' }).where('id', '=', Number(row.first_hold_id)).execute();
        return { status: 201, body: { ...itemView(item), dueAt, checkedOutAt: at.toISOString() } };
      });
    },
  );

  app.post(
    '/api/library/checkin',
    { preHandler: requireDevice, schema: { tags, summary: 'Return an item at a kiosk (no sign-in needed); a late return creates a fine; the next hold becomes ready.', body: barcodeBody, response: { 200: api.checkinAnswer, ...errorResponses(401, 404, 409, 422) } } },
    async (request, reply) =>
      idempotentWrite(request, reply, async (tx) => {
        const { barcode } = request.body as { barcode: string };
        const item = await itemByBarcode(tx, barcode);
        const at = now();
        // Closing the open loan is the check that there is one: of two kiosks returning the same item at once, one gets NOT_ON_LOAN.
        const loan = await tx.updateTable('loans').set({ returned_at: at.toISOString() }).where('item_id', '=', item.id).where('returned_at', 'is', null).returning(['id', 'patron_id', 'due_at']).executeTakeFirst();
        if (!loan) throw new ApiError(409, 'NOT_ON_LOAN', 'This item is not on loan.', '此书未被借出。');
        const fine = lateFineCents(loan.due_at, at);
        if (fine > 0) {
          await tx.insertInto('fines').values({ patron_id: loan.patron_id, amount_cents: fine, reason: `逾期归还《${item.title_zh}》 Late return of "${item.title_en}"`, created_at: at.toISOString(), paid_at: null }).execute();
        }
        // The first waiting hold (by placement) becomes ready.
        const next = await tx
          .updateTable('holds')
          .set({ status: 'ready' })
          .where('id', '=', (eb) => eb.selectFrom('holds as h').select((e) => e.fn.min('h.id').as('first')).where('h.item_id', '=', item.id).where('h.status', '=', 'waiting'))
          .returning('id')
          .executeTakeFirst();
        return { status: 200, body: { ...itemView(item), returnedAt: at.toISOString(), fineCents: fine, heldForNextReader: Boolean(next) } };
      }),
  );

  app.post(
    '/api/library/renew',
    { preHandler: patronOnly, schema: { tags, security, summary: 'Renew one of the patron\'s loans.', body: barcodeBody, response: { 200: api.renewAnswer, ...errorResponses(401, 403, 404, 409, 422) } } },
    async (request, reply) => {
      const { barcode } = request.body as { barcode: string };
      const patronId = principalOf(request).sub;
      return idempotentWrite(request, reply, async (tx) => {
        const item = await itemByBarcode(tx, barcode);
        const loan = await tx.selectFrom('loans').selectAll().where('item_id', '=', item.id).where('returned_at', 'is', null).where('patron_id', '=', patronId).executeTakeFirst();
        if (!loan) throw new ApiError(409, 'NOT_YOUR_LOAN', 'You do not have this item on loan.', '您没有借这本书。');
        const at = now();
        const state = await patronState(tx, patronId, at);
        const refusal = renewRefusal(state, loan.renewals, (await holdQueue(tx, item.id)).map((h) => h.patron_id), at);
        if (refusal) throw refusal;
        // A renewal runs from today or from the old due date, whichever is later.
        const from = new Date(Math.max(at.getTime(), new Date(loan.due_at).getTime()));
        const dueAt = addDays(from, POLICY.renewDays).toISOString();
        await tx.updateTable('loans').set({ due_at: dueAt, renewals: loan.renewals + 1 }).where('id', '=', loan.id).execute();
        return { status: 200, body: { ...itemView(item), dueAt, renewals: loan.renewals + 1 } };
      });
    },
  );

  app.post(
    '/api/library/holds',
    { preHandler: patronOnly, schema: { tags, security, summary: 'Reserve an item; holds queue in the order they were placed.', body: barcodeBody, response: { 201: api.holdAnswer, ...errorResponses(401, 403, 404, 409, 422) } } },
    async (request, reply) => {
      const { barcode } = request.body as { barcode: string };
      const patronId = principalOf(request).sub;
      return idempotentWrite(request, reply, async (tx) => {
        const item = await itemByBarcode(tx, barcode);
        if (item.loanable !== 1) throw new ApiError(403, 'NOT_FOR_LOAN', 'This item is for reading in the library only.', '此书仅供馆内阅览，不外借。');
        const mine = await tx.selectFrom('loans').select('id').where('item_id', '=', item.id).where('patron_id', '=', patronId).where('returned_at', 'is', null).executeTakeFirst();
        if (mine) throw new ApiError(409, 'ALREADY_BORROWED', 'You already have this item on loan.', '您已借出此书。');
        const queue = await holdQueue(tx, item.id);
        if (queue.some((h) => h.patron_id === patronId)) throw new ApiError(409, 'HOLD_EXISTS', 'You already reserved this item.', '您已预约过此书。');
        const at = now().toISOString();
        await tx.insertInto('holds').values({ item_id: item.id, patron_id: patronId, placed_at: at, status: 'waiting' }).execute();
        return { status: 201, body: { ...itemView(item), placedAt: at, position: queue.length + 1 } };
      });
    },
  );

  app.get(
    '/api/library/me',
    { preHandler: patronOnly, schema: { tags, security, summary: 'The signed-in patron\'s loans, holds and fines.', response: { 200: api.patronAccount, ...errorResponses(401) } } },
    async (request) => {
      const patronId = principalOf(request).sub;
      const at = now().toISOString();
      const [patron, loans, holds, fines] = await Promise.all([
        db.selectFrom('patrons').select(['id', 'name', 'card_number', 'expires_on', 'max_loans']).where('id', '=', patronId).executeTakeFirstOrThrow(),
        db.selectFrom('loans as l').innerJoin('library_items as i', 'i.id', 'l.item_id').selectAll('i').select(['l.due_at', 'l.checked_out_at', 'l.renewals']).where('l.patron_id', '=', patronId).where('l.returned_at', 'is', null).orderBy('l.due_at').execute(),
        db.selectFrom('holds as h').innerJoin('library_items as i', 'i.id', 'h.item_id').selectAll('i').select(['h.id as hold_id', 'h.placed_at', 'h.status', 'h.item_id']).where('h.patron_id', '=', patronId).where('h.status', 'in', ['waiting', 'ready']).orderBy('h.id').execute(),
        db.selectFrom('fines').select(['id', 'amount_cents', 'reason', 'created_at']).where('patron_id', '=', patronId).where('paid_at', 'is', null).orderBy('id').execute(),
      ]);
      const positions = await Promise.all(
        holds.map((h) => db.selectFrom('holds').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', h.item_id).where('status', 'in', ['waiting', 'ready']).where('id', '<=', h.hold_id).executeTakeFirstOrThrow()),
      );
      return {
        patron: { id: patron.id, name: patron.name, cardNumber: patron.card_number, expiresOn: patron.expires_on, maxLoans: patron.max_loans },
        loans: loans.map((l) => ({ ...itemView(l), dueAt: l.due_at, checkedOutAt: l.checked_out_at, renewals: l.renewals, overdue: instant(l.due_at) < instant(at) })),
        holds: holds.map((h, i) => ({ ...itemView(h), placedAt: h.placed_at, status: h.status, position: Number(positions[i]?.n ?? 0) })),
        fines: fines.map((f) => ({ id: f.id, amountCents: f.amount_cents, reason: f.reason, createdAt: f.created_at })),
        finesTotalCents: fines.reduce((sum, f) => sum + f.amount_cents, 0),
        fineLimitCents: POLICY.fineLimitCents,
      };
    },
  );
}
