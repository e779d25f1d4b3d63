/**
 * An in-memory library that follows CONTRACT C (codes, reasons, holds,
 * renewals, the hold shelf): the stories and component tests run against it
 * with no server. Not for production: it keeps everything in memory.
 */
import { ApiError } from '@civic-kiosk/core';
import type {
  Account,
  CheckinAnswer,
  CheckoutAnswer,
  HoldAnswer,
  ItemView,
  LibrarySource,
  LibraryStatus,
  Localized,
  PatronSource,
  RenewAllAnswer,
  RenewAnswer,
  SearchAnswer,
  SearchBy,
  WriteOptions,
} from './types.js';

const DAY = 86_400_000;

export interface DemoItem extends ItemView {
  /** Pinyin initials of the Chinese title, for `hlm` → 红楼梦. */
  initials: string;
}

export interface DemoPatron {
  id: string;
  cardNumber: string;
  pin: string;
  name: string;
  expiresOn: string;
  maxLoans: number;
}

interface DemoLoan {
  barcode: string;
  patronId: string;
  checkedOutAt: string;
  dueAt: string;
  renewals: number;
}

interface DemoHold {
  holdId: number;
  barcode: string;
  patronId: string;
  placedAt: string;
  status: 'waiting' | 'ready';
  readyUntil: string | null;
}

interface DemoFine {
  id: number;
  patronId: string;
  amountCents: number;
  reason: string;
  createdAt: string;
}

export interface DemoOptions {
  now?: Date;
  /** Every call answers 503 LIBRARY_OFFLINE (the SIP2 library system does not answer). */
  offline?: boolean;
  scanAloneSignin?: boolean;
  /** `false`: answer as our server does to a website without a device credential (catalogue only). */
  kiosk?: boolean;
  backend?: LibraryStatus['backend'];
  /** Milliseconds each call takes (stories show the "checking…" rows with it). */
  delayMs?: number;
  /** The next n writes lose their answer after being done (as a dropped connection does): tests the retry. */
  loseAnswers?: number;
  fineLimitCents?: number;
  holdLimit?: number;
}

const refuse = (status: number, code: string, en: string, zh: string, details?: Record<string, unknown>) =>
  new ApiError(status, code, { code, message: en, reasons: { 'zh-CN': zh, en }, ...(details ? { details } : {}) });

const BOOKS: [string, string, string, string, string][] = [
  ['红楼梦', 'Dream of the Red Chamber', '曹雪芹 Cao Xueqin', 'hlm', '9787020002207'],
  ['西游记', 'Journey to the West', "吴承恩 Wu Cheng'en", 'xyj', '9787020008728'],
  ['三国演义', 'Romance of the Three Kingdoms', '罗贯中 Luo Guanzhong', 'sgyy', '9787020008735'],
  ['活着', 'To Live', '余华 Yu Hua', 'hz', '9787506365437'],
  ['平凡的世界', 'Ordinary World', '路遥 Lu Yao', 'pfdsj', '9787530212004'],
  ['三体', 'The Three-Body Problem', '刘慈欣 Liu Cixin', 'st', '9787536692930'],
  ['茶叶种植技术', 'Tea Growing Techniques', '浙江农科院 Zhejiang Academy of Agricultural Sciences', 'cyzzjs', '9787109123458'],
  ['老年人防诈骗指南', 'Avoiding Scams: A Guide for Seniors', '公安部 Ministry of Public Security', 'lnrfzpzn', '9787565312345'],
];

/** Three copies of each title: CK000101…; the third copy of each stays in the reading room. */
export function demoItems(): DemoItem[] {
  return BOOKS.flatMap(([zh, en, author, initials, isbn], t) =>
    [1, 2, 3].map((copy) => ({
      barcode: `CK${String((t + 1) * 100 + copy).padStart(6, '0')}`,
      isbn,
      title: { 'zh-CN': zh, en },
      author,
      callNumber: `I${200 + t}/${copy}`,
      loanable: copy !== 3,
      initials,
    })),
  );
}

