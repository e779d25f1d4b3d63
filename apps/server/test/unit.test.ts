import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { motionStatus, newReceipt, tally } from '../src/deliberation/tally.js';
import * as fhir from '../src/health/fhir.js';
import { afterFailure, isLocked } from '../src/identity/lockout.js';
import { hashPin, verifyPin } from '../src/identity/pin.js';
import { signToken, verifyToken } from '../src/identity/tokens.js';
import { Keyring } from '../src/identity/keys.js';
import { likeContains, pinyinInitials } from '../src/library/pinyin.js';
import { checkoutRefusal, lateFineCents, renewRefusal, type PatronState } from '../src/library/rules.js';
import { isbn13 } from '../src/db/seed/library.js';
import { seedStations } from '../src/db/seed/stations.js';
import { seedSites, seedVillage } from '../src/db/seed/village.js';
import { distanceMetres } from '../src/stations/geojson.js';

const now = new Date('2025-06-01T10:00:00Z');
const patron = (p: Partial<PatronState> = {}): PatronState => ({ patronId: 'p1', expiresOn: '2026-01-01', maxLoans: 2, openLoans: 0, overdueLoans: 0, unpaidFinesCents: 0, ...p });
const item = { loanable: true, onLoanTo: null, holdQueue: [] as string[] };

