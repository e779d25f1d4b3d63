import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Sip2Config } from '../src/config.js';
import { checksum, frame, FrameSplitter, parse, parseFeeCents, parseLooseDate, parseSipDate, Sip2ParseError, sipDate, utf8 } from '../src/library/sip2/codec.js';
import { requests, Sip2Connection, Sip2Error, Sip2Pool } from '../src/library/sip2/client.js';
import { createTestApp, DEVICE, get, json, newKey, PIN, post, type TestApp } from './helpers.js';
import { startFakeAcs, type FakeAcs } from './sip2-fake.js';

/** A second, naive checksum (byte sum, negated, 16 bits) to hold the codec's to. */
const naive = (text: string) => ((0x10000 - ([...Buffer.from(text, 'utf8')].reduce((a, b) => a + b, 0) % 0x10000)) % 0x10000).toString(16).toUpperCase().padStart(4, '0');

describe('SIP2 codec', () => {
  it('computes the error-detection checksum as the spec (and other implementations) do', () => {
    // Published fixtures: the Request SC/ACS Resend messages carry only a checksum.
    assert.equal(checksum(utf8('96AZ')), 'FEF6');
    assert.equal(checksum(utf8('97AZ')), 'FEF5');
    for (const text of ['9900802.00AY0AZ', '1720261201   Z080509AOck|AB𠮷祥村|AY7AZ', '64              00120261201   Z080509000000010000000000000000AOck|AALIB00001|AE王晓明|AY3AZ']) {
      assert.equal(checksum(utf8(text)), naive(text), text);
    }
  });

  it('frames a request byte-exactly: AY sequence, AZ checksum, CR; 96/97 without a sequence', () => {
    assert.equal(frame('9900802.00', 3, true).toString('latin1'), `9900802.00AY3AZ${naive('9900802.00AY3AZ')}\r`);
    assert.equal(frame('97', null, true).toString('latin1'), '97AZFEF5\r');
    assert.equal(frame('9900802.00', 3, false).toString('latin1'), '9900802.00\r');
    const at = new Date('2026-12-01T08:05:09Z');
    assert.equal(requests.checkout({ institution: 'ck', patron: 'LIB00001', item: 'CK000013' }, at), `11NN20261201   Z080509${' '.repeat(18)}AOck|AALIB00001|ABCK000013|AC|BON|BIN|`);
    assert.equal(requests.patronInformation({ institution: 'ck', patron: 'LIB00001', summary: 'charged', start: 1, end: 5 }, at), '6300020261201   Z080509  Y       AOck|AALIB00001|AC|BP1|BQ5|');
    assert.equal(requests.checkin({ institution: 'ck', item: 'CK000041', location: 'xikou' }, at), '09N20261201   Z08050920261201   Z080509APxikou|AOck|ABCK000041|AC|BIN|');
    assert.equal(requests.hold({ institution: 'ck', patron: 'P1', item: 'B1', mode: '-' }, at), '15-20261201   Z080509BY2|AOck|AAP1|ABB1|AC|BON|');
  });

  it('writes and reads dates as YYYYMMDDZZZZHHMMSS (UTC "   Z", blank zone = the ACS local time)', () => {
    const at = new Date('2026-12-01T08:05:09Z');
    assert.equal(sipDate(at), '20261201   Z080509');
    assert.equal(parseSipDate('20261201   Z080509')?.toISOString(), at.toISOString());
    assert.equal(parseSipDate('20261201    160509', 'Asia/Shanghai')?.toISOString(), at.toISOString());
    assert.equal(parseSipDate('2026-12-01'), null);
    assert.equal(parseLooseDate('2026-12-31', 'UTC')?.toISOString(), '2026-12-31T23:59:59.000Z');
    assert.equal(parseFeeCents('12.50'), 1250);
    assert.equal(parseFeeCents('3'), 300);
    assert.equal(parseFeeCents('0.5'), 50);
    assert.equal(parseFeeCents('¥3'), null);
  });

  it('parses fixed and repeated fields, flags and UTF-8, and checks the checksum', () => {
    const body = '64  Y           00120261201   Z080509000100000002000100000000AOck|AALIB00001|AE王晓明|BLY|CQY|BV12.50|CC10.00|AUCK000001|AUCK000505|AF请按时归还|AFsecond line|AGprint me|AY4AZ';
    const m = parse(Buffer.from(`${body}${naive(body)}`, 'utf8'));
    assert.equal(m.code, '64');
    assert.equal(m.fixed.patronStatus, '  Y           ');
    assert.equal(m.fixed.chargedCount, '0002');
    assert.equal(m.sequence, 4);
    assert.equal(m.checksumOk, true);
    assert.deepEqual(m.fields.get('AU'), ['CK000001', 'CK000505']);
    assert.deepEqual(m.fields.get('AF'), ['请按时归还', 'second line']);
    assert.equal(m.fields.get('AE')?.[0], '王晓明');
    assert.equal(parse(`${body}0000`).checksumOk, false);
    assert.throws(() => parse('12'), Sip2ParseError);
    assert.throws(() => parse('XX1'), Sip2ParseError);
    assert.throws(() => parse('941AB|x|'), Sip2ParseError, 'a field without a two-letter id');
  });

  it('joins messages split across TCP segments, even inside a UTF-8 character', () => {
    const wire = Buffer.from('941AY0AZFDD4\r18030001', 'utf8');
    const rest = Buffer.from('20261201   Z080509AB𠮷|AJ𠮷祥村的四季|\r', 'utf8');
    const s = new FrameSplitter();
    const out: Buffer[] = [];
    for (const b of [...wire, ...rest]) out.push(...s.push(Buffer.from([b])));
    assert.equal(out.length, 2);
    assert.equal(parse(out[1]!).fields.get('AJ')?.[0], '𠮷祥村的四季');
  });
});