/** The demo patrons, one per situation (PIN 123456). */
export const DEMO_CARDS = {
  good: 'LIB00001',
  overdue: 'LIB00002',
  expired: 'LIB00003',
  fines: 'LIB00004',
  full: 'LIB00005',
} as const;

const pause = (ms: number, signal?: AbortSignal) =>
  ms > 0
    ? new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new ApiError(0, 'ABORTED'))), { once: true });
      })
    : Promise.resolve();

export class DemoLibrary implements LibrarySource {
  readonly items = new Map<string, DemoItem>();
  readonly patrons: DemoPatron[];
  loans: DemoLoan[] = [];
  holds: DemoHold[] = [];
  fines: DemoFine[] = [];
  /** Every write's idempotency key with its answer: a retry gets the first answer, never a second write. */
  readonly #done = new Map<string, unknown>();
  #holdIds = 100;
  readonly options: Required<Omit<DemoOptions, 'now'>>;
  readonly now: Date;
  /** How many writes reached the library (a retried one counts once). */
  writes = 0;
  /** A fine each renewal reports (as a server with LIBRARY_OVERDUE_RENEWAL=charge does for an overdue loan). */
  renewFineCents = 0;

  constructor(options: DemoOptions = {}) {
    this.now = options.now ?? new Date('2025-05-06T10:30:00+08:00');
    this.options = {
      offline: false,
      scanAloneSignin: false,
      kiosk: true,
      backend: 'catalogue',
      delayMs: 0,
      loseAnswers: 0,
      fineLimitCents: 1000,
      holdLimit: 3,
      ...options,
    };
    for (const item of demoItems()) this.items.set(item.barcode, item);
    const at = (days: number) => new Date(this.now.getTime() + days * DAY).toISOString();
    const patron = (n: number, name: string, expiresInDays: number, maxLoans = 5): DemoPatron => ({
      id: `patron-${n}`,
      cardNumber: `LIB${String(n).padStart(5, '0')}`,
      pin: '123456',
      name,
      expiresOn: at(expiresInDays).slice(0, 10),
      maxLoans,
    });
    this.patrons = [patron(1, '王晓明', 365), patron(2, '李丽娟', 300), patron(3, '张子轩', -10), patron(4, '刘雨桐', 200), patron(5, '陈建军', 300, 2), patron(6, '杨淑芬', 300)];
    const loan = (barcode: string, patronId: string, outDaysAgo: number, renewals = 0) =>
      this.loans.push({ barcode, patronId, checkedOutAt: at(-outDaysAgo), dueAt: at(30 - outDaysAgo), renewals });
    loan('CK000101', 'patron-1', 5);
    loan('CK000401', 'patron-1', 25, 1);
    loan('CK000201', 'patron-2', 45);
    loan('CK000301', 'patron-5', 3);
    loan('CK000302', 'patron-5', 4);
    loan('CK000601', 'patron-6', 10);
    loan('CK000602', 'patron-6', 12);
    // On the shelf but reserved for patron 6; and patron 1's hold ready at the desk.
    this.holds.push({ holdId: 1, barcode: 'CK000501', patronId: 'patron-6', placedAt: at(-2), status: 'ready', readyUntil: at(5) });
    this.holds.push({ holdId: 2, barcode: 'CK000502', patronId: 'patron-1', placedAt: at(-3), status: 'ready', readyUntil: at(4) });
    this.holds.push({ holdId: 3, barcode: 'CK000601', patronId: 'patron-1', placedAt: at(-1), status: 'waiting', readyUntil: null });
    this.fines.push({ id: 1, patronId: 'patron-4', amountCents: 1250, reason: '逾期归还《活着》 Late return of "To Live"', createdAt: at(-20) });
    // Patron 2 (overdue) also waits for a copy that is out, and owes a little.
    this.holds.push({ holdId: 4, barcode: 'CK000302', patronId: 'patron-2', placedAt: at(-6), status: 'waiting', readyUntil: null });
    this.fines.push({ id: 3, patronId: 'patron-2', amountCents: 80, reason: '逾期归还《围城》 Late return of "Fortress Besieged"', createdAt: at(-30) });
    this.fines.push({ id: 2, patronId: 'patron-1', amountCents: 30, reason: '逾期归还《三体》 Late return of "The Three-Body Problem"', createdAt: at(-40) });
  }