describe('tally', () => {
  it('counts each household once and lists receipts sorted', () => {
    const t = tally(
      [
        { household_id: 'h1', choice: 'agree', receipt: 'ZZZZ' },
        { household_id: 'h2', choice: 'disagree', receipt: 'AAAA' },
        { household_id: 'h1', choice: 'disagree', receipt: 'MMMM' },
      ],
      4,
    );
    assert.deepEqual(t.counts, { agree: 1, disagree: 1, abstain: 0 });
    assert.equal(t.ballots, 2);
    assert.equal(t.turnout, 0.5);
    assert.deepEqual(t.receipts, ['AAAA', 'ZZZZ']);
  });
  it('handles no eligible households', () => assert.equal(tally([], 0).turnout, 0));
  it('makes readable, distinct receipts', () => {
    const r = new Set(Array.from({ length: 200 }, newReceipt));
    assert.equal(r.size, 200);
    for (const x of r) assert.match(x, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
  it('derives motion status from its window', () => {
    assert.equal(motionStatus('2025-06-02T00:00:00Z', '2025-06-03T00:00:00Z', now), 'upcoming');
    assert.equal(motionStatus('2025-05-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z', now), 'open');
    assert.equal(motionStatus('2025-05-01T00:00:00.000Z', '2025-06-01T10:00:00.000Z', now), 'closed');
  });
});

describe('library rules', () => {
  it('allows a patron in good standing', () => assert.equal(checkoutRefusal(patron(), item, now), null));
  it('refuses in the documented order with exact codes', () => {
    assert.equal(checkoutRefusal(patron({ expiresOn: '2025-05-31' }), item, now)?.code, 'CARD_EXPIRED');
    assert.equal(checkoutRefusal(patron({ openLoans: 1, overdueLoans: 1 }), item, now)?.code, 'CARD_BLOCKED_OVERDUE');
    assert.equal(checkoutRefusal(patron({ unpaidFinesCents: 1001 }), item, now)?.code, 'CARD_BLOCKED_FINES');
    assert.equal(checkoutRefusal(patron({ unpaidFinesCents: 1000 }), item, now), null);
    assert.equal(checkoutRefusal(patron(), { ...item, loanable: false }, now)?.code, 'NOT_FOR_LOAN');
    assert.equal(checkoutRefusal(patron(), { ...item, onLoanTo: 'p2' }, now)?.code, 'ON_LOAN');
    assert.equal(checkoutRefusal(patron(), { ...item, holdQueue: ['p2', 'p1'] }, now)?.code, 'ON_HOLD_FOR_ANOTHER');
    assert.equal(checkoutRefusal(patron(), { ...item, holdQueue: ['p1', 'p2'] }, now), null);
    const full = patron({ openLoans: 2 });
    assert.equal(checkoutRefusal(full, item, now)?.code, 'LOAN_LIMIT');
  });
  it('gives reasons in both languages', () => {
    const e = checkoutRefusal(patron({ unpaidFinesCents: 1250 }), item, now)!;
    assert.match(e.toBody().reasons['zh-CN'], /¥12\.50/);
    assert.match(e.toBody().reasons.en, /¥12\.50/);
  });
  it('limits renewals and respects waiting readers', () => {
    assert.equal(renewRefusal(patron(), 2, [], now)?.code, 'RENEW_LIMIT');
    assert.equal(renewRefusal(patron(), 0, ['p2'], now)?.code, 'ON_HOLD_FOR_ANOTHER');
    assert.equal(renewRefusal(patron(), 1, [], now), null);
  });
  it('fines whole days late only', () => {
    assert.equal(lateFineCents('2025-05-31T11:00:00.000Z', now), 0);
    assert.equal(lateFineCents('2025-05-20T10:00:00.000Z', now), 120);
  });
});

describe('pinyin and search helpers', () => {
  it('gives initials of Chinese titles', () => {
    assert.equal(pinyinInitials('红楼梦'), 'hlm');
    assert.equal(pinyinInitials('骆驼祥子'), 'ltxz');
    assert.equal(pinyinInitials('平凡的世界'), 'pfdsj');
  });
  it('escapes LIKE wildcards', () => assert.equal(likeContains('50%_a\\'), '%50\\%\\_a\\\\%'));
});

describe('FHIR helpers', () => {
  it('builds a blood pressure panel with LOINC components', () => {
    const o = fhir.bloodPressure('bp1', 'pat-1', '2025-01-01T00:00:00.000Z', 142, 91) as unknown as { code: { coding: { code: string }[] }; component: { code: { coding: { code: string }[] }; valueQuantity: { value: number; code: string } }[] };
    assert.equal(o.code.coding[0]!.code, '85354-9');
    assert.deepEqual(o.component.map((c) => c.code.coding[0]!.code), ['8480-6', '8462-4']);
    assert.equal(o.component[0]!.valueQuantity.code, 'mm[Hg]');
  });
  it('parses FHIR date search prefixes', () => {
    assert.deepEqual(fhir.parseDateParam('ge2025-01'), [{ op: '>=', value: '2025-01-01T00:00:00.000Z' }]);
    assert.deepEqual(fhir.parseDateParam('2025'), [
      { op: '>=', value: '2025-01-01T00:00:00.000Z' },
      { op: '<', value: '2026-01-01T00:00:00.000Z' },
    ]);
    assert.deepEqual(fhir.parseDateParam('le2025-02-28'), [{ op: '<', value: '2025-03-01T00:00:00.000Z' }]);
    assert.equal(fhir.parseDateParam('ne2025'), null);
    assert.equal(fhir.parseDateParam('2025-13-45'), null);
    assert.equal(fhir.parseDateParam("2025' OR 1=1"), null);
  });
  it('wraps resources in a searchset Bundle', () => {
    const b = fhir.searchBundle('http://x/fhir', [fhir.encounter('e1', 'p', '2025-01-01T00:00:00.000Z', 'finished')], 'http://x/fhir/Encounter?patient=p') as { type: string; total: number; entry: { fullUrl: string }[] };
    assert.equal(b.type, 'searchset');
    assert.equal(b.total, 1);
    assert.equal(b.entry[0]!.fullUrl, 'http://x/fhir/Encounter/e1');
  });
});

describe('identity', () => {
  it('hashes PINs with scrypt and verifies them', async () => {
    const h = await hashPin('246810');
    assert.match(h, /^scrypt\$16384\$8\$1\$/);
    assert.equal(h.includes('246810'), false);
    assert.equal(await verifyPin('246810', h), true);
    assert.equal(await verifyPin('246811', h), false);
    assert.notEqual(await hashPin('246810'), h);
  });
  it('locks on the fifth failure for 15 minutes', () => {
    assert.deepEqual(afterFailure(4, now), { lock: false, lockedUntil: null, attemptsLeft: 1 });
    const locked = afterFailure(5, now);
    assert.equal(locked.lockedUntil, '2025-06-01T10:15:00.000Z');
    assert.equal(isLocked({ failedPins: 0, lockedUntil: locked.lockedUntil }, new Date('2025-06-01T10:14:59Z')), true);
    assert.equal(isLocked({ failedPins: 0, lockedUntil: locked.lockedUntil }, new Date('2025-06-01T10:15:00Z')), false);
  });
  it('signs short-lived tokens and rejects tampering and expiry', () => {
    const ring = (secret: string) => new Keyring({ kid: 'k1', secret });
    const t0 = now.getTime();
    const { token } = signToken(ring('secret'), { sub: 'r1', svc: 'health', pid: 'pat-1' }, t0, 60 * 60_000);
    assert.equal(verifyToken(ring('secret'), token, t0)?.pid, 'pat-1');
    assert.equal(verifyToken(ring('secret'), token, t0 + 10 * 60_000), null, 'capped at 10 minutes');
    assert.equal(verifyToken(ring('other'), token, t0), null);
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'r2', svc: 'health', pid: 'pat-2', exp: t0 + 60_000 })).toString('base64url');
    assert.equal(verifyToken(ring('secret'), `${forged}.${mac}`, t0), null);
    assert.equal(verifyToken(ring('secret'), `${payload}`, t0), null);
  });
});

