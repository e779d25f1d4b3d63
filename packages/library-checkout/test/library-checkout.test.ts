import { expect, fixture, html } from '@open-wc/testing';
import { createSession, provideSession, setLocale } from '@civic-kiosk/core';
import { personalTraces, warningsOf } from '@civic-kiosk/core/testing';
import '@civic-kiosk/ui/define.js';
import '../src/define.js';
import { DemoLibrary } from '../src/demo.js';
import type { CheckinDetail, CheckoutDetail, HoldDetail, LibraryCheckout, RenewDetail } from '../src/library-checkout.js';
import type { LibrarySource } from '../src/types.js';
import { writeQueue } from '@civic-kiosk/core/offline-queue.js';
import { PENDING_RETRY_DELAYS } from '../src/offline.js';
import { $, $$, cuttable, keypad, rows, scan, serverFetch, tap, text, until } from './helpers.js';

async function checkout(source: LibrarySource = new DemoLibrary(), attrs: { receipt?: string } = {}) {
  const el = await fixture<LibraryCheckout>(html`<ck-library-checkout .source=${source} receipt=${attrs.receipt ?? 'qr'} card-prefix="LIB"></ck-library-checkout>`);
  await el.taskComplete;
  return el;
}

async function signIn(el: LibraryCheckout, card = 'LIB00001', pin = '123456') {
  await scan(card);
  await el.updateComplete;
  expect(el.screen).to.equal('pin');
  await keypad(el, pin);
  await until(() => el.screen === 'borrow' || !!$(el, '[part~="notice"]'), 'sign-in');
  await el.updateComplete;
}

const settled = (el: LibraryCheckout) => until(() => !rows(el).some((r) => r.state === 'checking'), 'rows settled').then(() => el.updateComplete);