  async status(signal?: AbortSignal): Promise<LibraryStatus> {
    await this.#enter(signal);
    return { backend: this.options.backend, online: true, scanAloneSignin: this.options.scanAloneSignin, kiosk: this.options.kiosk };
  }

  async signIn(cardNumber: string, pin: string | undefined, signal?: AbortSignal) {
    await this.#enter(signal);
    const patron = this.patrons.find((p) => p.cardNumber === cardNumber.toUpperCase());
    if (pin === undefined && !this.options.scanAloneSignin) throw refuse(422, 'PIN_REQUIRED', 'Please enter your PIN.', '请输入密码。');
    if (!patron || (pin !== undefined && pin !== patron.pin)) throw refuse(401, 'WRONG_PIN', 'The card number or PIN is not right.', '卡号或密码不正确。', { attemptsLeft: 4 });
    const answer = { token: '', expiresAt: new Date(this.now.getTime() + 15 * 60_000).toISOString(), sessionId: `s-${patron.id}`, patron: { id: patron.id, name: patron.name, expiresOn: patron.expiresOn } };
    return { answer, patron: new DemoPatronSource(this, patron) };
  }

  async checkin(barcode: string, options: WriteOptions): Promise<CheckinAnswer> {
    return this.write(options, () => {
      const item = this.find(barcode);
      const loan = this.loans.find((l) => l.barcode === barcode);
      if (!loan) throw refuse(409, 'NOT_ON_LOAN', 'This item is not on loan.', '此书未被借出。');
      this.loans = this.loans.filter((l) => l !== loan);
      const daysLate = Math.floor((this.now.getTime() - Date.parse(loan.dueAt)) / DAY);
      const fineCents = daysLate > 0 ? daysLate * 10 : 0;
      if (fineCents) this.fines.push({ id: this.fines.length + 1, patronId: loan.patronId, amountCents: fineCents, reason: `逾期归还《${item.title['zh-CN']}》 Late return of "${item.title.en}"`, createdAt: this.now.toISOString() });
      const next = this.holds.find((h) => h.barcode === barcode && h.status === 'waiting');
      if (next) Object.assign(next, { status: 'ready', readyUntil: new Date(this.now.getTime() + 7 * DAY).toISOString() });
      return { ...view(item), returnedAt: this.now.toISOString(), fineCents, heldForNextReader: !!next, holdShelf: next ? { bin: `H-${String(next.holdId % 10).padStart(2, '0')}` } : null };
    });
  }

  async search(q: string, by: SearchBy, signal?: AbortSignal): Promise<SearchAnswer> {
    await this.#enter(signal);
    const needle = q.trim().toLowerCase();
    const digits = q.replace(/[^0-9Xx]/g, '');
    const byIsbn = new Map<string, DemoItem[]>();
    for (const item of this.items.values()) {
      const hit =
        ((by === 'any' || by === 'title') && (item.title['zh-CN'].includes(q.trim()) || item.title.en.toLowerCase().includes(needle))) ||
        ((by === 'any' || by === 'author') && item.author.toLowerCase().includes(needle)) ||
        ((by === 'any' || by === 'isbn') && digits.length >= 3 && item.isbn.includes(digits)) ||
        ((by === 'any' || by === 'initials') && item.initials.startsWith(needle));
      if (hit) byIsbn.set(item.isbn, [...(byIsbn.get(item.isbn) ?? []), item]);
    }
    const results = [...byIsbn.values()].map((copies) => {
      const first = copies[0]!;
      const available = copies.filter((c) => c.loanable && !this.loans.some((l) => l.barcode === c.barcode) && !this.holds.some((h) => h.barcode === c.barcode)).length;
      // Reserving picks a copy that is out (a hold on a copy on the shelf is refused).
      const out = copies.find((c) => c.loanable && this.loans.some((l) => l.barcode === c.barcode));
      return { isbn: first.isbn, barcode: (out ?? first).barcode, title: first.title, author: first.author, copies: copies.length, available, callNumber: first.callNumber.replace(/\/\d+$/, '') };
    });
    return { query: q, by, results };
  }

