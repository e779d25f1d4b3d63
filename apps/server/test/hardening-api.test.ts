import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../src/app.js';
import { demoCredential, loadConfig } from '../src/config.js';
import { openDataStore } from '../src/db/database.js';
import { rebaseDemo, seedDay } from '../src/db/seed/rebase.js';
import { motionStatus } from '../src/deliberation/tally.js';
import { IDEMPOTENCY_TTL_MS, sweepIdempotency } from '../src/http/idempotency.js';
import { cardExpired } from '../src/library/rules.js';
import { cloneDatabase, createTestApp, DEVICE, dialect, get, json, newKey, patronToken, PIN, post, residentToken, type TestApp } from './helpers.js';

const DAY = 86_400_000;
let t: TestApp;
before(async () => {
  t = await createTestApp({ corsOrigins: ['https://embed.example'] });
});
after(() => t.close());

const SPELLINGS = ['/api/kiosk/site', '/%61pi/kiosk/site', '/api/kiosk/%73ite', '/%61%70%69/kiosk/site'];

describe('rate limits and caching follow the route, however the path is spelled', () => {
  it('counts every spelling of a route in one bucket and marks every answer no-store', async () => {
    const limited = await createTestApp({ rateLimitPerMinute: 4 });
    try {
      const codes: number[] = [];
      for (const url of [...SPELLINGS, ...SPELLINGS]) {
        const res = await limited.app.inject({ method: 'GET', url, headers: DEVICE });
        codes.push(res.statusCode);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      assert.deepEqual(codes, [200, 200, 200, 200, 429, 429, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('puts unknown device keys in the per-address bucket (a made-up key buys no budget)', async () => {
    const limited = await createTestApp({ rateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) codes.push((await limited.app.inject({ method: 'GET', url: '/api/stations/nd-001', headers: { 'x-device-key': `ckd_made-up-${i}.secretsecret` } })).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 429, 429]);
      // A validated kiosk has its own budget.
      assert.equal((await limited.app.inject({ method: 'GET', url: '/api/stations/nd-001', headers: DEVICE })).statusCode, 200);
    } finally {
      await limited.close();
    }
  });

  it('answers odd spellings (double slashes, trailing dots, mixed case, encoded slashes) with 4xx and no-store, never 5xx', async () => {
    for (const url of ['//api/stations', '/api//stations', '/API/stations', '/Api/Kiosk/Site', '/api/stations.', '/api/stations/nd-001.', '/api/kiosk/site/', '/api%2fkiosk%2fsite', '/fhir/Patient/..%2f..%2fetc', '/%2e%2e/api/stations', '/api/./stations', '/fhir/metadata.', '/FHIR/metadata', '/api/%']) {
      const res = await t.app.inject({ method: 'GET', url, headers: DEVICE });
      assert.ok(res.statusCode < 500, `${url} -> ${res.statusCode}`);
      if (res.statusCode >= 400) assert.ok(json(res).reasons, url);
      if (res.headers['cache-control'] !== 'no-store') assert.ok(/stations$/.test(url) && res.statusCode === 200, `${url}: ${String(res.headers['cache-control'])}`);
    }
  });

  it(dialect === 'postgres' ? 'shares the counters between two server instances on one PostgreSQL' : 'keeps the counters of its single SQLite instance', async () => {
    const db = await cloneDatabase();
    const config = { ...loadConfig({}), rateLimitPerMinute: 6 };
    const second = dialect === 'postgres' ? openDataStore({ databaseUrl: db.url! }) : undefined;
    const a = await buildApp({ store: db.store, config });
    const b = second ? await buildApp({ store: second, config }) : a;
    try {
      await a.ready();
      await b.ready();
      const codes: number[] = [];
      for (let i = 0; i < 8; i += 1) codes.push((await (i % 2 ? b : a).inject({ method: 'GET', url: '/api/kiosk/site', headers: DEVICE })).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 200, 200, 200, 429, 429]);
      // Concurrent requests on both instances are counted exactly (the upsert is atomic).
      if (second) {
        const other = { 'x-device-key': demoCredential('ningde-donghu') };
        const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? b : a).inject({ method: 'GET', url: '/api/kiosk/site', headers: other })));
        assert.equal(burst.filter((r) => r.statusCode === 200).length, 6);
      }
    } finally {
      await a.close();
      if (second) {
        await b.close();
        await second.close();
      }
      await db.store.close();
      await db.drop();
    }
  });
});

describe('CORS', () => {
  it('answers allowed origins without credentials and ignores the rest', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/stations/nd-001', headers: { origin: 'https://embed.example' } });
    assert.equal(ok.headers['access-control-allow-origin'], 'https://embed.example');
    assert.equal(ok.headers['access-control-allow-credentials'], undefined);
    assert.match(String(ok.headers.vary), /Origin/);
    const other = await t.app.inject({ method: 'GET', url: '/api/stations/nd-001', headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    assert.equal(other.headers['access-control-allow-credentials'], undefined);
  });

  it('answers preflights for allowed origins (204) and refuses others (403)', async () => {
    const pre = await t.app.inject({ method: 'OPTIONS', url: '/api/library/checkout', headers: { origin: 'https://embed.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization, idempotency-key' } });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], 'https://embed.example');
    assert.match(String(pre.headers['access-control-allow-methods']), /POST/);
    assert.match(String(pre.headers['access-control-allow-headers']), /Idempotency-Key/);
    assert.equal(pre.headers['access-control-allow-credentials'], undefined);
    const bad = await t.app.inject({ method: 'OPTIONS', url: '/fhir/Observation', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    assert.equal(bad.statusCode, 403);
    assert.equal(json(bad).code, 'ORIGIN_NOT_ALLOWED');
    assert.equal(bad.headers['access-control-allow-origin'], undefined);
  });

  it('says so in the FHIR CapabilityStatement', async () => {
    const cap = json<{ rest: { security: { cors: boolean; description: string } }[] }>(await t.app.inject({ method: 'GET', url: '/fhir/metadata' }));
    assert.equal(cap.rest[0]!.security.cors, true);
    assert.match(cap.rest[0]!.security.description, /CORS_ORIGINS/);
  });
});

describe('idempotency records', () => {
  it('never keep a voter\'s choice, and a retry still gets its answer with the choice', async () => {
    const token = await residentToken(t.app, 'XK0003', 'deliberation');
    const key = newKey();
    const first = await post(t.app, '/api/deliberation/motions/motion-barrier-gate/ballots', { choice: 'disagree' }, { token, key });
    assert.ok([200, 201].includes(first.statusCode), first.body);
    const stored = await t.store.db.selectFrom('idempotency').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    assert.ok(!stored.response.includes('disagree') && !stored.response.includes('choice'), stored.response);
    assert.ok(!stored.fingerprint.includes('disagree'));
    const retry = await post(t.app, '/api/deliberation/motions/motion-barrier-gate/ballots', { choice: 'disagree' }, { token, key });
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.deepEqual(json(retry), json(first));
    const changed = await post(t.app, '/api/deliberation/motions/motion-barrier-gate/ballots', { choice: 'agree' }, { token, key });
    assert.equal(changed.statusCode, 422);
  });

  it('are scoped per device as well as per person', async () => {
    // A token works only from the kiosk that signed in: the same resident signs in at each kiosk.
    const token = await residentToken(t.app, 'XK0001', 'deliberation');
    const thereDevice = { 'x-device-key': demoCredential('ningde-donghu') };
    const signIn = await t.app.inject({ method: 'POST', url: '/api/residents/signin', headers: thereDevice, payload: { cardNumber: 'XK0001', pin: PIN, service: 'deliberation' } });
    const thereToken = json<{ token: string }>(signIn).token;
    const key = newKey();
    const body = { body: '同一个键，两台终端' };
    const here = await t.app.inject({ method: 'POST', url: '/api/deliberation/proposals/prop-kerbside/comments', payload: body, headers: { ...DEVICE, authorization: `Bearer ${token}`, 'idempotency-key': key } });
    const there = await t.app.inject({ method: 'POST', url: '/api/deliberation/proposals/prop-kerbside/comments', payload: body, headers: { ...thereDevice, authorization: `Bearer ${thereToken}`, 'idempotency-key': key } });
    assert.equal(here.statusCode, 201);
    assert.equal(there.statusCode, 201);
    assert.equal(there.headers['idempotent-replayed'], undefined);
    assert.notEqual(json(here).id, json(there).id);
  });

  it('expire after 24 hours: the key may be used again, and the sweep deletes them', async () => {
    const token = await residentToken(t.app, 'XK0001', 'deliberation');
    const key = newKey();
    assert.equal((await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: '第一条' }, { token, key })).statusCode, 201);
    assert.equal((await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: '第二条' }, { token, key })).statusCode, 422);
    t.advance(IDEMPOTENCY_TTL_MS + 60_000);
    try {
      const fresh = await residentToken(t.app, 'XK0001', 'deliberation');
      const reused = await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: '第二条' }, { token: fresh, key });
      assert.equal(reused.statusCode, 201, reused.body);
      const old = newKey();
      await t.store.db.insertInto('idempotency').values({ scope: 'x@y', key: old, fingerprint: 'f', status: 200, response: '{}', created_at: new Date(0).toISOString(), created_ms: 0 }).execute();
      assert.ok((await sweepIdempotency(t.store.db, t.app.ctx.now().getTime())) >= 1);
      assert.equal(await t.store.db.selectFrom('idempotency').select('key').where('key', '=', old).executeTakeFirst(), undefined);
    } finally {
      t.advance(-(IDEMPOTENCY_TTL_MS + 60_000));
    }
  });
});