describe('SIP2 client against the loopback ACS', () => {
  let acs: FakeAcs;
  const options = () => ({ host: '127.0.0.1', port: acs.port, user: 'kiosk', password: 'secret', location: 'xikou', institution: 'ck', timeoutMs: 800, retries: 3, checksums: true, poolSize: 2 });
  before(async () => {
    acs = await startFakeAcs({ user: 'kiosk', password: 'secret' });
  });
  after(() => acs.close());

  it('logs in (93) and asks the ACS status (99) first, byte-exactly', async () => {
    acs.received.length = 0;
    const c = new Sip2Connection(options());
    await c.open();
    c.close();
    assert.equal(acs.received[0], `9300CNkiosk|COsecret|CPxikou|AY0AZ${naive('9300CNkiosk|COsecret|CPxikou|AY0AZ')}`);
    assert.equal(acs.received[1], `9900802.00AY1AZ${naive('9900802.00AY1AZ')}`);
    assert.equal(c.acsRetries, 3, 'read from the 98');
  });

  it('refuses to work with a wrong login', async () => {
    const c = new Sip2Connection({ ...options(), password: 'wrong' });
    await assert.rejects(c.open(), (e: Sip2Error) => e.kind === 'login');
  });

  it('asks again with 97 after a bad checksum, an out-of-sequence answer or garbage', async () => {
    const c = new Sip2Connection(options());
    await c.open();
    for (const fault of ['badChecksum', 'wrongSequence', 'garbage'] as const) {
      acs.received.length = 0;
      acs.faults[fault] = 1;
      const m = await c.request(requests.itemInformation({ institution: 'ck', item: 'CK000521' }, new Date()), '18');
      assert.equal(m.fields.get('AJ')?.[0], '𠮷祥村的四季 Four Seasons of 𠮷xiang Village', fault);
      assert.deepEqual(acs.received.slice(1), ['97AZFEF5'], fault);
    }
    c.close();
  });

  it('resends its last message when the ACS asks (96)', async () => {
    const c = new Sip2Connection(options());
    await c.open();
    acs.received.length = 0;
    acs.faults.askResend = 2;
    const m = await c.request(requests.patronStatus({ institution: 'ck', patron: 'LIB00001', pin: PIN }, new Date()), '24');
    assert.equal(m.fields.get('CQ')?.[0], 'Y');
    assert.equal(acs.received.length, 3);
    assert.equal(acs.received[0], acs.received[2], 'the same bytes, the same sequence number');
    c.close();
  });

  it('gives up after the retry limit, then reconnects and logs in again', async () => {
    const pool = new Sip2Pool(options());
    const before = acs.logins;
    await pool.request(requests.itemInformation({ institution: 'ck', item: 'CK000001' }, new Date()), '18');
    acs.faults.badChecksum = 10;
    await assert.rejects(pool.request(requests.itemInformation({ institution: 'ck', item: 'CK000001' }, new Date()), '18'), (e: Sip2Error) => e.kind === 'protocol');
    acs.faults.badChecksum = 0;
    const m = await pool.request(requests.itemInformation({ institution: 'ck', item: 'CK000001' }, new Date()), '18');
    assert.equal(m.fixed.circulationStatus, '04');
    assert.equal(acs.logins, before + 2, 'a new connection, logged in again');
    pool.close();
  });

  it('reads answers cut into one-byte segments (UTF-8 titles intact)', async () => {
    const c = new Sip2Connection(options());
    await c.open();
    acs.faults.split = true;
    try {
      const m = await c.request(requests.itemInformation({ institution: 'ck', item: 'CK000511' }, new Date()), '18');
      assert.equal(m.fields.get('AJ')?.[0], '罪与罚 Crime and Punishment');
    } finally {
      acs.faults.split = false;
      c.close();
    }
  });

  it('times out on an ACS that stops answering', async () => {
    const c = new Sip2Connection(options());
    await c.open();
    acs.faults.silent = true;
    const started = Date.now();
    try {
      await assert.rejects(c.request(requests.itemInformation({ institution: 'ck', item: 'CK000001' }, new Date()), '18'), (e: Sip2Error) => e.kind === 'offline');
      assert.ok(Date.now() - started >= 700);
      assert.equal(c.closed, true);
    } finally {
      acs.faults.silent = false;
    }
  });
});