  async item(barcode: string, signal?: AbortSignal): Promise<ItemView> {
    await this.#enter(signal);
    return view(this.find(barcode));
  }

  find(barcode: string): DemoItem {
    const item = this.items.get(barcode);
    if (!item) throw refuse(404, 'NOT_FOUND', `The item with barcode ${barcode} was not found.`, `未找到条码为 ${barcode} 的图书。`);
    return item;
  }

  /** One write: done once per idempotency key; a retry with the same key gets the same answer. */
  async write<T>(options: WriteOptions, run: () => T): Promise<T> {
    await this.#enter(options.signal);
    let answer: T | ApiError;
    if (this.#done.has(options.idempotencyKey)) answer = this.#done.get(options.idempotencyKey) as T | ApiError;
    else {
      this.writes++;
      try {
        answer = run();
      } catch (error) {
        answer = error as ApiError;
      }
      this.#done.set(options.idempotencyKey, answer);
    }
    if (this.options.loseAnswers > 0) {
      this.options.loseAnswers--;
      throw new ApiError(0, 'NETWORK', { message: 'connection lost (demo)' });
    }
    if (answer instanceof ApiError) throw answer;
    return answer;
  }

  async #enter(signal?: AbortSignal): Promise<void> {
    await pause(this.options.delayMs, signal);
    if (this.options.offline) throw refuse(503, 'LIBRARY_OFFLINE', 'The library system is not answering.', '图书馆系统暂时无法连接。');
  }

  nextHoldId(): number {
    return ++this.#holdIds;
  }
}

const view = (item: DemoItem): ItemView => ({ barcode: item.barcode, isbn: item.isbn, title: item.title, author: item.author, callNumber: item.callNumber, loanable: item.loanable });
const yuan = (cents: number) => (cents / 100).toFixed(2);

class DemoPatronSource implements PatronSource {
  constructor(
    readonly library: DemoLibrary,
    readonly patron: DemoPatron,
  ) {}

