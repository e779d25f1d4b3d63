import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Sip2Config } from '../../config.js';
import { ApiError, errors } from '../../http/errors.js';
import type { WriteResult } from '../../http/idempotency.js';
import type { ItemView, LibraryBackend, PatronRef, SearchBy, SystemMessages, WriteCtx } from '../backend.js';
import { field, fieldAll, parseFeeCents, parseLooseDate, parseSipDate, yes, type ParsedMessage } from './codec.js';
import { requests, Sip2Error, Sip2Pool } from './client.js';

export const libraryOffline = () =>
  new ApiError(503, 'LIBRARY_OFFLINE', 'The library system does not answer. Nothing was changed: please try again later or ask staff.', '图书馆系统暂时无法连接，本次操作未执行，请稍后再试或联系工作人员。');

/** The SIP2 circulation status (item information, 18) in the API's terms. */
function itemStatus(code: string): 'available' | 'on_loan' | 'on_hold' | 'reference_only' {
  if (code === '03') return 'available';
  if (code === '04' || code === '05' || code === '07' || code === '11' || code === '12' || code === '13') return 'on_loan';
  if (code === '08' || code === '10') return 'on_hold';
  return 'reference_only';
}

/** A stable positive integer for a hold on `barcode` (SIP2 holds have no id of their own; cancel finds the hold by it). */
export function holdIdOf(barcode: string): number {
  let h = 0x811c9dc5;
  for (const ch of barcode) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return (h % 2_147_483_646) + 1;
}

const messagesOf = (m: ParsedMessage): SystemMessages => {
  const af = fieldAll(m, 'AF').filter((s) => s.trim());
  const ag = fieldAll(m, 'AG').filter((s) => s.trim());
  return { ...(af.length ? { screenMessages: af } : {}), ...(ag.length ? { printLines: ag } : {}) };
};

/**
 * A SIP2 refusal in the API's codes. SIP2 2.00 says "no" with ok=0 and a screen message (AF) in the
 * ACS's words; the patron status flags (24) say why a card is blocked. The AF is passed on as is
 * (`screenMessages`), next to our own reason in both languages.
 */
export function refusalFrom(kind: 'checkout' | 'renew' | 'hold' | 'checkin', af: string[], patronFlags: string | null): ApiError {
  const text = af.join(' ').toLowerCase();
  const flag = (i: number) => patronFlags?.[i] === 'Y';
  const extra = af.length ? { screenMessages: af } : {};
  const e = (status: number, code: string, en: string, zh: string) => new ApiError(status, code, en, zh, extra);
  if (/expir/.test(text)) return e(403, 'CARD_EXPIRED', 'The library card has expired. Please renew it at the desk.', '借书证已过期，请到服务台续办。');
  if (kind !== 'checkin' && (flag(6) || (/overdue/.test(text) && !/renew/.test(text) && kind !== 'renew'))) return e(403, 'CARD_BLOCKED_OVERDUE', 'Items are overdue. Please return them before borrowing more.', '有图书已逾期，请先归还再借。');
  if (kind === 'renew' && /overdue/.test(text)) return e(409, 'OVERDUE_RENEWAL_REFUSED', 'This item is overdue and cannot be renewed. Please return it.', '此书已逾期，不能续借，请归还。');
  if (flag(10) || flag(11) || /fine|fee|owe/.test(text)) return e(403, 'CARD_BLOCKED_FINES', 'Unpaid fines are above the limit. Please pay them at the desk.', '未缴罚款超过上限，请到服务台缴纳。');
  if (/hold|reserv/.test(text)) return e(409, 'ON_HOLD_FOR_ANOTHER', 'This item is reserved for another reader.', '此书已被其他读者预约。');
  if (/not for loan|not circulat|reference|non-circ/.test(text)) return e(403, 'NOT_FOR_LOAN', 'This item is for reading in the library only.', '此书仅供馆内阅览，不外借。');
  if (flag(5) || /too many|limit/.test(text)) {
    return kind === 'renew'
      ? e(403, 'RENEW_LIMIT', 'This item cannot be renewed again.', '此书不能再续借。')
      : e(403, 'LOAN_LIMIT', 'You have reached your loan limit.', '已达到借阅上限。');
  }
  if (/another patron|checked out|charged/.test(text) && kind === 'checkout') return e(409, 'ON_LOAN', 'This item is on loan to someone else and has not been returned.', '此书已被他人借出，尚未归还。');
  if (/not checked out|not on loan/.test(text)) return e(409, kind === 'checkin' ? 'NOT_ON_LOAN' : 'NOT_YOUR_LOAN', 'This item is not on loan to you.', '此书未借给您。');
  if (/invalid item|not found|unknown item/.test(text)) return errors.notFound('The item', '该图书');
  if (flag(0) && kind === 'checkout') return e(403, 'CARD_BLOCKED', 'The library system does not allow this card to borrow now. Please ask staff.', '图书馆系统暂不允许此卡借书，请联系工作人员。');
  const verb = { checkout: ['lend this item', '借出此书'], renew: ['renew this item', '续借此书'], hold: ['reserve this item', '预约此书'], checkin: ['take this item back', '归还此书'] }[kind];
  return e(409, `${kind.toUpperCase()}_REFUSED`, `The library system would not ${verb[0]}${af.length ? `: ${af.join(' ')}` : '.'}`, `图书馆系统拒绝${verb[1]}${af.length ? `：${af.join(' ')}` : '。'}`);
}

