import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setPatronVerifier } from '../src/library/backend.js';
import { addStaff } from '../src/staff/accounts.js';
import { createTestApp, DEVICE, get, json, newKey, patronToken, post, type TestApp } from './helpers.js';

type Err = { code: string; reasons: { 'zh-CN': string; en: string }; details?: Record<string, unknown> };
type Hold = { holdId: number; barcode: string; status: string; readyUntil: string | null; shelfBin: string | null; position: number };
type Account = { holds: Hold[]; fines: { id: number; amountCents: number }[]; finesTotalCents: number; loans: { barcode: string; dueAt: string; overdue: boolean }[] };

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const del = (url: string, token: string) => t.app.inject({ method: 'DELETE', url, headers: { ...DEVICE, authorization: `Bearer ${token}` } });
const me = async (token: string) => json<Account>(await get(t.app, '/api/library/me', token));
let staffMade = false;
const staffToken = async () => {
  if (!staffMade) await addStaff(t.store.db, { username: 'zhou.lib', name: '周敏', role: 'site-admin', siteId: 'xikou-hall', password: 'library desk password' }, 'test', new Date());
  staffMade = true;
  const res = await t.app.inject({ method: 'POST', url: '/api/staff/signin', headers: DEVICE, payload: { username: 'zhou.lib', password: 'library desk password' } });
  assert.equal(res.statusCode, 200, res.body);
  return json<{ token: string }>(res).token;
};

describe('library v2: status and sign-in policy', () => {
  it('tells the kiosk which backend answers and that a PIN is required by default', async () => {
    const res = await get(t.app, '/api/library/status');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json(res), { backend: 'catalogue', online: true, scanAloneSignin: false, kiosk: true });
    const page = await t.app.inject({ method: 'GET', url: '/api/library/status' });
    assert.equal(page.statusCode, 200, 'a web page without a credential may ask');
    assert.deepEqual(json(page), { backend: 'catalogue', online: true, scanAloneSignin: false, kiosk: false });
    const wrong = await t.app.inject({ method: 'GET', url: '/api/library/status', headers: { 'x-device-key': 'ckd_nobody.nothing' } });
    assert.equal(wrong.statusCode, 401, 'a credential that is sent is checked');
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/library/signin', payload: { cardNumber: 'LIB00001', pin: '123456' } })).statusCode, 401, 'sign-in stays a kiosk route');
  });

  it('refuses a scan-only sign-in unless the site allows it', async () => {
    const scan = (cardNumber: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: '/api/library/signin', headers: { ...DEVICE, ...headers }, payload: { cardNumber } });
    const refused = await scan('LIB00001');
    assert.equal(refused.statusCode, 422);
    assert.equal(json<Err>(refused).code, 'PIN_REQUIRED');
    assert.ok(json<Err>(refused).reasons['zh-CN']);

    await t.store.db.insertInto('library_site_policy').values({ site_id: 'xikou-hall', scan_alone_signin: 1 }).execute();
    try {
      assert.equal(json<{ scanAloneSignin: boolean }>(await get(t.app, '/api/library/status')).scanAloneSignin, true);
      const ok = await scan('LIB00001');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(json<{ patron: { id: string } }>(ok).patron.id, 'patron-001');
      assert.equal(json<Err>(await scan('LIB99999')).code, 'CARD_UNKNOWN');
      const line = await t.store.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'library.signin.without-pin').orderBy('id', 'desc').executeTakeFirst();
      assert.deepEqual(JSON.parse(line!.detail), { method: 'scan' });
    } finally {
      await t.store.db.deleteFrom('library_site_policy').execute();
    }
  });

  it('lets a registered identity verifier stand in for the PIN (none ships)', async () => {
    setPatronVerifier(t.app, { method: 'test-terminal', verify: (request, card) => Promise.resolve(request.headers['x-test-verified'] === card) });
    try {
      const ok = await t.app.inject({ method: 'POST', url: '/api/library/signin', headers: { ...DEVICE, 'x-test-verified': 'LIB00010' }, payload: { cardNumber: 'LIB00010' } });
      assert.equal(ok.statusCode, 200, ok.body);
      const no = await t.app.inject({ method: 'POST', url: '/api/library/signin', headers: { ...DEVICE, 'x-test-verified': 'LIB00011' }, payload: { cardNumber: 'LIB00010' } });
      assert.equal(json<Err>(no).code, 'PIN_REQUIRED');
    } finally {
      setPatronVerifier(t.app, null);
    }
  });
});

