import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { createTestApp, DEVICE, isErrorBody, newKey, patronToken, residentToken, type TestApp } from './helpers.js';

let t: TestApp;
const tokens: Record<string, string> = {};
before(async () => {
  t = await createTestApp();
  tokens.deliberation = await residentToken(t.app, 'XK0001', 'deliberation');
  tokens.health = await residentToken(t.app, 'XK0001', 'health');
  tokens.library = await patronToken(t.app, 'LIB00001');
});
after(() => t.close());

type Field = 'id' | 'text' | 'number' | 'enum' | 'free';
interface Route {
  method: 'GET' | 'POST';
  path: string;
  params?: Record<string, string>;
  query?: Record<string, [string, Field]>;
  body?: Record<string, [unknown, Field, 'optional'?]>;
  auth?: 'deliberation' | 'health' | 'library';
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/stations', query: { lat: ['26.65', 'number'], lon: ['119.5', 'number'], radiusKm: ['5', 'number'] } },
  { method: 'GET', path: '/api/stations/:id', params: { id: 'nd-001' } },
  ...['', '/proposals', '/meetings', '/motions', '/progress'].map((suffix): Route => ({ method: 'GET', path: `/api/deliberation/topics/:topicId${suffix}`, params: { topicId: 'topic-parking' } })),
  { method: 'GET', path: '/api/deliberation/proposals/:proposalId/comments', params: { proposalId: 'prop-kerbside' } },
  { method: 'POST', path: '/api/deliberation/proposals/:proposalId/comments', params: { proposalId: 'prop-kerbside' }, body: { body: ['好主意', 'free'] }, auth: 'deliberation' },
  { method: 'POST', path: '/api/deliberation/proposals/:proposalId/supports', params: { proposalId: 'prop-kerbside' }, body: {}, auth: 'deliberation' },
  { method: 'POST', path: '/api/deliberation/topics/:topicId/proposals', params: { topicId: 'topic-parking' }, body: { title: ['新方案', 'free'], body: ['说明', 'free'] }, auth: 'deliberation' },
  ...['', '/results'].map((suffix): Route => ({ method: 'GET', path: `/api/deliberation/motions/:motionId${suffix}`, params: { motionId: 'motion-barrier-gate' } })),
  { method: 'GET', path: '/api/deliberation/motions/:motionId/my-ballot', params: { motionId: 'motion-barrier-gate' }, auth: 'deliberation' },
  { method: 'GET', path: '/api/deliberation/motions/:motionId/receipts/:receipt', params: { motionId: 'motion-barrier-gate', receipt: 'AAAA-BBBB-CCCC' } },
  { method: 'POST', path: '/api/deliberation/motions/:motionId/ballots', params: { motionId: 'motion-barrier-gate' }, body: { choice: ['agree', 'enum'] }, auth: 'deliberation' },
  { method: 'POST', path: '/api/residents/signin', body: { cardNumber: ['XK0001', 'id'], pin: ['654321', 'id'], service: ['health', 'enum'] } },
  { method: 'GET', path: '/fhir/metadata', query: { _format: ['json', 'enum'] } },
  { method: 'GET', path: '/fhir/Patient/:id', params: { id: 'pat-001' }, auth: 'health' },
  { method: 'GET', path: '/fhir/Patient', query: { identifier: ['XK0001', 'id'] }, auth: 'health' },
  { method: 'GET', path: '/fhir/Observation', query: { patient: ['pat-001', 'id'], code: ['85354-9', 'id'], date: ['ge2024-01-01', 'id'], _sort: ['-date', 'enum'], _count: ['10', 'number'] }, auth: 'health' },
  ...['Condition', 'MedicationStatement', 'Immunization', 'Encounter'].map((type): Route => ({ method: 'GET', path: `/fhir/${type}`, query: { patient: ['pat-001', 'id'] }, auth: 'health' })),
  { method: 'POST', path: '/api/library/signin', body: { cardNumber: ['LIB00001', 'id'], pin: ['654321', 'id'] } },
  { method: 'GET', path: '/api/library/items/:barcode', params: { barcode: 'CK000003' } },
  { method: 'GET', path: '/api/library/search', query: { q: ['hlm', 'text'], by: ['initials', 'enum'], limit: ['5', 'number'] } },
  ...['checkout', 'renew', 'holds'].map((op): Route => ({ method: 'POST', path: `/api/library/${op}`, body: { barcode: ['CK000003', 'id'] }, auth: 'library' })),
  { method: 'POST', path: '/api/library/checkin', body: { barcode: ['CK000003', 'id'] } },
  { method: 'GET', path: '/api/library/me', auth: 'library' },
  { method: 'POST', path: '/api/kiosk/heartbeat', body: { deviceId: ['demo-xikou-hall', 'id', 'optional'], version: ['1.0.0', 'id'], uptimeSeconds: [10, 'number'], siteId: ['xikou-hall', 'id', 'optional'] } },
  { method: 'GET', path: '/api/kiosk/sites/:siteId', params: { siteId: 'xikou-hall' } },
  // Issue 9 part A: sign-out, staff (the library token has no session, so nothing here can end one the suite needs).
  { method: 'POST', path: '/api/signout', body: {}, auth: 'library' },
  { method: 'POST', path: '/api/staff/signin', body: { username: ['li.wei', 'id'], password: ['not the password', 'id'] } },
  { method: 'POST', path: '/api/staff/signout', body: {} },
  { method: 'POST', path: '/api/staff/accounts/unlock', body: { kind: ['resident', 'enum'], cardNumber: ['XK0001', 'id'] } },
  { method: 'GET', path: '/api/kiosk/site' },
  { method: 'GET', path: '/api/staff/devices' },
  { method: 'POST', path: '/api/staff/devices/:deviceId/revoke', params: { deviceId: 'demo-xikou-hall' }, body: {} },
  // An unknown code is itself a bad request: every variant is refused.
  { method: 'POST', path: '/api/devices/enroll', body: { code: ['ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'id'] } },
];


/** The answer's JSON body, or null when it is not JSON (which the suite counts as a failure). */
function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const INJECTIONS = ["' OR 1=1 --", '1; DROP TABLE loans;--', '<script>alert(1)</script>', '${7*7}', '../../../etc/passwd', '%00', 'a\u0000b', '{"$gt":""}', 'x'.repeat(5000), '😀💥'.repeat(40)];
const MARKUP = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a\u0000b', '\u001b[31mred', 'x'.repeat(5000)];
const WRONG_TYPES: unknown[] = [123, true, null, [], {}, [1, 2]];
const MALFORMED = ['{', '{"a":', '[1,2', 'nul', '{"a":1,}', "{'a':1}", '\u0000'];

/** Fills a path template; non-ASCII and reserved characters are percent-encoded as a browser would. */
function fill(route: Route, params: Record<string, string>): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
function qs(query: Record<string, string>): string {
  const s = new URLSearchParams(query).toString();
  return s ? `?${s}` : '';
}

/** Many bad requests per route: broken JSON, wrong types, unknown and missing fields, injections, huge bodies, unknown ids. */
function badRequests(route: Route): { label: string; opts: InjectOptions }[] {
  const headers: Record<string, string> = { ...DEVICE, ...(route.auth ? { authorization: `Bearer ${tokens[route.auth]}` } : {}) };
  const validParams = route.params ?? {};
  const validQuery = Object.fromEntries(Object.entries(route.query ?? {}).map(([k, [v]]) => [k, v]));
  const validBody = Object.fromEntries(Object.entries(route.body ?? {}).map(([k, [v]]) => [k, v]));
  const out: { label: string; opts: InjectOptions }[] = [];
  const req = (label: string, o: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; raw?: string; contentType?: string }) => {
    const url = fill(route, o.params ?? validParams) + qs(o.query ?? validQuery);
    const h: Record<string, string> = { ...headers };
    if (route.method === 'POST') {
      h['idempotency-key'] = newKey();
      h['content-type'] = o.contentType ?? 'application/json';
    }
    out.push({ label, opts: { method: route.method, url, headers: h, ...(route.method === 'POST' ? { payload: o.raw ?? JSON.stringify(o.body ?? validBody) } : {}) } });
  };

  for (const name of Object.keys(validParams)) {
    for (const inj of INJECTIONS) req(`param ${name}=${inj.slice(0, 20)}`, { params: { ...validParams, [name]: inj } });
    req(`unknown ${name}`, { params: { ...validParams, [name]: name === 'barcode' ? 'ZZ999999' : name === 'receipt' ? 'ZZZZ-ZZZZ-ZZZZ' : 'zz-unknown-1' } });
  }
  for (const [name, [, kind]] of Object.entries(route.query ?? {})) {
    for (const inj of INJECTIONS) req(`query ${name}=${inj.slice(0, 20)}`, { query: { ...validQuery, [name]: inj } });
    if (kind === 'number') for (const v of ['abc', '1e999', '-99999', '']) req(`query ${name}=${v}`, { query: { ...validQuery, [name]: v } });
    if (kind === 'enum') req(`query ${name} out of range`, { query: { ...validQuery, [name]: 'nonsense' } });
  }
  if (route.method === 'GET') {
    req('unknown query field', { query: { ...validQuery, debug: '1' } });
  } else {
    for (const raw of MALFORMED) req(`malformed ${JSON.stringify(raw)}`, { raw });
    req('array body', { raw: '[]' });
    req('string body', { raw: '"hello"' });
    req('number body', { raw: '42' });
    req('unknown field', { body: { ...validBody, isAdmin: true } });
    req('too large', { body: { ...validBody, padding: 'x'.repeat(70 * 1024) } });
    req('text/plain', { raw: JSON.stringify(validBody), contentType: 'text/plain' });
    for (const [name, [value, kind, optional]] of Object.entries(route.body ?? {})) {
      for (const wrong of WRONG_TYPES) if (typeof wrong !== typeof value || wrong === null) req(`body ${name} as ${JSON.stringify(wrong)}`, { body: { ...validBody, [name]: wrong } });
      const { [name]: _omitted, ...without } = validBody;
      if (!optional) req(`missing ${name}`, { body: without });
      if (typeof value === 'string') for (const inj of kind === 'free' ? MARKUP : INJECTIONS) req(`body ${name}=${inj.slice(0, 20)}`, { body: { ...validBody, [name]: inj } });
      if (kind === 'number') for (const v of [-1, 1.5, 1e12]) req(`body ${name}=${v}`, { body: { ...validBody, [name]: v } });
    }
  }
  return out;
}

/** Everything a bad request could change (the audit log and idempotency records are expected to note refusals). */
async function snapshot(): Promise<string> {
  const db = t.store.db;
  const parts = await Promise.all([
    db.selectFrom('loans').selectAll().orderBy('id').execute(),
    db.selectFrom('holds').selectAll().orderBy('id').execute(),
    db.selectFrom('fines').selectAll().orderBy('id').execute(),
    db.selectFrom('ballots').selectAll().orderBy('motion_id').orderBy('household_id').execute(),
    db.selectFrom('supports').selectAll().orderBy('proposal_id').orderBy('resident_id').execute(),
    db.selectFrom('comments').selectAll().orderBy('id').execute(),
    db.selectFrom('proposals').selectAll().orderBy('id').execute(),
    db.selectFrom('heartbeats').selectAll().orderBy('device_id').execute(),
    db.selectFrom('residents').select(['id', 'failed_pins', 'locked_until', 'pin_hash']).orderBy('id').execute(),
    db.selectFrom('patrons').select(['id', 'failed_pins', 'locked_until', 'pin_hash']).orderBy('id').execute(),
    db.selectFrom('stations').selectAll().orderBy('id').execute(),
    db.selectFrom('fhir_resources').select(['type', 'id', 'resource']).orderBy('type').orderBy('id').execute(),
    db.selectFrom('devices').selectAll().orderBy('id').execute(),
    db.selectFrom('enrollment_codes').selectAll().orderBy('code_hash').execute(),
    db.selectFrom('motions').selectAll().orderBy('id').execute(),
  ]);
  return JSON.stringify(parts);
}

describe('bad input', () => {
  it('answers every generated bad request with a 4xx and a bilingual reason, and changes nothing', async () => {
    const before = await snapshot();
    let total = 0;
    const failures: string[] = [];
    for (const route of ROUTES) {
      for (const { label, opts } of badRequests(route)) {
        total += 1;
        const res = await t.app.inject(opts);
        const body = jsonOrNull(res.body);
        if (res.statusCode < 400 || res.statusCode >= 500 || !isErrorBody(body)) {
          failures.push(`${route.method} ${route.path} [${label}] -> ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    assert.ok(total >= 500, `only ${total} bad requests generated`);
    assert.deepEqual(failures, [], `${failures.length} of ${total} bad requests were not refused properly`);
    assert.equal(await snapshot(), before, 'nothing stored changed');
  });

  it('refuses bad requests however the path is spelled (percent-encoding, double slashes, trailing dots, mixed case): 0 × 5xx, no-store, nothing changed', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let total = 0;
    for (const route of ROUTES) {
      const url = fill(route, route.params ?? {});
      const segments = url.split('/').slice(1);
      const encodeFirst = (seg: string) => `%${seg.charCodeAt(0).toString(16).padStart(2, '0')}${seg.slice(1)}`;
      const spellings = [
        `/${segments.map(encodeFirst).join('/')}`,
        `/${encodeFirst(segments[0]!)}/${segments.slice(1).join('/')}`,
        `/${segments.map((seg) => [...seg].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('')).join('/')}`,
        `/${url}`,
        url.replace(/\/([^/]*)$/, '//$1'),
        `${url}.`,
        `${url}/`,
        `${url}%2e`,
        url.toUpperCase(),
        `/${segments[0]!.toUpperCase()}/${segments.slice(1).join('/')}`,
        url.replace('/', '/./'),
        `/x/..${url}`,
      ];
      for (const spelled of spellings) {
        total += 1;
        const headers: Record<string, string> = { ...DEVICE, ...(route.auth ? { authorization: `Bearer ${tokens[route.auth]}` } : {}) };
        const validBody = Object.fromEntries(Object.entries(route.body ?? {}).map(([k, [v]]) => [k, v]));
        // Each request is bad in itself (an unknown field), so it must be refused whichever route it reaches.
        const opts: InjectOptions =
          route.method === 'POST'
            ? { method: 'POST', url: spelled, headers: { ...headers, 'idempotency-key': newKey(), 'content-type': 'application/json' }, payload: JSON.stringify({ ...validBody, isAdmin: true }) }
            : { method: 'GET', url: `${spelled}?debug=1`, headers };
        const res = await t.app.inject(opts);
        const body = jsonOrNull(res.body);
        if (res.statusCode < 400 || res.statusCode >= 500 || !isErrorBody(body) || res.headers['cache-control'] !== 'no-store') {
          failures.push(`${route.method} ${spelled} -> ${res.statusCode} ${String(res.headers['cache-control'])} ${res.body.slice(0, 120)}`);
        }
      }
    }
    assert.ok(total >= 300, `only ${total} spellings tried`);
    assert.deepEqual(failures, [], `${failures.length} of ${total} oddly spelled bad requests were not refused properly`);
    assert.equal(await snapshot(), before, 'nothing stored changed');
  });

  it('refuses unknown routes with NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: "/api/nope?x=' OR 1=1" });
    assert.equal(res.statusCode, 404);
    assert.ok(isErrorBody(JSON.parse(res.body)));
  });
});
