import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import { instant, instantBefore, instantCompare } from '../db/instant.js';
import type { Database } from '../db/schema.js';
import { deviceIdOf } from '../http/device-id.js';
import { ApiError, errors } from '../http/errors.js';
import type { WriteResult } from '../http/idempotency.js';
import { verifySecret } from '../identity/signin.js';
import type { ItemView, LibraryBackend, PatronRef, SearchBy, WriteCtx } from './backend.js';
import { likeContains } from './pinyin.js';
import { addDays, checkoutRefusal, holdRefusal, holdShelfBin, lateFineCents, POLICY, renewRefusal, type PatronState } from './rules.js';

type Item = { id: string; barcode: string; isbn: string; title_zh: string; title_en: string; author: string; call_number: string; loanable: number };

export const itemView = (i: Item): ItemView => ({
  barcode: i.barcode,
  isbn: i.isbn,
  title: { 'zh-CN': i.title_zh, en: i.title_en },
  author: i.author,
  callNumber: i.call_number,
  loanable: i.loanable === 1,
});

export const notOnLoan = () => new ApiError(409, 'NOT_ON_LOAN', 'This item is not on loan.', '此书未被借出。');
const notYourLoan = () => new ApiError(409, 'NOT_YOUR_LOAN', 'You do not have this item on loan.', '您没有借这本书。');
const itemNotFound = (barcode: string) => errors.notFound(`The item with barcode ${barcode}`, `条码为 ${barcode} 的图书`);
const txOf = (w: WriteCtx): Tx => {
  if (!w.tx) throw new Error('the own catalogue writes inside the idempotent transaction');
  return w.tx;
};

/** The server's own catalogue: items, loans, holds and fines in its database; the rules in rules.ts. */
export class CatalogueBackend implements LibraryBackend {
  readonly kind = 'catalogue' as const;
  readonly transactional = true;
  private readonly db: Db;
  private readonly dialect: 'sqlite' | 'postgres';

  constructor(private readonly app: FastifyInstance) {
    this.db = app.ctx.store.db;
    this.dialect = app.ctx.store.dialect;
  }