describe('library v2: account, holds and the hold shelf', () => {
  it('shows a ready hold with its shelf deadline and bin, and several fines', async () => {
    const account = await me(await patronToken(t.app, 'LIB00001'));
    const ready = account.holds.find((h) => h.barcode === 'CK000012');
    assert.ok(ready, JSON.stringify(account.holds));
    assert.equal(ready.status, 'ready');
    assert.equal(ready.shelfBin, 'H-01');
    assert.ok(Number.isInteger(ready.holdId));
    assert.ok(Date.parse(ready.readyUntil!) > Date.now());
    const four = await me(await patronToken(t.app, 'LIB00004'));
    assert.deepEqual(four.fines.map((f) => f.amountCents), [800, 450]);
    assert.equal(four.finesTotalCents, 1250);
  });

  it('refuses a hold on an item on the shelf, over the cap, or on a blocked card', async () => {
    const code = async (card: string, barcode: string) => {
      const res = await post(t.app, '/api/library/holds', { barcode }, { token: await patronToken(t.app, card) });
      return { status: res.statusCode, ...json<Err>(res) };
    };
    const shelf = await code('LIB00036', 'CK000015');
    assert.equal(shelf.status, 409);
    assert.equal(shelf.code, 'ITEM_AVAILABLE');
    assert.equal(shelf.details?.callNumber, 'I201/5');
    assert.match(shelf.reasons.en, /I201\/5/);
    const cap = await code('LIB00009', 'CK000228');
    assert.equal(cap.code, 'HOLD_LIMIT');
    assert.deepEqual(cap.details, { limit: 5 });
    assert.equal((await code('LIB00002', 'CK000228')).code, 'CARD_BLOCKED_OVERDUE');
    assert.equal((await code('LIB00003', 'CK000228')).code, 'CARD_EXPIRED');
    const fines = await code('LIB00004', 'CK000228');
    assert.equal(fines.code, 'CARD_BLOCKED_FINES');
    assert.deepEqual(fines.details, { finesTotalCents: 1250, fineLimitCents: 1000 });
    assert.equal((await code('LIB00036', 'CK000010')).code, 'NOT_FOR_LOAN');
  });

  it('places and cancels a hold (cancelling twice is fine; another reader\'s hold is not found)', async () => {
    const token = await patronToken(t.app, 'LIB00036');
    const placed = await post(t.app, '/api/library/holds', { barcode: 'CK000245' }, { token });
    assert.equal(placed.statusCode, 201, placed.body);
    const { holdId, status } = json<{ holdId: number; status: string }>(placed);
    assert.equal(status, 'waiting');
    assert.ok((await me(token)).holds.some((h) => h.holdId === holdId && h.status === 'waiting' && h.readyUntil === null));
    assert.equal((await del(`/api/library/holds/${holdId}`, await patronToken(t.app, 'LIB00037'))).statusCode, 404);
    assert.equal((await del(`/api/library/holds/${holdId}`, token)).statusCode, 204);
    assert.equal((await del(`/api/library/holds/${holdId}`, token)).statusCode, 204);
    assert.ok(!(await me(token)).holds.some((h) => h.holdId === holdId));
    assert.equal((await del('/api/library/holds/abc', token)).statusCode, 400);
    assert.equal((await del('/api/library/holds/999999', token)).statusCode, 404);
  });

  it('puts a returned item on the hold shelf for the next reader, and a cancelled ready hold passes it on', async () => {
    const six = await patronToken(t.app, 'LIB00036');
    const seven = await patronToken(t.app, 'LIB00037');
    // CK000262 is on loan to patron 18 (seed); 36 then 37 reserve it.
    assert.equal((await post(t.app, '/api/library/holds', { barcode: 'CK000262' }, { token: six })).statusCode, 201);
    assert.equal((await post(t.app, '/api/library/holds', { barcode: 'CK000262' }, { token: seven })).statusCode, 201);
    const back = await post(t.app, '/api/library/checkin', { barcode: 'CK000262' });
    assert.deepEqual(json<{ holdShelf: unknown }>(back).holdShelf, { bin: 'H-36' });
    const ready = (await me(six)).holds.find((h) => h.barcode === 'CK000262')!;
    assert.equal(ready.status, 'ready');
    assert.ok(Math.abs(Date.parse(ready.readyUntil!) - (Date.now() + 7 * 86_400_000)) < 60_000);
    assert.equal(json<Err>(await post(t.app, '/api/library/checkout', { barcode: 'CK000262' }, { token: seven })).code, 'ON_HOLD_FOR_ANOTHER');
    assert.equal((await del(`/api/library/holds/${ready.holdId}`, six)).statusCode, 204);
    const next = (await me(seven)).holds.find((h) => h.barcode === 'CK000262')!;
    assert.equal(next.status, 'ready');
    assert.equal(next.shelfBin, 'H-37');
    assert.equal((await post(t.app, '/api/library/checkout', { barcode: 'CK000262' }, { token: seven })).statusCode, 201);
    assert.ok(!(await me(seven)).holds.some((h) => h.barcode === 'CK000262'), 'the hold was fulfilled');
  });

  it('lets a ready hold lapse after its shelf deadline', async () => {
    const other = await patronToken(t.app, 'LIB00038');
    assert.equal(json<Err>(await post(t.app, '/api/library/checkout', { barcode: 'CK000012' }, { token: other })).code, 'ON_HOLD_FOR_ANOTHER');
    t.advance(5 * 86_400_000);
    try {
      assert.ok(!(await me(await patronToken(t.app, 'LIB00001'))).holds.some((h) => h.barcode === 'CK000012'));
      const out = await post(t.app, '/api/library/checkout', { barcode: 'CK000012' }, { token: await patronToken(t.app, 'LIB00038') });
      assert.equal(out.statusCode, 201, out.body);
    } finally {
      t.advance(-5 * 86_400_000);
    }
  });
});