describe('the /api/library routes through the SIP2 gateway', () => {
  let acs: FakeAcs;
  let t: TestApp;
  const sip2 = (): Sip2Config => ({ host: '127.0.0.1', port: acs.port, user: 'kiosk', password: 'secret', institution: 'ck', location: 'xikou', poolSize: 2, timeoutMs: 800, retries: 3, checksums: true, timeZone: 'Asia/Shanghai' });
  const token = async (card: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/library/signin', headers: DEVICE, payload: { cardNumber: card, pin: PIN } });
    assert.equal(res.statusCode, 200, res.body);
    return json<{ token: string }>(res).token;
  };
  const sent = (code: string, barcode: string) => acs.received.filter((m) => m.startsWith(code) && m.includes(`AB${barcode}|`)).length;
  before(async () => {
    acs = await startFakeAcs({ user: 'kiosk', password: 'secret' });
    t = await createTestApp({ library: { overdueRenewal: 'refuse', scanAloneSignin: false, sip2: sip2() } });
  });
  after(async () => {
    await t.close();
    await acs.close();
  });

  it('says it is the SIP2 backend, online', async () => {
    assert.deepEqual(json(await get(t.app, '/api/library/status')), { backend: 'sip2', online: true, scanAloneSignin: false, kiosk: true });
  });

  it('signs in with card and PIN (23/24), refuses a wrong PIN', async () => {
    await token('LIB00001');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/library/signin', headers: DEVICE, payload: { cardNumber: 'LIB00001', pin: '000000' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(json(wrong).code, 'WRONG_PIN');
  });

  it('borrows with a UTF-8 title and due date, and a double scan never borrows twice', async () => {
    const tk = await token('LIB00036');
    const first = await post(t.app, '/api/library/checkout', { barcode: 'CK000522' }, { token: tk });
    assert.equal(first.statusCode, 201, first.body);
    const body = json<{ title: { 'zh-CN': string }; dueAt: string; alreadyYours: boolean; screenMessages: string[]; printLines: string[] }>(first);
    assert.equal(body.title['zh-CN'], '𠮷祥村的四季 Four Seasons of 𠮷xiang Village');
    assert.ok(Math.abs(Date.parse(body.dueAt) - (Date.now() + 30 * 86_400_000)) < 120_000);
    assert.deepEqual(body.screenMessages, ['Checkout OK']);
    assert.equal(body.printLines.length, 1);
    const again = await post(t.app, '/api/library/checkout', { barcode: 'CK000522' }, { token: tk });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(json<{ alreadyYours: boolean }>(again).alreadyYours, true);
    assert.equal(sent('11', 'CK000522'), 1, 'one checkout message, no renewal by accident');
  });

  it('answers the exact refusal codes', async () => {
    const code = async (card: string, barcode: string) => json<{ code: string; screenMessages?: string[] }>(await post(t.app, '/api/library/checkout', { barcode }, { token: await token(card) }));
    assert.equal((await code('LIB00002', 'CK000015')).code, 'CARD_BLOCKED_OVERDUE');
    assert.equal((await code('LIB00003', 'CK000015')).code, 'CARD_EXPIRED');
    const fines = await code('LIB00004', 'CK000015');
    assert.equal(fines.code, 'CARD_BLOCKED_FINES');
    assert.deepEqual(fines.screenMessages, ['Patron owes 12.50: excessive fines']);
    assert.equal((await code('LIB00037', 'CK000010')).code, 'NOT_FOR_LOAN');
    assert.equal((await code('LIB00037', 'CK000002')).code, 'ON_HOLD_FOR_ANOTHER');
    assert.equal((await code('LIB00037', 'CK000041')).code, 'ON_LOAN');
  });

  it('checks a checkout whose answer was lost with item information before any retry (done once)', async () => {
    const tk = await token('LIB00038');
    acs.faults.applyThenSilence.add('11');
    const out = await post(t.app, '/api/library/checkout', { barcode: 'CK000533' }, { token: tk });
    assert.equal(out.statusCode, 201, out.body);
    assert.equal(json<{ title: { en: string } }>(out).title.en, '希腊神话 Ελληνική Μυθολογία — Greek Myths');
    assert.equal(sent('11', 'CK000533'), 1, 'never sent twice');
    const afterLost = acs.received.slice(acs.received.findIndex((m) => m.startsWith('11') && m.includes('ABCK000533|')) + 1);
    assert.ok(afterLost.some((m) => m.startsWith('17') && m.includes('ABCK000533|')), 'item information after the lost answer');
    assert.equal(acs.items.get('CK000533')?.charged, 'LIB00038');
  });

  it('sends nothing to the library system for a write without a valid Idempotency-Key', async () => {
    const tk = await token('LIB00037');
    acs.received.length = 0;
    const res = await t.app.inject({ method: 'POST', url: '/api/library/checkout', headers: { ...DEVICE, authorization: `Bearer ${tk}`, 'idempotency-key': 'x' }, payload: { barcode: 'CK000536' } });
    assert.equal(res.statusCode, 400);
    assert.equal(json(res).code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.equal(acs.received.filter((m) => m.startsWith('11')).length, 0);
  });

  it('sends a checkout again only when the item shows it was not done', async () => {
    const tk = await token('LIB00039');
    acs.faults.swallow.add('11');
    const out = await post(t.app, '/api/library/checkout', { barcode: 'CK000534' }, { token: tk });
    assert.equal(out.statusCode, 201, out.body);
    assert.equal(sent('11', 'CK000534'), 2, 'the first never reached the library system');
    assert.equal(acs.items.get('CK000534')?.charged, 'LIB00039');
  });

  it('runs a double tap (same Idempotency-Key, at once) against the library system once', async () => {
    const tk = await token('LIB00039');
    const key = newKey();
    const [a, b] = await Promise.all([post(t.app, '/api/library/checkout', { barcode: 'CK000535' }, { token: tk, key }), post(t.app, '/api/library/checkout', { barcode: 'CK000535' }, { token: tk, key })]);
    assert.deepEqual([a.statusCode, b.statusCode], [201, 201]);
    assert.equal(json<{ dueAt: string }>(a).dueAt, json<{ dueAt: string }>(b).dueAt);
    assert.equal(sent('11', 'CK000535'), 1);
  });

  it('returns an item to the hold shelf with its sort bin (CL)', async () => {
    const back = await post(t.app, '/api/library/checkin', { barcode: 'CK000041' });
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual(json<{ holdShelf: unknown }>(back).holdShelf, { bin: 'H-06' });
    assert.equal(json(await post(t.app, '/api/library/checkin', { barcode: 'CK000041' })).code, 'NOT_ON_LOAN');
  });

  it('shows the account: loans with due dates, a ready hold with its pickup deadline, fines', async () => {
    const me = json<{ loans: { barcode: string; dueAt: string; overdue: boolean }[]; holds: { barcode: string; status: string; readyUntil: string | null; holdId: number }[] }>(await get(t.app, '/api/library/me', await token('LIB00001')));
    assert.deepEqual(me.loans.map((l) => l.barcode), ['CK000001']);
    assert.ok(Date.parse(me.loans[0]!.dueAt) > Date.now());
    const ready = me.holds.find((h) => h.barcode === 'CK000012')!;
    assert.equal(ready.status, 'ready');
    assert.ok(Date.parse(ready.readyUntil!) > Date.now());
    const four = json<{ fines: { amountCents: number }[]; finesTotalCents: number; fineLimitCents: number }>(await get(t.app, '/api/library/me', await token('LIB00004')));
    assert.deepEqual(four.fines.map((f) => f.amountCents), [800, 450]);
    assert.equal(four.finesTotalCents, 1250);
    assert.equal(four.fineLimitCents, 1000);
  });

  it('renews one (29) and all (65), places (15 +) and cancels (15 -) a hold', async () => {
    const tk = await token('LIB00036');
    const renew = await post(t.app, '/api/library/renew', { barcode: 'CK000522' }, { token: tk });
    assert.equal(renew.statusCode, 200, renew.body);
    const all = json<{ results: { barcode: string; ok: boolean }[] }>(await post(t.app, '/api/library/renew-all', {}, { token: await token('LIB00002') }));
    assert.deepEqual(all.results.map((r) => [r.barcode, r.ok]), [['CK000021', true], ['CK000011', false]]);
    assert.equal(json(await post(t.app, '/api/library/holds', { barcode: 'CK000016' }, { token: tk })).code, 'ITEM_AVAILABLE');
    const hold = await post(t.app, '/api/library/holds', { barcode: 'CK000058' }, { token: tk });
    assert.equal(hold.statusCode, 201, hold.body);
    const { holdId } = json<{ holdId: number }>(hold);
    const cancel = await t.app.inject({ method: 'DELETE', url: `/api/library/holds/${holdId}`, headers: { ...DEVICE, authorization: `Bearer ${tk}` } });
    assert.equal(cancel.statusCode, 204);
    assert.ok(acs.received.some((m) => m.startsWith('15-') && m.includes('ABCK000058|')));
    assert.equal(acs.items.get('CK000058')?.holds.includes('LIB00036'), false);
  });

  it('ends the patron session on the ACS (35/36) when the patron signs out', async () => {
    const tk = await token('LIB00040');
    acs.received.length = 0;
    const out = await t.app.inject({ method: 'POST', url: '/api/signout', headers: { ...DEVICE, authorization: `Bearer ${tk}` } });
    assert.equal(out.statusCode, 204, out.body);
    for (let i = 0; i < 50 && !acs.received.some((m) => m.startsWith('35')); i += 1) await new Promise((r) => setTimeout(r, 20));
    const end = acs.received.find((m) => m.startsWith('35'));
    assert.match(end ?? '', /^35\d{8} {3}Z\d{6}AOck\|AALIB00040\|AC\|AY\dAZ[0-9A-F]{4}$/);
  });

  it('answers 503 LIBRARY_OFFLINE when the ACS does not answer, and nothing is recorded as done', async () => {
    const tk = await token('LIB00039');
    acs.faults.silent = true;
    try {
      const key = newKey();
      const out = await post(t.app, '/api/library/checkout', { barcode: 'CK000017' }, { token: tk, key });
      assert.equal(out.statusCode, 503, out.body);
      assert.equal(json(out).code, 'LIBRARY_OFFLINE');
      assert.ok(json<{ reasons: { 'zh-CN': string } }>(out).reasons['zh-CN']);
      assert.equal(json<{ online: boolean }>(await get(t.app, '/api/library/status')).online, false);
      acs.faults.silent = false;
      // The same key again, once the ACS is back: carried out now (the 503 was not stored as its answer).
      const retry = await post(t.app, '/api/library/checkout', { barcode: 'CK000017' }, { token: tk, key });
      assert.equal(retry.statusCode, 201, retry.body);
    } finally {
      acs.faults.silent = false;
    }
  });
});
