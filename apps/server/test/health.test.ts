import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, DEVICE, get, json, post, residentToken, type TestApp } from './helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Entry = { resource: Record<string, any> & { id: string; resourceType: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Bundle = { resourceType: string; total: number; link: { relation: string; url: string }[]; entry: Entry[] };
const TYPES = ['Observation', 'Condition', 'MedicationStatement', 'Immunization', 'Encounter'] as const;

/** Follows link[next] from a first URL (made relative again for inject) and gathers every page. */
async function allPages(first: string, token: string): Promise<{ pages: Bundle[]; ids: string[] }> {
  const pages: Bundle[] = [];
  let url: string | undefined = first;
  while (url) {
    const res = await get(t.app, url, token);
    assert.equal(res.statusCode, 200, res.body);
    const page = json<Bundle>(res);
    pages.push(page);
    const next = page.link.find((l) => l.relation === 'next')?.url;
    url = next ? new URL(next).pathname + new URL(next).search : undefined;
    assert.ok(pages.length < 100, 'paging ends');
  }
  return { pages, ids: pages.flatMap((p) => p.entry.map((e) => e.resource.id)) };
}

async function cardOf(patientId: string): Promise<string> {
  const row = await t.store.db.selectFrom('residents').select('card_number').where('patient_id', '=', patientId).executeTakeFirstOrThrow();
  return row.card_number;
}

describe('health v2: paging, totals, _count, dates', () => {
  it('pages every search type with next links; total is the number of matches', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    for (const type of TYPES) {
      const whole = json<Bundle>(await get(t.app, `/fhir/${type}?patient=pat-001&_count=1000`, token));
      assert.ok(whole.total >= 1, type);
      assert.equal(whole.entry.length, whole.total, `${type}: _count=1000 gets all`);
      assert.equal(whole.link.some((l) => l.relation === 'next'), false);
      const { pages, ids } = await allPages(`/fhir/${type}?patient=pat-001&_count=2&_sort=-date`, token);
      assert.ok(pages.every((p) => p.total === whole.total), `${type}: total is the whole search on every page`);
      assert.ok(pages.every((p) => p.entry.length <= 2));
      assert.equal(ids.length, whole.total, `${type}: pages cover every match`);
      assert.equal(new Set(ids).size, ids.length, `${type}: no entry twice`);
      if (whole.total > 2) assert.ok(pages.length >= 2);
    }
  });

  it('pages 50 at a time by default and keeps code, date and sort in the next link', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    const first = json<Bundle>(await get(t.app, '/fhir/Observation?patient=pat-001', token));
    // 50 a page unless _count says otherwise; pat-001's 43 readings fit on one page, so no next link.
    assert.equal(first.entry.length, Math.min(50, first.total));
    assert.equal(first.link.some((l) => l.relation === 'next'), first.total > 50);
    const since = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    const { pages, ids } = await allPages(`/fhir/Observation?patient=pat-001&code=14771-0,29463-7&date=ge${since}&_sort=-date&_count=3`, token);
    const dates = pages.flatMap((p) => p.entry.map((e) => e.resource.effectiveDateTime as string));
    assert.deepEqual([...dates].sort().reverse(), dates, 'sorted newest first across pages');
    assert.ok(dates.every((d) => d >= since));
    assert.ok(ids.every((id) => id.startsWith('glu-') || id.startsWith('wt-')));
    const next = pages[0]!.link.find((l) => l.relation === 'next')!.url;
    assert.match(next, /code=14771-0%2C29463-7|code=14771-0,29463-7/);
    assert.match(next, /_sort=-date/);
  });

  it('filters Encounters by date (the follow-up still to come)', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const upcoming = json<Bundle>(await get(t.app, `/fhir/Encounter?patient=pat-001&date=ge${tomorrow}&_sort=date`, token));
    assert.equal(upcoming.total, 1);
    assert.equal(upcoming.entry[0]!.resource.status, 'planned');
  });

  it('refuses a bad _count with a localized reason', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    for (const bad of ['0', '1001', 'ten']) {
      const res = await get(t.app, `/fhir/Condition?patient=pat-001&_count=${bad}`, token);
      assert.equal(res.statusCode, 400, bad);
      const body = json<{ resourceType?: string; reasons: Record<string, string> }>(res);
      assert.ok(body.reasons['zh-CN'] && body.reasons.en);
    }
  });
});