  online(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * A hold that still counts: waiting, or ready and not past its shelf deadline (a lapsed ready hold is
   * simply no longer in the queue; the next reader's waiting hold comes first). Raw SQL on an alias so
   * the same predicate serves every query.
   */
  private activeHold(alias: string, nowIso: string): RawBuilder<boolean> {
    const col = (c: string) => sql.ref(`${alias}.${c}`);
    return sql<boolean>`(${col('status')} = 'waiting' or (${col('status')} = 'ready' and (${col('ready_until')} is null or ${instantCompare(this.dialect, `${alias}.ready_until`, '>=', nowIso)})))`;
  }

  private async itemByBarcode(q: Db | Tx, barcode: string): Promise<Item> {
    const item = await q.selectFrom('library_items').select(['id', 'barcode', 'isbn', 'title_zh', 'title_en', 'author', 'call_number', 'loanable']).where('barcode', '=', barcode).executeTakeFirst();
    if (!item) throw itemNotFound(barcode);
    return item;
  }

  /**
   * On PostgreSQL, locks the patron row first, so two kiosks cannot both slip under the loan or hold limit:
   * the counts are then read by a later statement, which sees any write by the same patron that committed
   * while this one waited (SQLite has one writer, so its transactions never interleave).
   */
  private async lockPatron(tx: Tx, patronId: string): Promise<void> {
    if (this.dialect !== 'postgres') return;
    const locked = await tx.selectFrom('patrons').select('id').where('id', '=', patronId).forUpdate().executeTakeFirst();
    if (!locked) throw errors.unauthorized();
  }

  /** The patron's standing in one statement: card expiry, loan limit, open and overdue loans, unpaid fines, active holds. */
  private patronColumns(patronId: string, nowIso: string) {
    return (eb: ExpressionBuilder<Database, keyof Database>) => [
      eb.selectFrom('patrons').select('expires_on').where('id', '=', patronId).as('p_expires_on'),
      eb.selectFrom('patrons').select('max_loans').where('id', '=', patronId).as('p_max_loans'),
      eb.selectFrom('loans').select((e) => e.fn.countAll<number>().as('n')).where('patron_id', '=', patronId).where('returned_at', 'is', null).as('p_open_loans'),
      eb.selectFrom('loans').select((e) => e.fn.countAll<number>().as('n')).where('patron_id', '=', patronId).where('returned_at', 'is', null).where(instantBefore(this.dialect, 'due_at', nowIso)).as('p_overdue_loans'),
      eb.selectFrom('fines').select((e) => e.fn.sum<number>('amount_cents').as('total')).where('patron_id', '=', patronId).where('paid_at', 'is', null).as('p_fines'),
      eb.selectFrom('holds as ph').select((e) => e.fn.countAll<number>().as('n')).where('ph.patron_id', '=', patronId).where(this.activeHold('ph', nowIso)).as('p_holds'),
    ];
  }

  private patronFrom(row: { p_expires_on: string | null; p_max_loans: number | null; p_open_loans: number | null; p_overdue_loans: number | null; p_fines: number | string | null }, patronId: string): PatronState {
    if (row.p_expires_on === null || row.p_max_loans === null) throw errors.unauthorized();
    return { patronId, expiresOn: row.p_expires_on, maxLoans: row.p_max_loans, openLoans: Number(row.p_open_loans ?? 0), overdueLoans: Number(row.p_overdue_loans ?? 0), unpaidFinesCents: Number(row.p_fines ?? 0) };
  }

  private async patronState(tx: Tx, patronId: string, at: Date): Promise<PatronState & { activeHolds: number }> {
    await this.lockPatron(tx, patronId);
    const row = await tx.selectNoFrom(this.patronColumns(patronId, at.toISOString())).executeTakeFirstOrThrow();
    return { ...this.patronFrom(row, patronId), activeHolds: Number(row.p_holds ?? 0) };
  }

  private holdQueue(q: Db | Tx, itemId: string, at: Date): Promise<{ id: number; patron_id: string; status: string }[]> {
    return q.selectFrom('holds as h').select(['h.id', 'h.patron_id', 'h.status']).where('h.item_id', '=', itemId).where(this.activeHold('h', at.toISOString())).orderBy('h.id').execute();
  }

  /** The first waiting hold on the item goes to the hold shelf: ready until the deadline, in its reader's sort bin. */
  private async promoteNextHold(tx: Tx, itemId: string, at: Date): Promise<{ bin: string } | null> {
    const next = await tx
      .selectFrom('holds as h')
      .innerJoin('patrons as p', 'p.id', 'h.patron_id')
      .select(['h.id', 'p.card_number'])
      .where('h.item_id', '=', itemId)
      .where('h.status', '=', 'waiting')
      .orderBy('h.id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return null;
    const bin = holdShelfBin(next.card_number);
    await tx.updateTable('holds').set({ status: 'ready', ready_until: addDays(at, POLICY.holdShelfDays).toISOString(), shelf_bin: bin }).where('id', '=', next.id).where('status', '=', 'waiting').execute();
    return { bin };
  }

  async signin(request: FastifyRequest, cardNumber: string, pin: string | null, at: Date): Promise<PatronRef> {
    let id: string;
    if (pin !== null) {
      id = await verifySecret(this.db, 'patron', cardNumber, pin, at, deviceIdOf(request));
    } else {
      // Scan alone (allowed by the route's policy): the card must exist and not be locked by wrong PINs.
      const row = await this.db.selectFrom('patrons').select(['id', 'locked_until']).where('card_number', '=', cardNumber).executeTakeFirst();
      if (!row) throw new ApiError(401, 'CARD_UNKNOWN', 'This library card is not recognised.', '无法识别此借书证。');
      if (row.locked_until && instant(row.locked_until) > at.getTime()) {
        throw new ApiError(423, 'PIN_LOCKED', 'This card is locked after too many wrong PINs. Please try again later or ask staff.', '此卡因多次输错密码已锁定，请稍后再试或联系工作人员。', { lockedUntil: new Date(instant(row.locked_until)).toISOString() });
      }
      id = row.id;
    }
    const p = await this.db.selectFrom('patrons').select(['id', 'name', 'expires_on']).where('id', '=', id).executeTakeFirstOrThrow();
    return { id: p.id, name: p.name, expiresOn: p.expires_on };
  }

  async item(barcode: string, at: Date): Promise<unknown> {
    const item = await this.itemByBarcode(this.db, barcode);
    const [loan, holds] = await Promise.all([
      this.db.selectFrom('loans').select('due_at').where('item_id', '=', item.id).where('returned_at', 'is', null).executeTakeFirst(),
      this.holdQueue(this.db, item.id, at),
    ]);
    return { ...itemView(item), status: loan ? 'on_loan' : holds.length ? 'on_hold' : item.loanable ? 'available' : 'reference_only', dueAt: loan?.due_at ?? null, holds: holds.length };
  }

  async search(q: string, by: SearchBy, limit: number, at: Date): Promise<unknown> {
    const pattern = likeContains(q.trim());
    const isbnDigits = q.replace(/[^0-9Xx]/g, '');
    const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    const nowIso = at.toISOString();
    // A copy is available when it may be lent, is on the shelf and nobody's hold is waiting for it.
    const availableCopy = sql<number>`sum(case when ${sql.ref('library_items.loanable')} = 1
      and not exists (select 1 from loans l where l.item_id = library_items.id and l.returned_at is null)
      and not exists (select 1 from holds h where h.item_id = library_items.id and ${this.activeHold('h', nowIso)}) then 1 else 0 end)`;
    const rows = await this.db
      .selectFrom('library_items')
      .select((eb) => [
        'isbn',
        eb.fn.min('barcode').as('barcode'),
        eb.fn.min('title_zh').as('title_zh'),
        eb.fn.min('title_en').as('title_en'),
        eb.fn.min('author').as('author'),
        eb.fn.min('call_number').as('call_number'),
        eb.fn.countAll<number>().as('copies'),
        availableCopy.as('available'),
      ])
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
      results: rows.map((r) => ({ isbn: r.isbn, barcode: r.barcode, title: { 'zh-CN': r.title_zh, en: r.title_en }, author: r.author, callNumber: r.call_number, copies: Number(r.copies), available: Number(r.available ?? 0) })),
    };
  }

  async account(patronId: string, at: Date): Promise<unknown> {
    const db = this.db;
    const nowIso = at.toISOString();
    const [patron, loans, holds, fines] = await Promise.all([
      db.selectFrom('patrons').select(['id', 'name', 'card_number', 'expires_on', 'max_loans']).where('id', '=', patronId).executeTakeFirstOrThrow(),
      db.selectFrom('loans as l').innerJoin('library_items as i', 'i.id', 'l.item_id').selectAll('i').select(['l.due_at', 'l.checked_out_at', 'l.renewals']).where('l.patron_id', '=', patronId).where('l.returned_at', 'is', null).orderBy('l.due_at').execute(),
      db
        .selectFrom('holds as h')
        .innerJoin('library_items as i', 'i.id', 'h.item_id')
        .selectAll('i')
        .select(['h.id as hold_id', 'h.placed_at', 'h.status', 'h.item_id', 'h.ready_until', 'h.shelf_bin'])
        .where('h.patron_id', '=', patronId)
        .where(this.activeHold('h', nowIso))
        .orderBy('h.id')
        .execute(),
      db.selectFrom('fines').select(['id', 'amount_cents', 'reason', 'created_at']).where('patron_id', '=', patronId).where('paid_at', 'is', null).orderBy('id').execute(),
    ]);
    const positions = await Promise.all(
      holds.map((h) => db.selectFrom('holds as q').select((eb) => eb.fn.countAll<number>().as('n')).where('q.item_id', '=', h.item_id).where(this.activeHold('q', nowIso)).where('q.id', '<=', h.hold_id).executeTakeFirstOrThrow()),
    );
    return {
      patron: { id: patron.id, name: patron.name, cardNumber: patron.card_number, expiresOn: patron.expires_on, maxLoans: patron.max_loans },
      loans: loans.map((l) => ({ ...itemView(l), dueAt: l.due_at, checkedOutAt: l.checked_out_at, renewals: l.renewals, overdue: instant(l.due_at) < at.getTime() })),
      holds: holds.map((h, i) => ({
        ...itemView(h),
        holdId: Number(h.hold_id),
        placedAt: h.placed_at,
        status: h.status === 'ready' ? ('ready' as const) : ('waiting' as const),
        position: Number(positions[i]?.n ?? 0),
        readyUntil: h.status === 'ready' ? (h.ready_until ?? null) : null,
        shelfBin: h.status === 'ready' ? (h.shelf_bin ?? null) : null,
      })),
      fines: fines.map((f) => ({ id: f.id, amountCents: f.amount_cents, reason: f.reason, createdAt: f.created_at })),
      finesTotalCents: fines.reduce((sum, f) => sum + f.amount_cents, 0),
      fineLimitCents: POLICY.fineLimitCents,
    };
  }

  async checkout(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult> {
    const tx = txOf(w);
    const at = w.at;
    const nowIso = at.toISOString();
    await this.lockPatron(tx, patronId);
    // The item, who has it, the head of its hold queue and the patron's standing: one round trip.
    const row = await tx
      .selectFrom('library_items as i')
      .select(['i.id', 'i.barcode', 'i.isbn', 'i.title_zh', 'i.title_en', 'i.author', 'i.call_number', 'i.loanable'])
      .select((eb) => [
        eb.selectFrom('loans').select('patron_id').whereRef('loans.item_id', '=', 'i.id').where('returned_at', 'is', null).limit(1).as('on_loan_to'),
        eb.selectFrom('loans').select('due_at').whereRef('loans.item_id', '=', 'i.id').where('returned_at', 'is', null).limit(1).as('loan_due_at'),
        eb.selectFrom('loans').select('checked_out_at').whereRef('loans.item_id', '=', 'i.id').where('returned_at', 'is', null).limit(1).as('loan_out_at'),
        eb.selectFrom('holds as fh').select('fh.id').whereRef('fh.item_id', '=', 'i.id').where(this.activeHold('fh', nowIso)).orderBy('fh.id').limit(1).as('first_hold_id'),
        eb.selectFrom('holds as fp').select('fp.patron_id').whereRef('fp.item_id', '=', 'i.id').where(this.activeHold('fp', nowIso)).orderBy('fp.id').limit(1).as('first_hold_patron'),
        ...this.patronColumns(patronId, nowIso)(eb as unknown as ExpressionBuilder<Database, keyof Database>),
      ])
      .where('i.barcode', '=', barcode)
      .executeTakeFirst();
    if (!row) throw itemNotFound(barcode);
    const item: Item = row;
    // A second scan of an item already on this patron's card (a double scan, a retry with a new key): the loan it has, never a second one.
    if (row.on_loan_to === patronId && row.loan_due_at && row.loan_out_at) {
      return { status: 200, body: { ...itemView(item), dueAt: row.loan_due_at, checkedOutAt: row.loan_out_at, alreadyYours: true } };
    }
    const state = this.patronFrom(row, patronId);
    const refusal = checkoutRefusal(state, { loanable: item.loanable === 1, onLoanTo: row.on_loan_to ?? null, holdQueue: row.first_hold_patron ? [row.first_hold_patron] : [] }, at);
    if (refusal) throw refusal;
    const dueAt = addDays(at, POLICY.loanDays).toISOString();
    try {
      await tx.insertInto('loans').values({ item_id: item.id, patron_id: patronId, checked_out_at: nowIso, due_at: dueAt, returned_at: null, renewals: 0 }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(409, 'ON_LOAN', 'This item was just borrowed at another kiosk.', '此书刚刚在另一台终端被借出。');
      throw error;
    }
    if (row.first_hold_id != null && row.first_hold_patron === patronId) await tx.updateTable('holds').set({ status: 'fulfilled' }).where('id', '=', Number(row.first_hold_id)).execute();
    return { status: 201, body: { ...itemView(item), dueAt, checkedOutAt: nowIso, alreadyYours: false } };
  }

  async checkin(w: WriteCtx, barcode: string): Promise<WriteResult> {
    const tx = txOf(w);
    const at = w.at;
    const item = await this.itemByBarcode(tx, barcode);
    // Closing the open loan is the check that there is one: of two kiosks returning the same item at once, one gets NOT_ON_LOAN.
    const loan = await tx.updateTable('loans').set({ returned_at: at.toISOString() }).where('item_id', '=', item.id).where('returned_at', 'is', null).returning(['id', 'patron_id', 'due_at']).executeTakeFirst();
    if (!loan) throw notOnLoan();
    const fine = lateFineCents(loan.due_at, at);
    if (fine > 0) {
      await tx.insertInto('fines').values({ patron_id: loan.patron_id, amount_cents: fine, reason: `逾期归还《${item.title_zh}》 Late return of "${item.title_en}"`, created_at: at.toISOString(), paid_at: null }).execute();
    }
    const holdShelf = await this.promoteNextHold(tx, item.id, at);
    return { status: 200, body: { ...itemView(item), returnedAt: at.toISOString(), fineCents: fine, heldForNextReader: holdShelf !== null, holdShelf } };
  }

  /** One renewal, or the refusal (thrown before anything is written, so a refused renewal leaves no trace). */
  private async renewLoan(tx: Tx, patronId: string, item: Item, at: Date): Promise<{ dueAt: string; renewals: number; fineCents: number }> {
    const loan = await tx.selectFrom('loans').select(['id', 'due_at', 'renewals']).where('item_id', '=', item.id).where('returned_at', 'is', null).where('patron_id', '=', patronId).executeTakeFirst();
    if (!loan) throw notYourLoan();
    const state = await this.patronState(tx, patronId, at);
    const overdue = instant(loan.due_at) < at.getTime();
    const policy = this.app.ctx.config.library.overdueRenewal;
    const refusal = renewRefusal(state, loan.renewals, (await this.holdQueue(tx, item.id, at)).map((h) => h.patron_id), at, overdue, policy);
    if (refusal) throw refusal;
    // Policy `charge`: the late days so far become a fine now, and the loan runs on from today.
    const fineCents = overdue ? lateFineCents(loan.due_at, at) : 0;
    if (fineCents > 0) {
      await tx.insertInto('fines').values({ patron_id: patronId, amount_cents: fineCents, reason: `逾期续借《${item.title_zh}》 Overdue renewal of "${item.title_en}"`, created_at: at.toISOString(), paid_at: null }).execute();
    }
    // A renewal runs from today or from the old due date, whichever is later.
    const from = new Date(Math.max(at.getTime(), instant(loan.due_at)));
    const dueAt = addDays(from, POLICY.renewDays).toISOString();
    await tx.updateTable('loans').set({ due_at: dueAt, renewals: loan.renewals + 1 }).where('id', '=', loan.id).execute();
    return { dueAt, renewals: loan.renewals + 1, fineCents };
  }

  async renew(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult> {
    const tx = txOf(w);
    const item = await this.itemByBarcode(tx, barcode);
    const done = await this.renewLoan(tx, patronId, item, w.at);
    return { status: 200, body: { ...itemView(item), ...done } };
  }

  async renewAll(w: WriteCtx, patronId: string): Promise<WriteResult> {
    const tx = txOf(w);
    const loans = await tx
      .selectFrom('loans as l')
      .innerJoin('library_items as i', 'i.id', 'l.item_id')
      .select(['i.id', 'i.barcode', 'i.isbn', 'i.title_zh', 'i.title_en', 'i.author', 'i.call_number', 'i.loanable'])
      .where('l.patron_id', '=', patronId)
      .where('l.returned_at', 'is', null)
      .orderBy('l.due_at')
      .orderBy('l.id')
      .execute();
    const results = [];
    for (const item of loans) {
      try {
        const done = await this.renewLoan(tx, patronId, item, w.at);
        results.push({ barcode: item.barcode, title: itemView(item).title, ok: true, dueAt: done.dueAt });
      } catch (error) {
        if (!(error instanceof ApiError) || error.statusCode >= 500) throw error;
        results.push({ barcode: item.barcode, title: itemView(item).title, ok: false, code: error.code, reasons: { 'zh-CN': error.zh, en: error.en } });
      }
    }
    return { status: 200, body: { results } };
  }

  async placeHold(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult> {
    const tx = txOf(w);
    const at = w.at;
    const nowIso = at.toISOString();
    const item = await this.itemByBarcode(tx, barcode);
    const state = await this.patronState(tx, patronId, at);
    const mine = await tx.selectFrom('loans').select('id').where('item_id', '=', item.id).where('patron_id', '=', patronId).where('returned_at', 'is', null).executeTakeFirst();
    if (mine) throw new ApiError(409, 'ALREADY_BORROWED', 'You already have this item on loan.', '您已借出此书。');
    const queue = await this.holdQueue(tx, item.id, at);
    if (queue.some((h) => h.patron_id === patronId)) throw new ApiError(409, 'HOLD_EXISTS', 'You already reserved this item.', '您已预约过此书。');
    // Only items that are out: this copy on the shelf with nobody waiting for it is taken, not reserved.
    const onLoan = await tx.selectFrom('loans').select('id').where('item_id', '=', item.id).where('returned_at', 'is', null).executeTakeFirst();
    const availableOnShelf = !onLoan && queue.length === 0;
    const refusal = holdRefusal(state, { loanable: item.loanable === 1, availableOnShelf, callNumber: item.call_number }, state.activeHolds, at);
    if (refusal) throw refusal;
    const inserted = await tx.insertInto('holds').values({ item_id: item.id, patron_id: patronId, placed_at: nowIso, status: 'waiting', ready_until: null, shelf_bin: null }).returning('id').executeTakeFirstOrThrow();
    return { status: 201, body: { ...itemView(item), holdId: Number(inserted.id), status: 'waiting', placedAt: nowIso, position: queue.length + 1 } };
  }

  async cancelHold(w: WriteCtx, patronId: string, holdId: number): Promise<void> {
    const tx = txOf(w);
    const hold = await tx.selectFrom('holds').select(['item_id', 'status', 'ready_until']).where('id', '=', holdId).where('patron_id', '=', patronId).executeTakeFirst();
    if (!hold) throw errors.notFound(`Hold ${holdId}`, `预约 ${holdId}`);
    const cancelled = await tx.updateTable('holds').set({ status: 'cancelled' }).where('id', '=', holdId).where('status', 'in', ['waiting', 'ready']).returning('id').executeTakeFirst();
    if (!cancelled) return;
    // A ready hold given up: the copy on the hold shelf goes to the next reader waiting for it.
    const stillReady = hold.status === 'ready' && (hold.ready_until == null || instant(hold.ready_until) >= w.at.getTime());
    if (stillReady) await this.promoteNextHold(tx, hold.item_id, w.at);
  }

  async finePaid(w: WriteCtx, fineId: number, staffId: string): Promise<WriteResult> {
    const tx = txOf(w);
    const paidAt = w.at.toISOString();
    const paid = await tx.updateTable('fines').set({ paid_at: paidAt, paid_by: staffId }).where('id', '=', fineId).where('paid_at', 'is', null).returning(['id', 'patron_id', 'amount_cents', 'paid_at']).executeTakeFirst();
    if (paid) return { status: 200, body: { fineId: paid.id, patronId: paid.patron_id, amountCents: paid.amount_cents, paidAt: paid.paid_at ?? paidAt, alreadyPaid: false } };
    const row = await tx.selectFrom('fines').select(['id', 'patron_id', 'amount_cents', 'paid_at']).where('id', '=', fineId).executeTakeFirst();
    if (!row) throw errors.notFound(`Fine ${fineId}`, `罚款 ${fineId}`);
    return { status: 200, body: { fineId: row.id, patronId: row.patron_id, amountCents: row.amount_cents, paidAt: row.paid_at ?? paidAt, alreadyPaid: true } };
  }
}