/**
 * The SIP2 gateway: the same /api/library/* routes in front of any library system that speaks 3M SIP2 2.00
 * (Koha, Evergreen, FOLIO edge-sip2, …). The library system enforces its own rules; this class asks it,
 * reads its answers field by field and translates its refusals. Nothing is written to our database but
 * sessions, idempotency records and the audit log.
 */
export class Sip2Backend implements LibraryBackend {
  readonly kind = 'sip2' as const;
  readonly transactional = false;
  readonly pool: Sip2Pool;
  private onlineCache: { at: number; value: boolean } | null = null;

  constructor(
    readonly config: Sip2Config,
    readonly log: FastifyBaseLogger,
  ) {
    this.pool = new Sip2Pool({ ...config });
  }

  /** The zone of dates an ACS sends without one (blank ZZZZ). */
  private get localZone(): string {
    return this.config.timeZone;
  }

  private get inst(): string {
    return this.config.institution;
  }

  /** One request; a connection that cannot answer (or keeps answering garbage) is LIBRARY_OFFLINE. */
  private async ask(body: string, expect: string): Promise<ParsedMessage> {
    try {
      return await this.pool.request(body, expect);
    } catch (error) {
      throw this.offline(error);
    }
  }

  private offline(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    this.onlineCache = { at: Date.now(), value: false };
    this.log.warn({ err: error }, 'SIP2: the library system did not answer');
    return libraryOffline();
  }

  async online(): Promise<boolean> {
    if (this.onlineCache && Date.now() - this.onlineCache.at < 2000) return this.onlineCache.value;
    let value = false;
    try {
      value = yes((await this.pool.with((c) => c.status())).fixed.online);
    } catch {
      value = false;
    }
    this.onlineCache = { at: Date.now(), value };
    return value;
  }

  close(): Promise<void> {
    this.pool.close();
    return Promise.resolve();
  }

  private view(m: ParsedMessage, barcode: string): ItemView {
    const title = field(m, 'AJ')?.trim() || barcode;
    return { barcode, isbn: '', title: { 'zh-CN': title, en: title }, author: '', callNumber: field(m, 'CS') ?? '', loanable: true };
  }

  private date(text: string | undefined): string | null {
    if (!text) return null;
    return (parseSipDate(text, this.localZone) ?? parseLooseDate(text, this.localZone))?.toISOString() ?? null;
  }

  private itemInfo(barcode: string, at: Date): Promise<ParsedMessage> {
    return this.ask(requests.itemInformation({ institution: this.inst, item: barcode }, at), '18');
  }

  async signin(_request: FastifyRequest, cardNumber: string, pin: string | null, at: Date): Promise<PatronRef> {
    const m = await this.ask(requests.patronStatus({ institution: this.inst, patron: cardNumber, pin: pin ?? undefined }, at), '24');
    if (!yes(field(m, 'BL'))) throw new ApiError(401, 'CARD_UNKNOWN', 'This library card is not recognised.', '无法识别此借书证。');
    if (pin !== null && !yes(field(m, 'CQ'))) throw new ApiError(401, 'WRONG_PIN', 'The card number or PIN is wrong.', '卡号或密码错误。');
    const info = await this.ask(requests.patronInformation({ institution: this.inst, patron: cardNumber }, at), '64');
    const expires = field(info, 'PA');
    return { id: cardNumber, name: field(m, 'AE') ?? '', expiresOn: (expires && this.date(expires)?.slice(0, 10)) ?? '' };
  }