  #standing(): ApiError | undefined {
    const { library: lib, patron } = this;
    const now = lib.now;
    if (Date.parse(`${patron.expiresOn}T23:59:59Z`) < now.getTime()) {
      return refuse(403, 'CARD_EXPIRED', `The library card expired on ${patron.expiresOn}.`, `借书证已于 ${patron.expiresOn} 过期。`, { expiresOn: patron.expiresOn });
    }
    const overdue = lib.loans.filter((l) => l.patronId === patron.id && Date.parse(l.dueAt) < now.getTime()).length;
    if (overdue) return refuse(403, 'CARD_BLOCKED_OVERDUE', `${overdue} item(s) are overdue.`, `有 ${overdue} 本书已逾期。`, { overdue });
    const fines = this.#finesCents();
    if (fines > lib.options.fineLimitCents) {
      return refuse(403, 'CARD_BLOCKED_FINES', `Unpaid fines of ¥${yuan(fines)} are above the ¥${yuan(lib.options.fineLimitCents)} limit.`, `未缴罚款 ¥${yuan(fines)}，超过 ¥${yuan(lib.options.fineLimitCents)} 的上限。`, {
        finesTotalCents: fines,
        fineLimitCents: lib.options.fineLimitCents,
      });
    }
    return undefined;
  }

  #finesCents(): number {
    return this.library.fines.filter((f) => f.patronId === this.patron.id).reduce((sum, f) => sum + f.amountCents, 0);
  }

  async account(): Promise<Account> {
    const { library: lib, patron } = this;
    await lib.status();
    const now = lib.now.getTime();
    const fines = lib.fines.filter((f) => f.patronId === patron.id).map(({ patronId: _p, ...fine }) => fine);
    return {
      patron: { id: patron.id, name: patron.name, cardNumber: patron.cardNumber, expiresOn: patron.expiresOn, maxLoans: patron.maxLoans },
      loans: lib.loans
        .filter((l) => l.patronId === patron.id)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .map((l) => ({ ...view(lib.find(l.barcode)), dueAt: l.dueAt, checkedOutAt: l.checkedOutAt, renewals: l.renewals, overdue: Date.parse(l.dueAt) < now })),
      holds: lib.holds
        .filter((h) => h.patronId === patron.id)
        .map((h) => ({ ...view(lib.find(h.barcode)), holdId: h.holdId, placedAt: h.placedAt, status: h.status, readyUntil: h.readyUntil, position: lib.holds.filter((o) => o.barcode === h.barcode && o.holdId <= h.holdId).length })),
      fines,
      finesTotalCents: fines.reduce((sum, f) => sum + f.amountCents, 0),
      fineLimitCents: lib.options.fineLimitCents,
    };
  }

  checkout(barcode: string, options: WriteOptions): Promise<CheckoutAnswer> {
    const { library: lib, patron } = this;
    return lib.write(options, () => {
      const item = lib.find(barcode);
      const mine = lib.loans.find((l) => l.barcode === barcode && l.patronId === patron.id);
      if (mine) return { ...view(item), dueAt: mine.dueAt, checkedOutAt: mine.checkedOutAt, alreadyYours: true };
      const standing = this.#standing();
      if (standing) throw standing;
      if (!item.loanable) throw refuse(403, 'NOT_FOR_LOAN', 'This item is for reading in the library only.', '此书仅供馆内阅览，不外借。');
      if (lib.loans.some((l) => l.barcode === barcode)) throw refuse(409, 'ON_LOAN', 'This item is on loan to someone else.', '此书已被他人借出。');
      const hold = lib.holds.find((h) => h.barcode === barcode);
      if (hold && hold.patronId !== patron.id) throw refuse(403, 'ON_HOLD_FOR_ANOTHER', 'This item is reserved for another reader.', '此书已被其他读者预约。');
      const open = lib.loans.filter((l) => l.patronId === patron.id).length;
      if (open >= patron.maxLoans) throw refuse(403, 'LOAN_LIMIT', `You have reached your limit of ${patron.maxLoans} loans.`, `已达到 ${patron.maxLoans} 本的借阅上限。`, { limit: patron.maxLoans });
      if (hold) lib.holds = lib.holds.filter((h) => h !== hold);
      const loan = { barcode, patronId: patron.id, checkedOutAt: lib.now.toISOString(), dueAt: new Date(lib.now.getTime() + 30 * DAY).toISOString(), renewals: 0 };
      lib.loans.push(loan);
      return { ...view(item), dueAt: loan.dueAt, checkedOutAt: loan.checkedOutAt };
    });
  }

  #renewOne(barcode: string): RenewAnswer {
    const { library: lib, patron } = this;
    const item = lib.find(barcode);
    const loan = lib.loans.find((l) => l.barcode === barcode && l.patronId === patron.id);
    if (!loan) throw refuse(409, 'NOT_YOUR_LOAN', 'You do not have this item on loan.', '您没有借这本书。');
    if (Date.parse(loan.dueAt) < lib.now.getTime()) throw refuse(409, 'OVERDUE_RENEWAL_REFUSED', 'An overdue item cannot be renewed. Please return it.', '已逾期的图书不能续借，请归还。');
    if (lib.holds.some((h) => h.barcode === barcode && h.patronId !== patron.id)) throw refuse(403, 'ON_HOLD_FOR_ANOTHER', 'Another reader is waiting for this item.', '其他读者正在预约此书，无法续借。');
    if (loan.renewals >= 2) throw refuse(403, 'RENEW_LIMIT', 'This item has already been renewed 2 times.', '此书已续借 2 次，不能再续。', { limit: 2 });
    loan.renewals++;
    loan.dueAt = new Date(Math.max(lib.now.getTime(), Date.parse(loan.dueAt)) + 30 * DAY).toISOString();
    return { ...view(item), dueAt: loan.dueAt, renewals: loan.renewals, ...(lib.renewFineCents ? { fineCents: lib.renewFineCents } : {}) };
  }

  renew(barcode: string, options: WriteOptions): Promise<RenewAnswer> {
    return this.library.write(options, () => this.#renewOne(barcode));
  }

  renewAll(options: WriteOptions): Promise<RenewAllAnswer> {
    const { library: lib, patron } = this;
    return lib.write(options, () => ({
      results: lib.loans
        .filter((l) => l.patronId === patron.id)
        .map((l) => {
          const title: Localized = lib.find(l.barcode).title;
          try {
            return { barcode: l.barcode, title, ok: true, dueAt: this.#renewOne(l.barcode).dueAt };
          } catch (error) {
            const e = error as ApiError;
            return { barcode: l.barcode, title, ok: false, code: e.code, reasons: e.reasons };
          }
        }),
    }));
  }

  hold(barcode: string, options: WriteOptions): Promise<HoldAnswer> {
    const { library: lib, patron } = this;
    return lib.write(options, () => {
      const item = lib.find(barcode);
      const standing = this.#standing();
      if (standing) throw standing;
      if (!item.loanable) throw refuse(403, 'NOT_FOR_LOAN', 'This item is for reading in the library only.', '此书仅供馆内阅览，不外借。');
      if (!lib.loans.some((l) => l.barcode === barcode)) {
        throw refuse(409, 'ITEM_AVAILABLE', `It is on the shelf: take it from shelf ${item.callNumber}.`, `此书在架上，请到书架 ${item.callNumber} 取书。`, { callNumber: item.callNumber });
      }
      if (lib.holds.some((h) => h.barcode === barcode && h.patronId === patron.id)) throw refuse(409, 'HOLD_EXISTS', 'You already reserved this item.', '您已预约过此书。');
      if (lib.holds.filter((h) => h.patronId === patron.id).length >= lib.options.holdLimit) {
        throw refuse(409, 'HOLD_LIMIT', `You can reserve at most ${lib.options.holdLimit} items.`, `最多可预约 ${lib.options.holdLimit} 本。`, { limit: lib.options.holdLimit });
      }
      const hold: DemoHold = { holdId: lib.nextHoldId(), barcode, patronId: patron.id, placedAt: lib.now.toISOString(), status: 'waiting', readyUntil: null };
      lib.holds.push(hold);
      return { ...view(item), placedAt: hold.placedAt, holdId: hold.holdId, position: lib.holds.filter((h) => h.barcode === barcode).length };
    });
  }

  async cancelHold(holdId: number, options: WriteOptions): Promise<void> {
    const { library: lib, patron } = this;
    await lib.write(options, () => {
      const hold = lib.holds.find((h) => h.holdId === holdId && h.patronId === patron.id);
      if (!hold) throw refuse(404, 'NOT_FOUND', 'This hold was not found.', '未找到此预约。');
      lib.holds = lib.holds.filter((h) => h !== hold);
    });
  }

  async signOut(): Promise<void> {}
}