describe('demo data', () => {
  it('has ~30 stations, mostly in Ningde, all with OSM tags and an official', () => {
    const stations = seedStations('2025-01-01T00:00:00.000Z');
    assert.ok(stations.length >= 30);
    assert.ok(stations.filter((s) => s.city === 'Ningde').length >= 26);
    for (const s of stations) {
      const tags = JSON.parse(s.tags) as Record<string, string>;
      assert.equal(tags.amenity, 'toilets');
      assert.ok(tags.opening_hours && tags.wheelchair && tags.changing_table && tags.drinking_water);
      assert.ok(s.official_name && /^0\d{3}-\d{7}$/.test(s.official_phone));
      // OSM convention: the operator in Chinese, its English name apart, so no English leaks onto zh-CN screens.
      assert.match(tags.operator!, /^\p{Script=Han}+$/u);
      assert.match(tags['operator:en']!, /^[A-Za-z ]+$/);
    }
    assert.deepEqual(seedStations('2025-01-01T00:00:00.000Z'), stations, 'deterministic');
  });
  it('makes every station site its station: same name, position and official', () => {
    const stations = seedStations('2025-01-01T00:00:00.000Z');
    const sites = seedSites(stations);
    assert.deepEqual(sites.map((s) => s.id), ['xikou-hall', 'ningde-donghu', 'hangzhou-westlake']);
    for (const site of sites) {
      assert.deepEqual([site.default_locale, site.idle_seconds, site.time_zone], ['zh-CN', 90, 'Asia/Shanghai']);
      assert.ok((JSON.parse(site.services) as string[]).includes('stations'), site.id);
      if (!site.station_id) continue;
      const station = stations.find((s) => s.id === site.station_id)!;
      assert.deepEqual(
        [site.name_zh, site.name_en, site.lon, site.lat, site.official_name, site.official_phone],
        [station.name_zh, station.name_en, station.lon, station.lat, station.official_name, station.official_phone],
        site.id,
      );
    }
    assert.deepEqual(JSON.parse(sites[0]!.services), ['deliberation', 'health', 'library', 'stations']);
    assert.equal(sites.filter((s) => s.station_id).length, 2);
  });
  it('has about 200 residents in 90 households, deterministically', () => {
    const a = seedVillage();
    assert.equal(a.households.length, 90);
    assert.ok(a.residents.length >= 190 && a.residents.length <= 230);
    assert.deepEqual(seedVillage(), a);
    assert.equal(a.residents.filter((r) => r.patient_id).length, 20);
  });
  it('uses valid ISBN-13 check digits', () => assert.equal(isbn13('978030640615'), '9780306406157'));
  it('measures distances', () => {
    const d = distanceMetres([119.5468, 26.6569], [118.8727, 28.9381]);
    assert.ok(d > 250_000 && d < 270_000, String(d));
  });
});