  async item(barcode: string, at: Date): Promise<unknown> {
    const m = await this.itemInfo(barcode, at);
    if (!field(m, 'AJ') && m.fixed.circulationStatus === '01') throw errors.notFound(`The item with barcode ${barcode}`, `条码为 ${barcode} 的图书`);
    const status = itemStatus(m.fixed.circulationStatus ?? '01');
    return { ...this.view(m, barcode), loanable: status !== 'reference_only', status, dueAt: this.date(field(m, 'AH')), holds: Number(field(m, 'CF') ?? 0) || 0 };
  }

  /** SIP2 has no catalogue search: a query that is an item barcode finds that item, anything else finds nothing. */
  async search(q: string, by: SearchBy, _limit: number, at: Date): Promise<unknown> {
    const barcode = q.trim();
    if (!/^[A-Za-z0-9]{4,32}$/.test(barcode) || by === 'author' || by === 'initials') return { query: q, by, results: [] };
    const m = await this.itemInfo(barcode, at);
    if (!field(m, 'AJ')) return { query: q, by, results: [] };
    const status = m.fixed.circulationStatus ?? '01';
    const v = this.view(m, barcode);
    return { query: q, by, results: [{ isbn: v.isbn, barcode, title: v.title, author: v.author, callNumber: v.callNumber, copies: 1, available: status === '03' ? 1 : 0 }] };
  }

  async account(patronId: string, at: Date): Promise<unknown> {
    const info = (summary: 'hold' | 'charged' | 'fine' | 'unavailable') => this.ask(requests.patronInformation({ institution: this.inst, patron: patronId, summary }, at), '64');
    const charged = await info('charged');
    const ready = await info('hold');
    const waiting = await info('unavailable');
    const fines = await info('fine');
    const barcodeOf = (entry: string) => entry.split(/\s+/)[0] ?? entry;
    const loans = [];
    for (const entry of fieldAll(charged, 'AU')) {
      const barcode = barcodeOf(entry);
      const m = await this.itemInfo(barcode, at);
      const dueAt = this.date(field(m, 'AH')) ?? '';
      loans.push({ ...this.view(m, barcode), dueAt, checkedOutAt: '', renewals: 0, overdue: dueAt !== '' && Date.parse(dueAt) < at.getTime() });
    }
    const holds = [];
    let position = 0;
    for (const [entry, status] of [...fieldAll(ready, 'AS').map((e) => [e, 'ready'] as const), ...fieldAll(waiting, 'CD').map((e) => [e, 'waiting'] as const)]) {
      const barcode = barcodeOf(entry);
      const m = await this.itemInfo(barcode, at);
      position += 1;
      holds.push({ ...this.view(m, barcode), holdId: holdIdOf(barcode), placedAt: '', status, position: status === 'ready' ? 1 : Number(field(m, 'CF') ?? 0) || position, readyUntil: status === 'ready' ? this.date(field(m, 'CM')) : null, shelfBin: null });
    }
    const fineList = fieldAll(fines, 'AV').map((text, i) => ({ id: i + 1, amountCents: parseFeeCents(/^\s*(\d+(?:[.,]\d{1,2})?)/.exec(text)?.[1]) ?? 0, reason: text, createdAt: '' }));
    const expires = field(charged, 'PA');
    const m = messagesOf(charged);
    return {
      patron: { id: patronId, name: field(charged, 'AE') ?? '', cardNumber: patronId, expiresOn: (expires && this.date(expires)?.slice(0, 10)) ?? '', maxLoans: Number(field(charged, 'CB') ?? 0) || 0 },
      loans: loans.sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
      holds,
      fines: fineList,
      finesTotalCents: parseFeeCents(field(charged, 'BV')) ?? fineList.reduce((s, f) => s + f.amountCents, 0),
      fineLimitCents: parseFeeCents(field(charged, 'CC')) ?? 0,
      ...(m.screenMessages ? { screenMessages: m.screenMessages } : {}),
    };
  }

  private async patronFlags(patron: string, at: Date): Promise<string | null> {
    try {
      return (await this.ask(requests.patronStatus({ institution: this.inst, patron }, at), '24')).fixed.patronStatus ?? null;
    } catch {
      return null;
    }
  }