describe('library v2: borrowing, renewing, returning', () => {
  it('never borrows twice on a double scan, with or without the same key', async () => {
    const token = await patronToken(t.app, 'LIB00035');
    const results = await Promise.all([newKey(), newKey(), newKey()].map((key) => post(t.app, '/api/library/checkout', { barcode: 'CK000505' }, { token, key })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 201]);
    const loans = await t.store.db.selectFrom('loans').select('id').where('item_id', '=', 'item-0505').where('returned_at', 'is', null).execute();
    assert.equal(loans.length, 1);
    const title = json<{ title: { 'zh-CN': string; en: string } }>(results[0]!).title;
    assert.deepEqual(title, { 'zh-CN': '悲惨世界', en: 'Les Misérables' });
  });

  it('renews all loans, each with its own answer, and refuses an overdue one', async () => {
    const two = await patronToken(t.app, 'LIB00002');
    const res = await post(t.app, '/api/library/renew-all', {}, { token: two });
    assert.equal(res.statusCode, 200, res.body);
    const { results } = json<{ results: { barcode: string; ok: boolean; code?: string; dueAt?: string; reasons?: object }[] }>(res);
    assert.deepEqual(results.map((r) => [r.barcode, r.ok, r.code ?? null]), [['CK000011', false, 'OVERDUE_RENEWAL_REFUSED'], ['CK000021', true, null]]);
    assert.ok(results[0]!.reasons && results[1]!.dueAt);
    const one = json<Err>(await post(t.app, '/api/library/renew', { barcode: 'CK000011' }, { token: two }));
    assert.equal(one.code, 'OVERDUE_RENEWAL_REFUSED');
    // Without a body at all, too.
    const bare = await t.app.inject({ method: 'POST', url: '/api/library/renew-all', headers: { ...DEVICE, authorization: `Bearer ${two}`, 'idempotency-key': newKey() } });
    assert.equal(bare.statusCode, 200, bare.body);
    assert.equal((await post(t.app, '/api/library/renew-all', { extra: 1 }, { token: two })).statusCode, 400);
  });

  it('checks in only from a kiosk or staff, and answers the hold-shelf bin', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/api/library/checkin', headers: { 'idempotency-key': newKey() }, payload: { barcode: 'CK000058' } });
    assert.equal(none.statusCode, 401);
    const staff = await staffToken();
    const desk = await t.app.inject({ method: 'POST', url: '/api/library/checkin', headers: { authorization: `Bearer ${staff}`, 'idempotency-key': newKey(), ...DEVICE }, payload: { barcode: 'CK000058' } });
    assert.equal(desk.statusCode, 200, desk.body);
    assert.equal(json<{ holdShelf: unknown }>(desk).holdShelf, null);
    const line = await t.store.db.selectFrom('audit_log').select(['actor', 'action']).where('action', '=', 'library.checkin').orderBy('id', 'desc').executeTakeFirst();
    assert.match(line!.actor, /^staff:/);
  });

  it('lets staff mark a fine paid (audited), which unblocks the card', async () => {
    const four = await patronToken(t.app, 'LIB00004');
    const fines = (await me(four)).fines;
    const staff = await staffToken();
    const pay = (id: number | string, token = staff) => t.app.inject({ method: 'POST', url: `/api/staff/library/fines/${id}/paid`, headers: { ...DEVICE, authorization: `Bearer ${token}`, 'idempotency-key': newKey() } });
    assert.equal((await pay(fines[0]!.id, four)).statusCode, 401, 'a patron token is no staff token');
    const paid = await pay(fines[0]!.id);
    assert.equal(paid.statusCode, 200, paid.body);
    assert.deepEqual({ ...json<Record<string, unknown>>(paid), paidAt: null }, { fineId: fines[0]!.id, patronId: 'patron-004', amountCents: 800, paidAt: null, alreadyPaid: false });
    assert.equal(json<{ alreadyPaid: boolean }>(await pay(fines[0]!.id)).alreadyPaid, true);
    assert.equal((await pay(999999)).statusCode, 404);
    assert.equal((await pay('x')).statusCode, 400);
    assert.equal((await me(four)).finesTotalCents, 450);
    const line = await t.store.db.selectFrom('audit_log').select(['actor', 'subject']).where('action', '=', 'staff.library.fine-paid').executeTakeFirstOrThrow();
    assert.equal(line.subject, `fine:${fines[0]!.id}`);
    assert.equal((await post(t.app, '/api/library/checkout', { barcode: 'CK000016' }, { token: four })).statusCode, 201, 'under the limit again');
  });

  it('gives search results with copies available and a call number, UTF-8 titles included', async () => {
    const res = await get(t.app, `/api/library/search?q=${encodeURIComponent('𠮷')}`);
    assert.equal(res.statusCode, 200, res.body);
    const [hit] = json<{ results: { title: { en: string }; available: number; copies: number; callNumber: string }[] }>(res).results;
    assert.equal(hit?.title.en, 'Four Seasons of 𠮷xiang Village');
    assert.equal(hit.copies, 10);
    assert.equal(hit.available, 9, 'the tenth copy stays in the reading room');
    assert.match(hit.callNumber, /^I252\/1$/);
  });
});