describe('free text and times', () => {
  it('refuses bidi-control and zero-width characters in free text', async () => {
    const token = await residentToken(t.app, 'XK0001', 'deliberation');
    for (const text of ['abc\u202Eevil', 'a\u2066b\u2069', 'zero\u200Bwidth', 'bom\uFEFF', 'lrm\u200E', 'wj\u2060']) {
      const res = await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: text }, { token });
      assert.equal(res.statusCode, 400, JSON.stringify(text));
      assert.equal(json(res).code, 'VALIDATION');
    }
    assert.equal((await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: '停车难 😀 ok' }, { token })).statusCode, 201);
  });

  it('compares times as instants: a closes_at written with +08:00 closes on time', async () => {
    // 10:00 in Shanghai is 02:00Z; as text, "…T10:00:00+08:00" would sort after "…T05:00:00Z".
    assert.equal(motionStatus('2026-01-01T00:00:00Z', '2026-06-01T10:00:00+08:00', new Date('2026-06-01T01:59:59Z')), 'open');
    assert.equal(motionStatus('2026-01-01T00:00:00Z', '2026-06-01T10:00:00+08:00', new Date('2026-06-01T05:00:00Z')), 'closed');
    assert.equal(motionStatus('2026-06-01T10:00:00+08:00', '2026-07-01T00:00:00Z', new Date('2026-06-01T03:00:00Z')), 'open');
    assert.equal(cardExpired('2026-06-01', new Date('2026-06-01T23:59:59Z')), false);
    assert.equal(cardExpired('2026-06-01', new Date('2026-06-02T00:00:00Z')), true);

    const now = t.app.ctx.now();
    const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00').replace(/\.\d{3}/, '');
    // Closed two hours ago, written in Shanghai time: a string comparison would still call it open.
    await t.store.db.insertInto('motions').values({ id: 'motion-tz', topic_id: 'topic-parking', meeting_id: null, title_zh: '时区', title_en: 'Time zone', opens_at: shanghai(now.getTime() - DAY), closes_at: shanghai(now.getTime() - 2 * 3_600_000) }).execute();
    const motion = json<{ status: string }>(await get(t.app, '/api/deliberation/motions/motion-tz'));
    assert.equal(motion.status, 'closed');
    const token = await residentToken(t.app, 'XK0001', 'deliberation');
    const vote = await post(t.app, '/api/deliberation/motions/motion-tz/ballots', { choice: 'agree' }, { token });
    assert.equal(json(vote).code, 'MOTION_CLOSED');

    // A loan due an hour ago, written with +08:00: overdue, in SQL and in the patron's list.
    const patron = 'patron-020';
    await t.store.db.updateTable('loans').set({ due_at: shanghai(now.getTime() + 30 * DAY) }).where('patron_id', '=', patron).execute();
    await t.store.db.insertInto('loans').values({ item_id: 'item-0499', patron_id: patron, checked_out_at: shanghai(now.getTime() - 30 * DAY), due_at: shanghai(now.getTime() - 3_600_000), returned_at: null, renewals: 0 }).execute();
    const lib = await patronToken(t.app, 'LIB00020');
    const me = json<{ loans: { barcode: string; overdue: boolean }[] }>(await get(t.app, '/api/library/me', lib));
    assert.deepEqual(me.loans.filter((l) => l.overdue).map((l) => l.barcode), ['CK000499']);
    const out = await post(t.app, '/api/library/checkout', { barcode: 'CK000498' }, { token: lib });
    assert.equal(json(out).code, 'CARD_BLOCKED_OVERDUE');
  });
});