  /** Is the item on this patron's card now? (Patron information, charged items.) */
  private async chargedTo(patron: string, barcode: string, at: Date): Promise<boolean> {
    const m = await this.ask(requests.patronInformation({ institution: this.inst, patron, summary: 'charged' }, at), '64');
    return fieldAll(m, 'AU').some((e) => (e.split(/\s+/)[0] ?? e) === barcode);
  }

  /**
   * Checkout, never twice: the item's state is read first (17); an item already on this patron's card is
   * answered as theirs without sending 11 (many systems would renew it). When the 11's answer is lost
   * (timeout, dropped connection, garbage after the resends) the item is read again before anything is
   * retried: charged to this patron now → the checkout happened; still on the shelf → it did not, and is
   * sent once more; anything else → LIBRARY_OFFLINE, nothing retried.
   */
  async checkout(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult> {
    const before = await this.itemInfo(barcode, w.at);
    if (!field(before, 'AJ') && before.fixed.circulationStatus === '01') throw errors.notFound(`The item with barcode ${barcode}`, `条码为 ${barcode} 的图书`);
    const charged = (m: ParsedMessage) => ['04', '05', '07'].includes(m.fixed.circulationStatus ?? '');
    if (charged(before) && (await this.chargedTo(patronId, barcode, w.at))) {
      return { status: 200, body: { ...this.view(before, barcode), dueAt: this.date(field(before, 'AH')) ?? '', checkedOutAt: '', alreadyYours: true } };
    }
    const send = () => this.pool.request(requests.checkout({ institution: this.inst, patron: patronId, item: barcode }, w.at), '12');
    let answer: ParsedMessage;
    try {
      answer = await send();
    } catch (lost) {
      if (!(lost instanceof Sip2Error)) throw lost;
      this.log.warn({ err: lost, barcode }, 'SIP2: checkout answer lost; checking the item before any retry');
      let after: ParsedMessage;
      try {
        after = await this.pool.request(requests.itemInformation({ institution: this.inst, item: barcode }, new Date()), '18');
      } catch (error) {
        throw this.offline(error);
      }
      if (charged(after) && (await this.chargedTo(patronId, barcode, w.at))) {
        return { status: 201, body: { ...this.view(after, barcode), dueAt: this.date(field(after, 'AH')) ?? '', checkedOutAt: w.at.toISOString(), alreadyYours: false } };
      }
      if (after.fixed.circulationStatus !== before.fixed.circulationStatus || charged(after)) throw this.offline(lost);
      try {
        answer = await send();
      } catch (error) {
        throw this.offline(error);
      }
    }
    if (answer.fixed.ok !== '1') throw refusalFrom('checkout', fieldAll(answer, 'AF'), await this.patronFlags(patronId, w.at));
    return {
      status: yes(answer.fixed.renewalOk) ? 200 : 201,
      body: { ...this.view(answer, barcode), dueAt: this.date(field(answer, 'AH')) ?? '', checkedOutAt: w.at.toISOString(), alreadyYours: yes(answer.fixed.renewalOk), ...messagesOf(answer) },
    };
  }

  async checkin(w: WriteCtx, barcode: string): Promise<WriteResult> {
    const m = await this.ask(requests.checkin({ institution: this.inst, item: barcode, location: this.config.location }, w.at), '10');
    if (m.fixed.ok !== '1') throw refusalFrom('checkin', fieldAll(m, 'AF'), null);
    const bin = field(m, 'CL')?.trim();
    // Alert with type 01/02 (hold here / hold at another branch) or a sort bin: the item is wanted by someone.
    const held = Boolean(bin) || (yes(m.fixed.alert) && ['01', '02'].includes(field(m, 'CV') ?? ''));
    const title = field(m, 'AJ')?.trim() ? m : await this.itemInfo(barcode, w.at).catch(() => m);
    return {
      status: 200,
      body: { ...this.view(title, barcode), returnedAt: w.at.toISOString(), fineCents: parseFeeCents(field(m, 'BV')) ?? 0, heldForNextReader: held, holdShelf: held ? { bin: bin || 'HOLD' } : null, ...messagesOf(m) },
    };
  }

  async renew(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult> {
    const m = await this.ask(requests.renew({ institution: this.inst, patron: patronId, item: barcode }, w.at), '30');
    if (m.fixed.ok !== '1') throw refusalFrom('renew', fieldAll(m, 'AF'), await this.patronFlags(patronId, w.at));
    return { status: 200, body: { ...this.view(m, barcode), dueAt: this.date(field(m, 'AH')) ?? '', renewals: 0, fineCents: parseFeeCents(field(m, 'BV')) ?? 0, ...messagesOf(m) } };
  }

  async renewAll(w: WriteCtx, patronId: string): Promise<WriteResult> {
    const m = await this.ask(requests.renewAll({ institution: this.inst, patron: patronId }, w.at), '66');
    const results = [];
    for (const [entry, ok] of [...fieldAll(m, 'BM').map((e) => [e, true] as const), ...fieldAll(m, 'BN').map((e) => [e, false] as const)]) {
      const barcode = entry.split(/\s+/)[0] ?? entry;
      const info = await this.itemInfo(barcode, w.at);
      const title = this.view(info, barcode).title;
      if (ok) results.push({ barcode, title, ok: true, dueAt: this.date(field(info, 'AH')) ?? '' });
      else results.push({ barcode, title, ok: false, code: 'RENEW_REFUSED', reasons: { 'zh-CN': '图书馆系统拒绝续借此书。', en: 'The library system would not renew this item.' } });
    }
    const msg = messagesOf(m);
    return { status: 200, body: { results, ...(msg.screenMessages ? { screenMessages: msg.screenMessages } : {}) } };
  }

  async placeHold(w: WriteCtx, patronId: string, barcode: string): Promise<WriteResult> {
    const info = await this.itemInfo(barcode, w.at);
    if (!field(info, 'AJ') && info.fixed.circulationStatus === '01') throw errors.notFound(`The item with barcode ${barcode}`, `条码为 ${barcode} 的图书`);
    // Only items that are out: the same rule as the own catalogue, before the library system is asked.
    if (info.fixed.circulationStatus === '03') {
      const shelf = field(info, 'CS') ?? field(info, 'AQ') ?? '';
      throw new ApiError(409, 'ITEM_AVAILABLE', `This item is on the shelf: take it from shelf ${shelf}.`, `此书在架上，请到书架 ${shelf} 取书。`, { details: { callNumber: shelf } });
    }
    const m = await this.ask(requests.hold({ institution: this.inst, patron: patronId, item: barcode, mode: '+', pickup: this.config.location || undefined }, w.at), '16');
    if (m.fixed.ok !== '1') {
      const af = fieldAll(m, 'AF');
      if (/already/i.test(af.join(' '))) throw new ApiError(409, 'HOLD_EXISTS', 'You already reserved this item.', '您已预约过此书。', { screenMessages: af });
      throw refusalFrom('hold', af, await this.patronFlags(patronId, w.at));
    }
    return { status: 201, body: { ...this.view(info, barcode), holdId: holdIdOf(barcode), status: yes(m.fixed.available) ? 'ready' : 'waiting', placedAt: w.at.toISOString(), position: Number(field(m, 'BR') ?? 1) || 1, ...messagesOf(m) } };
  }

  async cancelHold(w: WriteCtx, patronId: string, holdId: number): Promise<void> {
    const lists = await Promise.all((['hold', 'unavailable'] as const).map((summary) => this.ask(requests.patronInformation({ institution: this.inst, patron: patronId, summary }, w.at), '64')));
    const barcode = lists.flatMap((m) => [...fieldAll(m, 'AS'), ...fieldAll(m, 'CD')]).map((e) => e.split(/\s+/)[0] ?? e).find((b) => holdIdOf(b) === holdId);
    // Gone already (cancelled before, or never this patron's): the same 204 as the own catalogue gives a second cancel.
    if (!barcode) return;
    const m = await this.ask(requests.hold({ institution: this.inst, patron: patronId, item: barcode, mode: '-' }, w.at), '16');
    if (m.fixed.ok !== '1') throw refusalFrom('hold', fieldAll(m, 'AF'), null);
  }

  /** Ends the patron's session on the ACS (35/36), for systems that keep one. */
  async endSession(patronId: string, at: Date): Promise<boolean> {
    const m = await this.ask(requests.endSession({ institution: this.inst, patron: patronId }, at), '36');
    return yes(m.fixed.endSession);
  }

  finePaid(): Promise<WriteResult> {
    return Promise.reject(new ApiError(409, 'NOT_SUPPORTED', 'Fines are paid in the library system itself when the kiosk uses SIP2.', '使用 SIP2 时，罚款请在图书馆系统中处理。'));
  }
}
