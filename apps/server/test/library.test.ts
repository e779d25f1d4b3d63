import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, get, json, newKey, patronToken, post, type TestApp } from './helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

describe('library', () => {
  it('signs a patron in and lists loans, holds and fines', async () => {
    const token = await patronToken(t.app, 'LIB00004');
    const me = json<{ loans: unknown[]; fines: { amountCents: number }[]; finesTotalCents: number }>(await get(t.app, '/api/library/me', token));
    assert.equal(me.loans.length, 1);
    assert.equal(me.finesTotalCents, 1250);
  });

  it('looks items up by barcode', async () => {
    const res = await get(t.app, '/api/library/items/CK000003');
    assert.equal(res.statusCode, 200);
    const item = json<{ title: { 'zh-CN': string }; status: string; isbn: string }>(res);
    assert.equal(item.title['zh-CN'], '红楼梦');
    assert.equal(item.status, 'available');
    assert.match(item.isbn, /^9787\d{9}$/);
    assert.equal((await get(t.app, '/api/library/items/NOPE0000')).statusCode, 404);
  });

  it('searches by title, English title, author, ISBN and pinyin initials', async () => {
    const q = async (query: string) => json<{ results: { title: { 'zh-CN': string } }[] }>(await get(t.app, `/api/library/search?${query}`)).results.map((r) => r.title['zh-CN']);
    assert.ok((await q(`q=${encodeURIComponent('红楼')}`)).includes('红楼梦'));
    assert.ok((await q('q=three-body')).includes('三体'));
    assert.ok((await q(`q=${encodeURIComponent('鲁迅')}&by=author`)).includes('呐喊'));
    assert.ok((await q('q=hlm&by=initials')).includes('红楼梦'));
    assert.ok((await q('q=LTXZ')).includes('骆驼祥子'));
    const isbn = json<{ isbn: string }>(await get(t.app, '/api/library/items/CK000003')).isbn;
    assert.deepEqual(await q(`q=${isbn}&by=isbn`), ['红楼梦']);
    assert.deepEqual(await q('q=zzzzqqq'), []);
  });

  it('checks out, renews, checks in and is idempotent', async () => {
    const token = await patronToken(t.app, 'LIB00001');
    const key = newKey();
    const first = await post(t.app, '/api/library/checkout', { barcode: 'CK000013' }, { token, key });
    assert.equal(first.statusCode, 201, first.body);
    const replay = await post(t.app, '/api/library/checkout', { barcode: 'CK000013' }, { token, key });
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(json(replay), json(first));
    const mismatch = await post(t.app, '/api/library/checkout', { barcode: 'CK000014' }, { token, key });
    assert.equal(mismatch.statusCode, 422);
    assert.equal(json(mismatch).code, 'IDEMPOTENCY_MISMATCH');
    const open = await t.store.db.selectFrom('loans').select('id').where('item_id', '=', 'item-0013').where('returned_at', 'is', null).execute();
    assert.equal(open.length, 1, 'the replay did not borrow twice');

    // A double scan with a new key: the loan it already has, never a second one.
    const again = await post(t.app, '/api/library/checkout', { barcode: 'CK000013' }, { token });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(json<{ alreadyYours: boolean; dueAt: string }>(again).alreadyYours, true);
    assert.equal(json<{ dueAt: string }>(again).dueAt, json<{ dueAt: string }>(first).dueAt);
    const renew = await post(t.app, '/api/library/renew', { barcode: 'CK000013' }, { token });
    assert.equal(renew.statusCode, 200, renew.body);
    assert.equal(json<{ renewals: number }>(renew).renewals, 1);
    const back = await post(t.app, '/api/library/checkin', { barcode: 'CK000013' });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(json<{ fineCents: number }>(back).fineCents, 0);
    assert.equal(json(await post(t.app, '/api/library/checkin', { barcode: 'CK000013' })).code, 'NOT_ON_LOAN');
  });

  it('refuses with exact reasons', async () => {
    const reason = async (card: string, barcode: string) => {
      const res = await post(t.app, '/api/library/checkout', { barcode }, { token: await patronToken(t.app, card) });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, res.body);
      const body = json<{ code: string; reasons: Record<string, string> }>(res);
      assert.ok(body.reasons['zh-CN'] && body.reasons.en);
      return body.code;
    };
    assert.equal(await reason('LIB00002', 'CK000015'), 'CARD_BLOCKED_OVERDUE');
    assert.equal(await reason('LIB00003', 'CK000015'), 'CARD_EXPIRED');
    assert.equal(await reason('LIB00004', 'CK000015'), 'CARD_BLOCKED_FINES');
    assert.equal(await reason('LIB00010', 'CK000010'), 'NOT_FOR_LOAN');
    assert.equal(await reason('LIB00010', 'CK000002'), 'ON_HOLD_FOR_ANOTHER');
    assert.equal(await reason('LIB00010', 'CK000041'), 'ON_LOAN');
  });

  it('enforces the loan limit inside the transaction', async () => {
    const token = await patronToken(t.app, 'LIB00039');
    const me = json<{ loans: unknown[] }>(await get(t.app, '/api/library/me', token));
    const room = 5 - me.loans.length;
    // Copies 5 of titles 30-36: on the shelf, loanable, not in the seeded loans (items 41 + 17k).
    const barcodes = Array.from({ length: room + 2 }, (_, i) => `CK000${300 + i * 10 + 5}`);
    assert.ok(barcodes.every((b) => (Number(b.slice(2)) - 41) % 17 !== 0));
    const results = await Promise.all(barcodes.map((barcode) => post(t.app, '/api/library/checkout', { barcode }, { token })));
    assert.equal(results.filter((r) => r.statusCode === 201).length, room);
    assert.ok(results.filter((r) => r.statusCode !== 201).every((r) => json(r).code === 'LOAN_LIMIT'));
  });

  it('lets only one of two racing kiosks borrow the same item', async () => {
    const [a, b] = await Promise.all([patronToken(t.app, 'LIB00020'), patronToken(t.app, 'LIB00021')]);
    const results = await Promise.all([post(t.app, '/api/library/checkout', { barcode: 'CK000404' }, { token: a }), post(t.app, '/api/library/checkout', { barcode: 'CK000404' }, { token: b })]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
  });

  it('queues holds in order and gives the returned item to the first in line', async () => {
    // Item 41 is on loan to patron 5 (overdue) with patrons 6 and 7 waiting; patron 13 joins third.
    const token11 = await patronToken(t.app, 'LIB00013');
    const hold = await post(t.app, '/api/library/holds', { barcode: 'CK000041' }, { token: token11 });
    assert.equal(hold.statusCode, 201, hold.body);
    assert.equal(json<{ position: number }>(hold).position, 3);
    assert.equal(json(await post(t.app, '/api/library/holds', { barcode: 'CK000041' }, { token: token11 })).code, 'HOLD_EXISTS');
    const renew = await post(t.app, '/api/library/renew', { barcode: 'CK000041' }, { token: await patronToken(t.app, 'LIB00005') });
    assert.equal(json(renew).code, 'OVERDUE_RENEWAL_REFUSED');

    const back = await post(t.app, '/api/library/checkin', { barcode: 'CK000041' });
    assert.equal(json<{ heldForNextReader: boolean }>(back).heldForNextReader, true);
    assert.deepEqual(json<{ holdShelf: unknown }>(back).holdShelf, { bin: 'H-06' }, 'patron 6 files under the last two digits of LIB00006');
    assert.equal(json(await post(t.app, '/api/library/checkout', { barcode: 'CK000041' }, { token: await patronToken(t.app, 'LIB00007') })).code, 'ON_HOLD_FOR_ANOTHER');
    const six = await patronToken(t.app, 'LIB00006');
    assert.equal((await post(t.app, '/api/library/checkout', { barcode: 'CK000041' }, { token: six })).statusCode, 201);
    const me11 = json<{ holds: { position: number }[] }>(await get(t.app, '/api/library/me', token11));
    assert.equal(me11.holds[0]?.position, 2);
  });

  it('fines a late return', async () => {
    const token = await patronToken(t.app, 'LIB00030');
    assert.equal((await post(t.app, '/api/library/checkout', { barcode: 'CK000483' }, { token })).statusCode, 201);
    t.advance(35 * 86_400_000);
    try {
      const back = await post(t.app, '/api/library/checkin', { barcode: 'CK000483' });
      assert.equal(json<{ fineCents: number }>(back).fineCents, 50);
    } finally {
      t.advance(-35 * 86_400_000);
    }
  });

  it('needs a library token for personal routes', async () => {
    assert.equal((await get(t.app, '/api/library/me')).statusCode, 401);
    assert.equal((await post(t.app, '/api/library/checkout', { barcode: 'CK000013' })).statusCode, 401);
    const me = await get(t.app, '/api/library/me', await patronToken(t.app, 'LIB00001'));
    assert.equal(me.headers['cache-control'], 'no-store');
  });
});
