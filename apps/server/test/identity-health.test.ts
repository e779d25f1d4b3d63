import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, DEVICE, get, json, PIN, residentToken, patronToken, type TestApp } from './helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const signIn = (cardNumber: string, pin: string) =>
  t.app.inject({ method: 'POST', url: '/api/residents/signin', headers: DEVICE, payload: { cardNumber, pin, service: 'health' } });

type Bundle = { resourceType: string; type: string; total: number; entry: { resource: Record<string, unknown> & { effectiveDateTime?: string; id: string } }[] };

describe('identity', () => {
  it('locks after five wrong PINs for 15 minutes and says so', async () => {
    // Each failure past the first adds a wait (2, 5, 10 s) before the next attempt is checked.
    for (let i = 1; i <= 4; i += 1) {
      const res = await signIn('XK0005', '000000');
      assert.equal(res.statusCode, 401);
      assert.equal(json<{ attemptsLeft: number }>(res).attemptsLeft, 5 - i);
      t.advance(10_000);
    }
    const fifth = await signIn('XK0005', '000000');
    assert.equal(fifth.statusCode, 423);
    const body = json<{ code: string; reasons: Record<string, string>; lockedUntil: string }>(fifth);
    assert.equal(body.code, 'PIN_LOCKED');
    assert.match(body.reasons['zh-CN']!, /15 分钟/);
    assert.match(body.reasons.en!, /15 minutes/);
    assert.ok(fifth.headers['retry-after']);
    const right = await signIn('XK0005', PIN);
    assert.equal(right.statusCode, 423, 'even the right PIN is refused while locked');
    t.advance(15 * 60_000 + 1000);
    try {
      assert.equal((await signIn('XK0005', PIN)).statusCode, 200);
    } finally {
      t.advance(-(15 * 60_000 + 1000 + 4 * 10_000));
    }
  });

  it('never stores or echoes the PIN', async () => {
    const res = await signIn('XK0005', '987654');
    assert.equal(res.body.includes('987654'), false);
    const row = await t.store.db.selectFrom('residents').select('pin_hash').where('card_number', '=', 'XK0005').executeTakeFirstOrThrow();
    assert.match(row.pin_hash!, /^scrypt\$/);
  });

  it('needs a registered kiosk to sign in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/residents/signin', payload: { cardNumber: 'XK0001', pin: PIN, service: 'health' } });
    assert.equal(res.statusCode, 401);
    assert.equal(json(res).code, 'DEVICE_UNKNOWN');
  });

  it('issues tokens that expire within 10 minutes and only open one service', async () => {
    const res = await signIn('XK0001', PIN);
    const { token, expiresAt } = json<{ token: string; expiresAt: string }>(res);
    assert.ok(new Date(expiresAt).getTime() - Date.now() <= 10 * 60_000);
    assert.equal((await get(t.app, '/api/library/me', token)).statusCode, 401, 'a health token is no library token');
    const libraryToken = await patronToken(t.app, 'LIB00001');
    assert.equal((await get(t.app, '/fhir/Patient/pat-001', libraryToken)).statusCode, 401);
    t.advance(10 * 60_000 + 1);
    try {
      assert.equal((await get(t.app, '/fhir/Patient/pat-001', token)).statusCode, 401);
    } finally {
      t.advance(-(10 * 60_000 + 1));
    }
  });
});

describe('health (FHIR R4)', () => {
  it('reads the signed-in patient and finds them by identifier', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    const res = await get(t.app, '/fhir/Patient/pat-001', token);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/fhir\+json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const p = json<{ resourceType: string; identifier: { value: string }[] }>(res);
    assert.equal(p.resourceType, 'Patient');
    assert.equal(p.identifier[0]!.value, 'XK0001');
    const bundle = json<Bundle>(await get(t.app, '/fhir/Patient?identifier=urn:civic-kiosk:resident-card|XK0001', token));
    assert.equal(bundle.type, 'searchset');
    assert.equal(bundle.total, 1);
  });

  it('refuses another patient\'s record and logs the attempt', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    const other = await t.store.db.selectFrom('residents').select('card_number').where('patient_id', '=', 'pat-002').executeTakeFirstOrThrow();
    const res = await get(t.app, '/fhir/Patient/pat-002', token);
    assert.equal(res.statusCode, 403);
    const body = json<{ resourceType: string; code: string; reasons: Record<string, string> }>(res);
    assert.equal(body.resourceType, 'OperationOutcome');
    assert.equal(body.code, 'FORBIDDEN');
    assert.equal((await get(t.app, '/fhir/Observation?patient=pat-002', token)).statusCode, 403);
    // A search for someone else's card answers like a card that does not exist, and is logged as denied.
    const someoneElse = await get(t.app, `/fhir/Patient?identifier=${other.card_number}`, token);
    const nobody = await get(t.app, '/fhir/Patient?identifier=ZZ9999', token);
    assert.equal(someoneElse.statusCode, 200);
    const strip = (b: Record<string, unknown>) => ({ ...b, link: undefined, id: undefined, meta: undefined });
    assert.deepEqual(strip(json(someoneElse)), strip(json(nobody)));
    assert.equal(json<Bundle>(someoneElse).total, 0);
    const denied = await t.store.db.selectFrom('audit_log').selectAll().where('action', 'like', '%.denied').where('subject', '=', 'Patient/pat-002').execute();
    assert.ok(denied.length >= 3);
    assert.equal((await get(t.app, '/fhir/Patient/pat-001')).statusCode, 401);
  });

  it('searches Observations by code and date, sorted', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    const bp = json<Bundle>(await get(t.app, '/fhir/Observation?patient=Patient/pat-001&code=http://loinc.org|85354-9&_sort=-date', token));
    assert.ok(bp.total >= 13, `12+ months of blood pressure, got ${bp.total}`);
    const dates = bp.entry.map((e) => e.resource.effectiveDateTime!);
    assert.deepEqual([...dates].sort().reverse(), dates);
    const comp = (bp.entry[0]!.resource.component as { code: { coding: { code: string }[] } }[]).map((c) => c.code.coding[0]!.code);
    assert.deepEqual(comp, ['8480-6', '8462-4']);
    const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    const recent = json<Bundle>(await get(t.app, `/fhir/Observation?patient=pat-001&code=85354-9&date=ge${since}`, token));
    assert.ok(recent.total >= 2 && recent.total <= 4, String(recent.total));
    assert.ok(recent.entry.every((e) => e.resource.effectiveDateTime! >= since));
    const glucoseAndWeight = json<Bundle>(await get(t.app, '/fhir/Observation?patient=pat-001&code=14771-0,29463-7&_count=5', token));
    assert.equal(glucoseAndWeight.entry.length, 5, '_count is the page size');
    assert.ok(glucoseAndWeight.total >= 28, 'total counts every match, not the page');
    const audits = await t.store.db.selectFrom('audit_log').select('id').where('action', '=', 'fhir.search.Observation').execute();
    assert.ok(audits.length >= 3, 'every read is audited');
  });

  it('returns Conditions, MedicationStatements, Immunizations and Encounters', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    for (const type of ['Condition', 'MedicationStatement', 'Immunization', 'Encounter']) {
      const b = json<Bundle>(await get(t.app, `/fhir/${type}?patient=pat-001`, token));
      assert.equal(b.resourceType, 'Bundle');
      assert.ok(b.total >= 1, type);
      assert.ok(b.entry.every((e) => e.resource.resourceType === type));
    }
  });
});