describe('health v2: readings of the demo patients', () => {
  it('carries reference ranges and interpretations; a spread of normal, high and low', async () => {
    const seen = new Set<string>();
    for (const pid of ['pat-001', 'pat-003', 'pat-005', 'pat-010']) {
      const token = await residentToken(t.app, await cardOf(pid), 'health');
      const bp = json<Bundle>(await get(t.app, `/fhir/Observation?patient=${pid}&code=85354-9&_count=100`, token));
      for (const e of bp.entry) {
        for (const c of e.resource.component as { referenceRange: unknown[]; interpretation: { coding: { code: string }[] }[] }[]) {
          assert.equal(c.referenceRange.length, 1);
          seen.add(`bp:${c.interpretation[0]!.coding[0]!.code}`);
        }
      }
      const glu = json<Bundle>(await get(t.app, `/fhir/Observation?patient=${pid}&code=14771-0&_count=100`, token));
      for (const e of glu.entry.filter((x) => x.resource.status === 'final')) {
        assert.equal(e.resource.referenceRange[0].low.value, 3.9);
        assert.equal(e.resource.referenceRange[0].high.value, 6.1);
        seen.add(`glu:${e.resource.interpretation[0].coding[0].code}`);
      }
    }
    for (const want of ['bp:H', 'bp:N', 'bp:L', 'glu:H', 'glu:N', 'glu:L']) assert.ok(seen.has(want), `${want} in ${[...seen].join(' ')}`);
  });

  it('has one entered-in-error glucose for pat-001 and no observations for pat-020', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    const glu = json<Bundle>(await get(t.app, '/fhir/Observation?patient=pat-001&code=14771-0&_count=100', token));
    const wrong = glu.entry.filter((e) => e.resource.status === 'entered-in-error');
    assert.equal(wrong.length, 1);
    assert.equal(wrong[0]!.resource.valueQuantity.value, 71);
    const newcomer = await residentToken(t.app, await cardOf('pat-020'), 'health');
    const none = json<Bundle>(await get(t.app, '/fhir/Observation?patient=pat-020', newcomer));
    assert.equal(none.total, 0);
    assert.deepEqual(none.entry, []);
    assert.ok(json<Bundle>(await get(t.app, '/fhir/Encounter?patient=pat-020', newcomer)).total >= 1, 'but visits and the rest');
  });

  it('declares _count and date for every type in the CapabilityStatement', async () => {
    const cs = json<{ rest: { resource: { type: string; searchParam: { name: string }[] }[] }[] }>(await get(t.app, '/fhir/metadata'));
    for (const r of cs.rest[0]!.resource.filter((x) => x.type !== 'Patient')) {
      const names = r.searchParam.map((p) => p.name);
      for (const n of ['patient', 'date', '_sort', '_count']) assert.ok(names.includes(n), `${r.type} ${n}`);
    }
  });
});

describe('health v2: take it with you', () => {
  it('makes a single-use link after the visitor confirms; it shows the summary once, no-store, audited', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    assert.equal((await post(t.app, '/api/health/take-away', {}, { token })).statusCode, 400, 'no confirmation, no link');
    assert.equal((await post(t.app, '/api/health/take-away', { confirmed: true })).statusCode, 401);
    const made = await post(t.app, '/api/health/take-away', { confirmed: true }, { token });
    assert.equal(made.statusCode, 201, made.body);
    const { url, expiresAt } = json<{ url: string; expiresAt: string }>(made);
    const ttl = new Date(expiresAt).getTime() - Date.now();
    assert.ok(ttl > 9 * 60_000 && ttl <= 10 * 60_000 + 1000, String(ttl));
    const path = new URL(url).pathname;
    const page = await t.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.equal(page.headers['cache-control'], 'no-store');
    const patient = await t.store.db.selectFrom('residents').select('name').where('patient_id', '=', 'pat-001').executeTakeFirstOrThrow();
    assert.ok(page.body.includes(patient.name));
    assert.match(page.body, /高血压|Hypertension/);
    assert.ok(!page.body.includes('<script'), 'no script');
    const again = await t.app.inject({ method: 'GET', url: path });
    assert.equal(again.statusCode, 410, 'opens once');
    assert.ok(!again.body.includes(patient.name));
    const actions = (await t.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'health.take-away.%').execute()).map((r) => r.action);
    assert.ok(actions.includes('health.take-away.create') && actions.includes('health.take-away.view') && actions.includes('health.take-away.refused'));
    const rows = await t.store.db.selectFrom('health_share_links').selectAll().execute();
    assert.ok(rows.every((r) => !url.includes(r.code_hash)), 'only a hash of the code is stored');
  });

  it('expires after 10 minutes', async () => {
    const token = await residentToken(t.app, 'XK0001', 'health');
    const { url } = json<{ url: string }>(await post(t.app, '/api/health/take-away', { confirmed: true }, { token }));
    t.advance(10 * 60_000 + 1);
    try {
      assert.equal((await t.app.inject({ method: 'GET', url: new URL(url).pathname })).statusCode, 410);
    } finally {
      t.advance(-(10 * 60_000 + 1));
    }
  });

  it('follows the site setting, which the site answer carries', async () => {
    const site = json<{ healthTakeAway: string }>(await t.app.inject({ method: 'GET', url: '/api/kiosk/site', headers: DEVICE }));
    assert.equal(site.healthTakeAway, 'qr', 'a site without a setting offers a QR code');
    await t.store.db.insertInto('health_site_settings').values({ site_id: 'xikou-hall', take_away: 'print' }).execute();
    try {
      assert.equal(json<{ healthTakeAway: string }>(await t.app.inject({ method: 'GET', url: '/api/kiosk/site', headers: DEVICE })).healthTakeAway, 'print');
      const token = await residentToken(t.app, 'XK0001', 'health');
      const refused = await post(t.app, '/api/health/take-away', { confirmed: true }, { token });
      assert.equal(refused.statusCode, 409);
      const body = json<{ code: string; reasons: Record<string, string> }>(refused);
      assert.equal(body.code, 'TAKE_AWAY_NOT_OFFERED');
      assert.ok(body.reasons['zh-CN'] && body.reasons.en);
    } finally {
      await t.store.db.deleteFrom('health_site_settings').where('site_id', '=', 'xikou-hall').execute();
    }
  });
});