describe('demo data that does not age', () => {
  it('re-bases a long-lived demo database to the day the server starts (fake clock)', async () => {
    const db = await cloneDatabase();
    const later = new Date(Date.now() + 40 * DAY);
    const app = await buildApp({ store: db.store, config: { ...loadConfig({}), rateLimitPerMinute: 100_000 }, now: () => later });
    try {
      await app.ready();
      const motion = async () => json<{ status: string }>(await app.inject({ method: 'GET', url: '/api/deliberation/motions/motion-barrier-gate' })).status;
      const standing = async (card: string) => {
        const signin = await app.inject({ method: 'POST', url: '/api/library/signin', headers: DEVICE, payload: { cardNumber: card, pin: '123456' } });
        const token = json<{ token: string }>(signin).token;
        const me = json<{ loans: { overdue: boolean }[] }>(await app.inject({ method: 'GET', url: '/api/library/me', headers: { ...DEVICE, authorization: `Bearer ${token}` } }));
        return me.loans.filter((l) => l.overdue).length;
      };
      // Forty days on without a re-base, the demo has aged: the vote closed and the good reader is overdue.
      assert.equal(await motion(), 'closed');
      assert.equal(await standing('LIB00001'), 1);

      assert.equal(await rebaseDemo(db.store, later), 40);
      assert.equal(await motion(), 'open', 'the open vote stays open');
      assert.equal(await standing('LIB00001'), 0, 'good standing stays good');
      assert.equal(await standing('LIB00002'), 1, 'the overdue loan stays overdue');
      const closed = json<{ status: string }>(await app.inject({ method: 'GET', url: '/api/deliberation/motions/motion-idle-land-survey' }));
      assert.equal(closed.status, 'closed', 'the closed vote stays closed');
      const anchor = await db.store.db.selectFrom('settings').select('value').where('key', '=', 'seeded_at').executeTakeFirstOrThrow();
      assert.equal(anchor.value, seedDay(later).toISOString());
      // FHIR dates moved with it: the newest blood pressure is still within the last month.
      const newest = await db.store.db.selectFrom('fhir_resources').select((eb) => eb.fn.max('effective').as('e')).where('type', '=', 'Observation').executeTakeFirstOrThrow();
      assert.ok(later.getTime() - Date.parse(String(newest.e)) < 35 * DAY);
      // Starting again the same day moves nothing.
      assert.equal(await rebaseDemo(db.store, later), 0);
    } finally {
      await app.close();
      await db.store.close();
      await db.drop();
    }
  });
});