describe('ck-library-checkout', () => {
  before(() => setLocale('en'));
  after(() => setLocale('zh-CN'));

  it('starts signed out: scan the card to borrow, or return, or search', async () => {
    const el = await checkout();
    expect(el.screen).to.equal('start');
    expect(text(el)).to.contain('To borrow, scan your library card').and.contain('Return books (no card needed)').and.contain('Search the catalogue');
    await expect(el).to.be.accessible();
  });

  it('signs in with a card scan and the PIN (the PIN is required by default)', async () => {
    const el = await checkout();
    await signIn(el);
    expect(el.screen).to.equal('borrow');
    expect(el.signedIn).to.equal(true);
    expect(text(el)).to.contain('Signed in: 王晓明').and.contain('Scan the library label of each book');
    await expect(el).to.be.accessible();
  });

  it('signs in by typing the card digits on the keypad (the card prefix is put back)', async () => {
    const el = await checkout();
    tap(el, '[data-action="card"]');
    await el.updateComplete;
    await keypad(el, '00001');
    await el.updateComplete;
    expect(el.screen).to.equal('pin');
    await keypad(el, '123456');
    await until(() => el.screen === 'borrow');
  });

  it('signs in with the scan alone when the library allows it', async () => {
    const el = await checkout(new DemoLibrary({ scanAloneSignin: true }));
    await scan('LIB00001');
    await until(() => el.screen === 'borrow');
  });

  it('says why a wrong PIN fails and what to do', async () => {
    const el = await checkout();
    await signIn(el, 'LIB00001', '999999');
    expect(el.screen).to.equal('pin');
    expect($(el, '[part~="notice"]')!.textContent).to.contain('The card number or PIN is not right').and.contain('Check the card number and PIN');
    await expect(el).to.be.accessible();
  });

  it('borrows item after item: each row at once ("checking…"), then title, author and due date, or the exact reason and what to do', async () => {
    const library = new DemoLibrary({ delayMs: 150 });
    const el = await checkout(library);
    await signIn(el);
    const events: CheckoutDetail[] = [];
    el.addEventListener('ck-checkout', (e) => events.push(e.detail));
    await scan('CK000202');
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([{ barcode: 'CK000202', state: 'checking', text: '? CK000202 Checking… …' }]);
    await scan('CK000103'); // the reading-room copy
    await scan('CK000501'); // on the shelf, reserved for another reader
    await settled(el);
    const [held, reference, borrowed] = rows(el);
    expect(borrowed!.state).to.equal('done');
    expect(borrowed!.text).to.contain('Journey to the West').and.contain("Wu Cheng'en").and.contain('Borrowed · Due June 5, 2025');
    expect($$(el, '[part~="cover"]')).to.have.length(3);
    await until(() => rows(el)[1]!.text.includes('Dream of the Red Chamber'), 'the refused item described');
    expect(rows(el)[1]!.text).to.contain('曹雪芹');
    expect(reference!.text).to.contain('Not lent').and.contain('for reading in the library only').and.contain('Read it here in the library');
    expect(held!.text).to.contain('reserved for another reader').and.contain('you can reserve it from the catalogue');
    expect(events).to.deep.equal([{ outcome: 'borrowed' }, { outcome: 'refused', code: 'NOT_FOR_LOAN' }, { outcome: 'refused', code: 'ON_HOLD_FOR_ANOTHER' }]);
    await expect(el).to.be.accessible();
  });

  it('never borrows twice: a double scan in flight is ignored, a later one is "already on your card"', async () => {
    const library = new DemoLibrary({ delayMs: 200 });
    const el = await checkout(library);
    await signIn(el);
    await scan('CK000202');
    await scan('CK000202');
    await settled(el);
    expect(rows(el)).to.have.length(1);
    expect(library.writes).to.equal(1);
    await scan('CK000202');
    await settled(el);
    expect(rows(el)[0]!.text).to.contain('Already on your card');
    expect(library.loans.filter((l) => l.barcode === 'CK000202')).to.have.length(1);
  });

  it('a lost answer is retried with the same idempotency key: done once, and the screen says so', async () => {
    const library = new DemoLibrary({ loseAnswers: 1 });
    const seen: { method: string; path: string; headers: Record<string, string> }[] = [];
    const host = document.createElement('div');
    provideSession(host, createSession({ api: '/api', fetch: serverFetch(library, seen) }));
    const el = await fixture<LibraryCheckout>(html`<ck-library-checkout></ck-library-checkout>`, { parentNode: host });
    await el.taskComplete;
    await signIn(el);
    await scan('CK000202');
    await until(() => rows(el)[0]?.state === 'done', 'borrowed', 8000);
    const keys = seen.filter((r) => r.path === '/library/checkout').map((r) => r.headers['idempotency-key']);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(library.writes).to.equal(1);
    expect(seen.find((r) => r.path === '/library/checkout')!.headers['authorization']).to.match(/^Bearer tok-/);
  });

  it('an answer lost for good (network cut after the server lent it): kept in memory, asked again with the same key when the network is back — one loan', async () => {
    const library = new DemoLibrary({ loseAnswers: 5 });
    const seen: { method: string; path: string; headers: Record<string, string> }[] = [];
    const host = document.createElement('div');
    provideSession(host, createSession({ api: '/api', fetch: serverFetch(library, seen) }));
    const el = await fixture<LibraryCheckout>(html`<ck-library-checkout></ck-library-checkout>`, { parentNode: host });
    await el.taskComplete;
    library.options.loseAnswers = 0;
    await signIn(el);
    library.options.loseAnswers = 5;
    const events: CheckoutDetail[] = [];
    el.addEventListener('ck-checkout', (e) => events.push(e.detail));
    await scan('CK000202');
    await until(() => rows(el)[0]?.state === 'unconfirmed', 'unconfirmed', 8000);
    await el.updateComplete;
    expect(rows(el)[0]!.text).to.contain('Not done: no answer from the library').and.contain('asks again by itself when the network is back');
    library.options.loseAnswers = 0;
    window.dispatchEvent(new Event('online'));
    await until(() => rows(el)[0]?.state === 'done', 'borrowed after the network came back', 8000);
    await el.updateComplete;
    expect(text(el)).to.contain('The network is back').and.contain('is now borrowed (once)');
    const keys = new Set(seen.filter((r) => r.path === '/library/checkout').map((r) => r.headers['idempotency-key']));
    expect(keys.size).to.equal(1);
    expect(library.writes).to.equal(1);
    expect(library.loans.filter((l) => l.barcode === 'CK000202')).to.have.length(1);
    expect(events.map((e) => e.outcome)).to.deep.equal(['unconfirmed', 'borrowed']);
    await expect(el).to.be.accessible();
  });

  it('a checkout cut before it reached the server is asked again on a timer (no online event): lent once', async () => {
    const library = new DemoLibrary();
    const net = cuttable(serverFetch(library));
    const host = document.createElement('div');
    provideSession(host, createSession({ api: '/api', fetch: net.fetch }));
    const el = await fixture<LibraryCheckout>(html`<ck-library-checkout></ck-library-checkout>`, { parentNode: host });
    await el.taskComplete;
    await signIn(el);
    const delays = [...PENDING_RETRY_DELAYS];
    PENDING_RETRY_DELAYS.splice(0, delays.length, 300, 300);
    try {
      net.down = true;
      await scan('CK000202');
      await until(() => rows(el)[0]?.state === 'unconfirmed', 'unconfirmed', 8000);
      expect(library.writes).to.equal(0);
      net.down = false;
      await until(() => rows(el)[0]?.state === 'done', 'borrowed on the timer', 8000);
      expect(library.writes).to.equal(1);
      expect(library.loans.filter((l) => l.barcode === 'CK000202')).to.have.length(1);
    } finally {
      PENDING_RETRY_DELAYS.splice(0, PENDING_RETRY_DELAYS.length, ...delays);
    }
  });

  describe('returns while offline', () => {
    beforeEach(() => writeQueue().clear());
    afterEach(() => writeQueue().clear());

    async function offlineKiosk(library = new DemoLibrary()) {
      const seen: { method: string; path: string; headers: Record<string, string>; body?: unknown }[] = [];
      const net = cuttable(serverFetch(library, seen));
      const host = document.createElement('div');
      provideSession(host, createSession({ api: '/api', fetch: net.fetch }));
      const el = await fixture<LibraryCheckout>(html`<ck-library-checkout></ck-library-checkout>`, { parentNode: host });
      await el.taskComplete;
      return { el, net, seen, library };
    }

    it('a return scanned with the network down is queued (IndexedDB, nothing personal), listed, and sent once when the network is back; the visitor is told', async () => {
      const { el, net, seen, library } = await offlineKiosk();
      const events: CheckinDetail[] = [];
      el.addEventListener('ck-checkin', (e) => events.push(e.detail));
      tap(el, '[data-action="return"]');
      await el.updateComplete;
      net.down = true;
      await scan('CK000201');
      await until(() => rows(el)[0]?.state === 'queued', 'queued', 8000);
      await el.updateComplete;
      expect(rows(el)[0]!.text).to.contain('Saved on this kiosk: it will be sent when the network is back');
      const [entry, ...more] = await writeQueue().list();
      expect(more).to.have.length(0);
      expect(entry).to.deep.include({ method: 'POST', url: '/library/checkin', body: { barcode: 'CK000201' }, label: 'CK000201' });
      expect(JSON.stringify(entry)).not.to.match(/tok-|LIB0|Bearer/);
      const tries = net.keys.filter((r) => r.path === '/library/checkin');
      expect(tries.length).to.be.greaterThan(1); // retried before it was queued
      expect(new Set(tries.map((t) => t.key))).to.deep.equal(new Set([entry!.idempotencyKey]));
      expect(events).to.deep.equal([{ outcome: 'queued', holdShelf: false }]);
      await expect(el).to.be.accessible();
      // Scanned again while still offline: still one entry, one row.
      await scan('CK000201');
      await el.updateComplete;
      expect(await writeQueue().count()).to.equal(1);
      expect(rows(el).map((r) => r.state)).to.deep.equal(['queued']);

      net.down = false;
      window.dispatchEvent(new Event('online'));
      await until(() => rows(el)[0]?.state === 'done', 'sent', 8000);
      await el.updateComplete;
      expect(text(el)).to.contain('The network is back. These returns have been sent:').and.contain('returned');
      expect(library.writes).to.equal(1);
      expect(new Set(seen.filter((r) => r.path === '/library/checkin').map((r) => r.headers['idempotency-key'])).size).to.equal(1);
      expect(await writeQueue().count()).to.equal(0);
      expect(events.at(-1)).to.deep.equal({ outcome: 'returned', holdShelf: false });
      await expect(el).to.be.accessible();
    });

    it('after a reload: the kept returns are listed on the start screen, sent when the network is back, and a refusal is said', async () => {
      // What a page before the reload left in IndexedDB: one return that will go through, one the desk already checked in.
      await writeQueue().add({ method: 'POST', url: '/library/checkin', body: { barcode: 'CK000201' }, label: { en: 'The Little Prince', 'zh-CN': '小王子' } });
      await writeQueue().add({ method: 'POST', url: '/library/checkin', body: { barcode: 'CK000702' }, label: 'CK000702' });
      const library = new DemoLibrary();
      const seen: { method: string; path: string; headers: Record<string, string>; body?: unknown }[] = [];
      const net = cuttable(serverFetch(library, seen));
      net.down = true;
      const host = document.createElement('div');
      provideSession(host, createSession({ api: '/api', fetch: net.fetch }));
      const el = await fixture<LibraryCheckout>(html`<ck-library-checkout></ck-library-checkout>`, { parentNode: host });
      await until(() => !!$(el, '[data-queued]'), 'the queued list', 8000);
      // No network at all: not the "library system not answering" screen; returns keep working.
      expect($(el, '[data-network="down"]')).to.not.equal(null);
      expect($(el, '[data-action="return"]')).to.not.equal(null);
      expect(text(el)).to.contain('Waiting for the network (2)').and.contain('The Little Prince').and.contain('CK000702');
      await expect(el).to.be.accessible();
      net.down = false;
      window.dispatchEvent(new Event('online'));
      await until(() => !!$(el, '[data-sent="2"]'), 'both told', 8000);
      await until(() => !$(el, '[data-queued]'), 'the list emptied', 8000);
      await until(() => !$(el, '[data-network="down"]'), 'the library status asked again', 8000);
      expect($$(el, '[data-outcome]').map((li) => li.dataset['outcome'])).to.deep.equal(['returned', 'refused']);
      expect(text(el)).to.contain('not returned');
      expect(library.writes).to.equal(2); // each entry reached the library once
      expect(library.loans.some((l) => l.barcode === 'CK000201')).to.equal(false);
      await expect(el).to.be.accessible();
      await setLocale('zh-CN');
      await el.updateComplete;
      expect(text(el)).to.contain('网络已恢复，以下还书已提交').and.contain('已归还');
      await expect(el).to.be.accessible();
      await setLocale('en');
      // Told until the visit ends: the next visitor does not see it.
      el.finish();
      await el.updateComplete;
      expect($(el, '[data-sent]')).to.equal(null);
    });

    it('with a source of its own (no HTTP client) a lost return stays "not done"', async () => {
      const library = new DemoLibrary({ loseAnswers: 5 });
      const el = await checkout(library);
      tap(el, '[data-action="return"]');
      await el.updateComplete;
      await scan('CK000201');
      await until(() => rows(el)[0]?.state === 'unconfirmed', 'unconfirmed', 8000);
      expect(await writeQueue().count()).to.equal(0);
    });
  });

  for (const [card, code, words] of [
    ['LIB00002', 'CARD_BLOCKED_OVERDUE', 'Return the overdue books first'],
    ['LIB00004', 'CARD_BLOCKED_FINES', 'Pay the fines at the library desk'],
    ['LIB00003', 'CARD_EXPIRED', 'Renew your card at the library desk'],
    ['LIB00005', 'LOAN_LIMIT', 'Return a book first'],
  ] as const) {
    it(`a blocked card (${code}) gets the server's reason and what to do`, async () => {
      const el = await checkout();
      await signIn(el, card);
      await scan('CK000702');
      await settled(el);
      expect(rows(el)[0]!.state).to.equal('refused');
      expect(shadow(el).querySelector(`[data-code="${code}"]`)).to.not.equal(null);
      expect(text(el)).to.contain(words);
      await expect(el).to.be.accessible();
    });
  }

  it('returns without signing in: "returned", the hold shelf bin, and a late fine', async () => {
    const el = await checkout();
    const events: CheckinDetail[] = [];
    el.addEventListener('ck-checkin', (e) => events.push(e.detail));
    tap(el, '[data-action="return"]');
    await el.updateComplete;
    expect(el.signedIn).to.equal(false);
    await scan('CK000601'); // patron 1 waits for it
    await scan('CK000201'); // 15 days late
    await scan('CK000702'); // not on loan
    await settled(el);
    const [notOut, late, held] = rows(el);
    expect(held!.text).to.contain('Returned').and.contain('put it on the hold shelf, bin H-03');
    expect(late!.text).to.contain('Returned').and.contain('a fine of CN¥1.50');
    expect(notOut!.text).to.contain('Not returned').and.contain('Put it back on the shelf');
    expect(events).to.deep.equal([
      { outcome: 'returned', holdShelf: true },
      { outcome: 'returned', holdShelf: false },
      { outcome: 'refused', holdShelf: false, code: 'NOT_ON_LOAN' },
    ]);
    await expect(el).to.be.accessible();
  });

  it('tells garbage, half a code and a book’s ISBN bar from a label', async () => {
    const el = await checkout();
    tap(el, '[data-action="return"]');
    await el.updateComplete;
    await scan('#%&*');
    await el.updateComplete;
    expect($(el, '[data-scan-problem]')!.dataset['scanProblem']).to.equal('garbage');
    await scan('CK');
    await el.updateComplete;
    expect($(el, '[data-scan-problem]')!.textContent).to.contain('Only part of the code was read');
    await scan('9787020002207');
    await el.updateComplete;
    expect($(el, '[data-scan-problem]')!.textContent).to.contain('ISBN bar code');
    expect(rows(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('my account: loans with due dates (overdue highlighted), holds with the shelf deadline, fines with what to do', async () => {
    const library = new DemoLibrary();
    library.loans.push({ barcode: 'CK000702', patronId: 'patron-1', checkedOutAt: '2025-03-01T00:00:00Z', dueAt: '2025-04-01T00:00:00Z', renewals: 0 });
    const el = await checkout(library);
    await signIn(el);
    tap(el, '[data-action="account"]');
    await el.taskComplete;
    expect(el.screen).to.equal('account');
    const t = text(el);
    expect(t).to.contain('On loan (3 of 5)').and.contain('Overdue since April 1, 2025').and.contain('Due May 31, 2025');
    expect($$(el, '.overdue')).to.have.length(1);
    expect(t).to.contain('Ready to pick up at the desk until May 10, 2025').and.contain('Waiting: number 1 in the queue');
    expect(t).to.contain('Late return of').and.contain('Total CN¥0.30').and.contain('Pay at the library desk');
    await expect(el).to.be.accessible();
  });

  it('renews one, then all (each with its outcome), and cancels a hold', async () => {
    const el = await checkout();
    await signIn(el);
    const renewals: RenewDetail[] = [];
    const holds: HoldDetail[] = [];
    el.addEventListener('ck-renew', (e) => renewals.push(e.detail));
    el.addEventListener('ck-hold', (e) => holds.push(e.detail));
    tap(el, '[data-action="account"]');
    await el.taskComplete;
    tap(el, '[data-renew="CK000101"]');
    await until(() => !!$(el, '[part~="notice"]'));
    expect($(el, '[part~="notice"]')!.textContent).to.contain('Renewed 1.');
    tap(el, '[data-action="renew-all"]');
    await until(() => renewals.length === 2);
    await el.taskComplete;
    expect(renewals).to.deep.equal([
      { renewed: 1, refused: 0 },
      { renewed: 2, refused: 0 },
    ]);
    tap(el, '[data-cancel="3"]');
    await until(() => holds.length === 1);
    await el.taskComplete;
    expect(holds).to.deep.equal([{ action: 'cancel', ok: true }]);
    expect($(el, '[data-cancel="3"]')).to.equal(null);
    expect(text(el)).to.contain('The hold is cancelled');
  });

  it('says when renewing an overdue loan added a fine (policy "charge")', async () => {
    const library = new DemoLibrary();
    const el = await checkout(library);
    await signIn(el);
    tap(el, '[data-action="account"]');
    await el.taskComplete;
    library.renewFineCents = 120;
    tap(el, '[data-renew="CK000101"]');
    await until(() => !!$(el, '[part~="notice"]'));
    expect($(el, '[part~="notice"]')!.textContent).to.contain('a fine of CN¥1.20 was added');
  });

  it('refuses renewing an overdue loan with the reason', async () => {
    const library = new DemoLibrary();
    library.loans.push({ barcode: 'CK000702', patronId: 'patron-1', checkedOutAt: '2025-03-01T00:00:00Z', dueAt: '2025-04-01T00:00:00Z', renewals: 0 });
    const el = await checkout(library);
    await signIn(el);
    tap(el, '[data-action="account"]');
    await el.taskComplete;
    tap(el, '[data-renew="CK000702"]');
    await until(() => !!$(el, '[data-code="OVERDUE_RENEWAL_REFUSED"]'));
    expect(text(el)).to.contain('An overdue item cannot be renewed').and.contain('Please return it');
  });

  it('searches by title, initials and ISBN (normalised), says when nothing is found and when an ISBN is wrong', async () => {
    const el = await checkout();
    tap(el, '[data-action="search"]');
    await el.updateComplete;
    await el.taskComplete;
    expect(customElements.get('ck-keyboard'), 'the on-screen keyboard is loaded with the search screen').to.not.equal(undefined);
    const keyboard = $(el, 'ck-keyboard')!;
    const enter = async (value: string) => {
      keyboard.dispatchEvent(new CustomEvent('ck-keyboard-enter', { detail: { value }, bubbles: true, composed: true }));
      await el.taskComplete;
    };
    await enter('hlm');
    expect(text(el)).to.contain('Dream of the Red Chamber').and.contain('1 of 3 on the shelf').and.contain('Shelf I200');
    await enter('978-7-5366-9293-0');
    expect(text(el)).to.contain('The Three-Body Problem');
    await enter('0-8044-2957-X');
    expect(text(el)).to.contain('Nothing found for "9780804429573"');
    await enter('978-7-5366-9293-1');
    expect($(el, '[data-invalid="isbn"]')!.textContent).to.contain('its last digit does not match');
    await enter('Unicorn');
    expect(text(el)).to.contain('Nothing found for "Unicorn"');
    await enter('Romance');
    expect(text(el)).to.contain('All copies are out').and.contain('Sign in to reserve');
    await expect(el).to.be.accessible();
  });

  it('reserves with one tap only what is out, and says when an item is on the shelf', async () => {
    const library = new DemoLibrary();
    const el = await checkout(library);
    await signIn(el);
    const holds: HoldDetail[] = [];
    el.addEventListener('ck-hold', (e) => holds.push(e.detail));
    tap(el, '[data-action="search"]');
    await el.updateComplete;
    $(el, 'ck-keyboard')!.dispatchEvent(new CustomEvent('ck-keyboard-enter', { detail: { value: 'Romance' }, bubbles: true, composed: true }));
    await el.taskComplete;
    expect($$(el, '[data-hold]')).to.have.length(1);
    tap(el, '[data-hold]');
    await until(() => holds.length === 1);
    expect(holds).to.deep.equal([{ action: 'place', ok: true }]);
    expect(library.holds.filter((h) => h.patronId === 'patron-1')).to.have.length(3);
    expect(text(el)).to.contain('Reserved.');
  });

  it('a book’s ISBN scanned on the search screen searches for it', async () => {
    const el = await checkout();
    tap(el, '[data-action="search"]');
    await el.updateComplete;
    await scan('9787536692930');
    await el.taskComplete;
    expect(text(el)).to.contain('The Three-Body Problem');
  });

  it('on a website (no device credential): only the catalogue, and a card scan signs no one in', async () => {
    const el = await checkout(new DemoLibrary({ kiosk: false }));
    expect(text(el)).to.contain("at the library's self-service kiosks").and.contain('Search the catalogue');
    expect($(el, '[data-action="card"]')).to.equal(null);
    expect($(el, '[data-action="return"]')).to.equal(null);
    await expect(el).to.be.accessible();
    await scan('LIB00001');
    await el.updateComplete;
    expect(el.screen).to.equal('start');
    tap(el, '[data-action="search"]');
    await el.updateComplete;
    await scan('9787536692930');
    await el.taskComplete;
    expect(text(el)).to.contain('The Three-Body Problem');
  });

  it('an api that answers HTML: one warning naming api and its value, and the "not answering" screen', async () => {
    const original = window.fetch;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => String(input instanceof Request ? input.url : input).includes('/portal/')
        ? Promise.resolve(new Response('<!doctype html><title>City portal</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }))
        : original(input, init));
    try {
      const warnings = await warningsOf(async () => {
        for (let i = 0; i < 2; i++) {
          const el = await fixture<LibraryCheckout>(html`<ck-library-checkout api="/portal/api"></ck-library-checkout>`);
          await el.taskComplete.catch(() => undefined);
          await el.updateComplete;
          expect(text(el)).to.contain('The library system is not answering');
        }
      });
      const ours = warnings.filter((w) => w.includes('ck-library-checkout'));
      expect(ours, warnings.join('\n')).to.have.length(1);
      expect(ours[0]).to.contain('api="/portal/api"').and.contain('not the library API').and.not.contain('City portal');
    } finally {
      window.fetch = original;
    }
  });

  it('SIP2 backend offline: a clear screen, and trying again', async () => {
    const library = new DemoLibrary({ offline: true, backend: 'sip2' });
    const el = await checkout(library);
    expect(text(el)).to.contain('The library system is not answering').and.contain('Nothing was changed').and.contain('The library system is not answering.');
    await expect(el).to.be.accessible();
    library.options.offline = false;
    tap(el, '[data-action="retry"]');
    await el.taskComplete;
    expect(text(el)).to.contain('To borrow, scan your library card');
  });

  it('ends with a receipt as a QR code, then forgets everything', async () => {
    const el = await checkout();
    await signIn(el);
    await scan('CK000202');
    await settled(el);
    tap(el, '[data-action="finish"]');
    await el.updateComplete;
    expect(el.screen).to.equal('receipt');
    expect(el.signedIn).to.equal(false);
    const qr = $<HTMLElement & { value: string }>(el, 'ck-qr-code')!;
    expect(qr.value).to.contain('Journey to the West').and.contain('due June 5, 2025');
    await expect(el).to.be.accessible();
    tap(el, '[data-action="done"]');
    await el.updateComplete;
    expect(el.screen).to.equal('start');
    expect(personalTraces(el, 'Journey to the West')).to.deep.equal([]);
  });

  it('with receipt="none", finishing goes straight back to the start', async () => {
    const el = await checkout(new DemoLibrary(), { receipt: 'none' });
    await signIn(el);
    await scan('CK000202');
    await settled(el);
    tap(el, '[data-action="finish"]');
    await el.updateComplete;
    expect(el.screen).to.equal('start');
  });

  describe('privacy', () => {
    /** Signed in through the HTTP source, two books borrowed, the account open. */
    async function visit() {
      const library = new DemoLibrary();
      library.patrons[0]!.name = '测试读者甲';
      const host = document.createElement('div');
      provideSession(host, createSession({ api: '/api', fetch: serverFetch(library) }));
      const el = await fixture<LibraryCheckout>(html`<ck-library-checkout></ck-library-checkout>`, { parentNode: host });
      await el.taskComplete;
      await signIn(el);
      await scan('CK000202');
      await settled(el);
      tap(el, '[data-action="account"]');
      await el.taskComplete;
      const traces = ['测试读者甲', 'Journey to the West', 'LIB00001'].flatMap((secret) => personalTraces(el, secret));
      expect(traces).to.include('shadow DOM');
      return { el, host };
    }
    const gone = (el: LibraryCheckout) => ['测试读者甲', 'Journey to the West', 'LIB00001', 'tok-'].flatMap((secret) => personalTraces(el, secret));

    it('wipes the patron, the token and the loans on finish', async () => {
      const { el } = await visit();
      el.finish();
      await el.updateComplete;
      expect(gone(el)).to.deep.equal([]);
      expect(el.signedIn).to.equal(false);
      });

    it('wipes on idle, even while a dialog is open', async () => {
      const { el } = await visit();
      const dialog = document.createElement('ck-dialog') as HTMLElement & { open: boolean; heading: string };
      dialog.heading = 'Help';
      document.body.append(dialog);
      dialog.open = true;
      await (dialog as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      window.dispatchEvent(new CustomEvent('ck-idle'));
      await el.updateComplete;
      expect(gone(el)).to.deep.equal([]);
      expect(el.screen).to.equal('start');
      dialog.remove();
      });

    it('idle also ends the patron\'s session on the server, with no kiosk shell around the element', async () => {
      const library = new DemoLibrary();
      const seen: { method: string; path: string; headers: Record<string, string> }[] = [];
      const host = document.createElement('div');
      provideSession(host, createSession({ api: '/api', fetch: serverFetch(library, seen) }));
      const el = await fixture<LibraryCheckout>(html`<ck-library-checkout card-prefix="LIB"></ck-library-checkout>`, { parentNode: host });
      await el.taskComplete;
      await signIn(el);
      expect(el.signedIn).to.equal(true);
      window.dispatchEvent(new CustomEvent('ck-idle'));
      await until(() => seen.some((r) => r.path === '/signout'), 'sign-out sent');
      expect(seen.find((r) => r.path === '/signout')!.headers['authorization']).to.match(/^Bearer tok-/);
      expect(el.signedIn).to.equal(false);
    });

    it('a sign-in answered after the kiosk went idle does not sign the patron in', async () => {
      const el = await checkout(new DemoLibrary({ delayMs: 300 }));
      await scan('LIB00001');
      await el.updateComplete;
      await keypad(el, '123456');
      window.dispatchEvent(new CustomEvent('ck-idle'));
      await new Promise((r) => setTimeout(r, 600));
      await el.updateComplete;
      expect([el.signedIn, el.screen]).to.deep.equal([false, 'start']);
      expect(el.shadowRoot!.innerHTML).to.not.contain('王晓明');
    });

    it('wipes on disconnect', async () => {
      const { el, host } = await visit();
      el.remove();
      await el.updateComplete;
      expect(gone(el)).to.deep.equal([]);
      host.append(el);
      await el.updateComplete;
      expect(el.screen).to.equal('start');
      });

    it('puts nothing personal in events', async () => {
      const library = new DemoLibrary();
      const el = await checkout(library);
      const details: unknown[] = [];
      for (const name of ['ck-checkout', 'ck-checkin', 'ck-renew', 'ck-hold'] as const) el.addEventListener(name, (e) => details.push(e.detail));
      await signIn(el);
      await scan('CK000202');
      await settled(el);
      const json = JSON.stringify(details);
      for (const secret of ['CK000202', 'LIB00001', '王晓明', 'Journey']) expect(json).to.not.contain(secret);
      expect(details).to.have.length(1);
    });
  });

  it('bad attribute and property values warn once and fall back', async () => {
    const warnings = await warningsOf(async () => {
      const host = document.createElement('div');
      provideSession(host, createSession({ api: '/api', fetch: serverFetch(new DemoLibrary()) }));
      const el = await fixture<LibraryCheckout>(html`<ck-library-checkout receipt="fax" card-prefix="L1B!" time-zone="Mars/Olympus" min-barcode-length="-3" api="javascript:alert(1)"></ck-library-checkout>`, { parentNode: host });
      expect([el.receipt, el.cardPrefix, el.timeZone, el.minBarcodeLength, el.api]).to.deep.equal(['qr', '', 'Asia/Shanghai', 4, '/api']);
      (el as unknown as { source: unknown }).source = { nope: true };
      el.receipt = 'pigeon' as 'qr';
      await el.updateComplete;
      expect(el.receipt).to.equal('qr');
      expect(el.source).to.equal(undefined);
    });
    for (const attr of ['receipt', 'card-prefix', 'time-zone', 'min-barcode-length', 'api', 'source']) expect(warnings.some((w) => w.includes(attr)), attr).to.equal(true);
  });

  it('follows the locale: Chinese by default', async () => {
    await setLocale('zh-CN');
    const el = await checkout();
    expect(text(el)).to.contain('借书请把借书证放到扫描器下扫描');
    await setLocale('en');
  });
});

const shadow = (el: LibraryCheckout) => el.shadowRoot!;