describe('library v2: overdue renewal charged (LIBRARY_OVERDUE_RENEWAL=charge)', () => {
  it('renews an overdue loan and charges the late days as a fine', async () => {
    const charged = await createTestApp({ library: { overdueRenewal: 'charge', scanAloneSignin: false, sip2: null } });
    try {
      const token = await patronToken(charged.app, 'LIB00002');
      const res = await post(charged.app, '/api/library/renew', { barcode: 'CK000011' }, { token });
      assert.equal(res.statusCode, 200, res.body);
      const body = json<{ fineCents: number; dueAt: string }>(res);
      assert.equal(body.fineCents, 150, '15 days late at ¥0.10');
      assert.ok(Date.parse(body.dueAt) > Date.now() + 29 * 86_400_000);
    } finally {
      await charged.close();
    }
  });
});

describe('library v2: bad input', () => {
  it('answers garbage, half codes and unknown barcodes with a 4xx and a reason, and changes nothing', async () => {
    const token = await patronToken(t.app, 'LIB00040');
    const loansBefore = await t.store.db.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: [string, unknown][] = [
      ['/api/library/checkout', { barcode: 'CK0' }],
      ['/api/library/checkout', { barcode: 'CK000013\u001b[A' }],
      ['/api/library/checkout', { barcode: '' }],
      ['/api/library/checkout', { barcode: 12345678 }],
      ['/api/library/checkout', { barcode: 'ZZ999999' }],
      ['/api/library/checkout', { barcode: 'CK000013', extra: true }],
      ['/api/library/holds', { barcode: '条码条码' }],
      ['/api/library/renew', { barcode: 'CK000013CK000013CK000013CK000013X' }],
      ['/api/library/checkin', { barcode: 'CK00001\u0000' }],
      ['/api/library/signin', { cardNumber: 'LIB00040', pin: '12' }],
      ['/api/library/signin', { cardNumber: '<script>', pin: '123456' }],
    ];
    for (const [url, body] of cases) {
      const res = await post(t.app, url, body, { token });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} ${JSON.stringify(body)} -> ${res.statusCode}`);
      const e = json<Err>(res);
      assert.ok(e.code && e.reasons['zh-CN'] && e.reasons.en, res.body);
    }
    const search = await get(t.app, `/api/library/search?q=${encodeURIComponent('<b>')}`);
    assert.equal(search.statusCode, 400);
    const loansAfter = await t.store.db.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(loansAfter.n), Number(loansBefore.n), 'nothing stored');
  });
});