describe('production', () => {
  const start = (env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env } });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });

  /** Starts main.ts and stops it as soon as its output matches `until` (or after 90 s). */
  const startUntil = (env: NodeJS.ProcessEnv, until: RegExp) =>
    new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: '', ...env } });
      let output = '';
      const timer = setTimeout(() => child.kill('SIGTERM'), 90_000);
      const seen = (d: Buffer) => {
        output += d.toString();
        if (until.test(output)) child.kill('SIGTERM');
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(output);
      });
    });

  it('a fresh demo database enrolls the demo kiosks and prints their links; production on an empty database seeds nothing', { timeout: 200_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-main-'));
    try {
      const demo = await startUntil({ SQLITE_PATH: path.join(dir, 'demo.sqlite'), PUBLIC_URL: 'http://kiosk.example', LOG_LEVEL: 'info' }, /Server listening/);
      const links = demo.match(/http:\/\/kiosk\.example\/\?enroll=[0-9A-Z-]{19}/g) ?? [];
      assert.equal(links.length, 3, demo);
      for (const siteId of ['hangzhou-westlake', 'ningde-donghu', 'xikou-hall']) assert.match(demo, new RegExp(`${siteId}\\s+http://kiosk`));
      const prod = await startUntil({ SQLITE_PATH: path.join(dir, 'prod.sqlite'), NODE_ENV: 'production', LOG_LEVEL: 'info' }, /Server listening/);
      assert.match(prod, /Server listening/);
      assert.doesNotMatch(prod, /seeded demo data|enroll=/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with the demo seed, demo credentials or DEMO_DEVICES=1', { timeout: 150_000 }, async () => {
    const db = await cloneDatabase();
    await db.store.close();
    const where = dialect === 'postgres' ? { DATABASE_URL: db.url! } : { SQLITE_PATH: db.file!, DATABASE_URL: '' };
    try {
      const seeded = await start({ NODE_ENV: 'production', ...where });
      assert.equal(seeded.code, 1, seeded.output);
      assert.match(seeded.output, /refusing to start/);
      assert.match(seeded.output, /demo seed/);
      assert.match(seeded.output, /demo-xikou-hall/);
      const demo = await start({ NODE_ENV: 'production', DEMO_DEVICES: '1', ...where });
      assert.equal(demo.code, 1);
      assert.match(demo.output, /DEMO_DEVICES=1/);
    } finally {
      await db.drop();
    }
  });
});
