import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { demoCredential } from '../src/config.js';
import { createEnrollmentCode, ENROLLMENT_TTL_MS, revokeDevice } from '../src/http/device.js';
import { deviceIdOf } from '../src/http/device-id.js';
import { cloneDatabase, createTestApp, DEVICE, dialect, json, newKey, type TestApp } from './helpers.js';

const run = promisify(execFile);

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const code = (siteId = 'ningde-donghu') => createEnrollmentCode(t.store.db, siteId, t.app.ctx.now().getTime(), 'http://kiosk.example');
const enroll = (c: string) => t.app.inject({ method: 'POST', url: '/api/devices/enroll', payload: { code: c } });
const site = (credential: string) => t.app.inject({ method: 'GET', url: '/api/kiosk/site', headers: { 'x-device-key': credential } });

describe('device credentials', () => {
  it('enrolls a kiosk once with a one-time code; the kiosk then reads its own site', async () => {
    const c = await code();
    assert.equal(c.url, `http://kiosk.example/?enroll=${c.code}`);
    const res = await enroll(c.code);
    assert.equal(res.statusCode, 201);
    const out = json<{ deviceId: string; siteId: string; credential: string }>(res);
    assert.equal(out.siteId, 'ningde-donghu');
    assert.match(out.credential, new RegExp(`^ckd_${out.deviceId}\\.[A-Za-z0-9_-]{40,}$`));
    const mine = await site(out.credential);
    assert.equal(mine.statusCode, 200);
    assert.equal(json(mine).id, 'ningde-donghu');
    // The same body as the old per-site route.
    assert.deepEqual(json(mine), json(await t.app.inject({ method: 'GET', url: '/api/kiosk/sites/ningde-donghu', headers: { 'x-device-key': out.credential } })));
    // Only a hash is stored.
    const row = await t.store.db.selectFrom('devices').selectAll().where('id', '=', out.deviceId).executeTakeFirstOrThrow();
    assert.equal(row.site_id, 'ningde-donghu');
    assert.ok(!out.credential.includes(row.secret_hash) && !JSON.stringify(row).includes(out.credential.split('.')[1]!));
    // Single use.
    const again = await enroll(c.code);
    assert.equal(again.statusCode, 400);
    assert.equal(json(again).code, 'ENROLLMENT_CODE_INVALID');
    assert.ok(json<{ reasons: Record<string, string> }>(again).reasons['zh-CN']);
  });

  it('reads codes without dashes and in lower case, refuses unknown and expired ones', async () => {
    const c = await code('xikou-hall');
    assert.equal((await enroll(c.code.replace(/-/g, '').toLowerCase())).statusCode, 201);
    assert.equal(json(await enroll('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).code, 'ENROLLMENT_CODE_INVALID');
    const old = await code('xikou-hall');
    t.advance(ENROLLMENT_TTL_MS + 1000);
    try {
      const res = await enroll(old.code);
      assert.equal(res.statusCode, 400);
      assert.equal(json(res).code, 'ENROLLMENT_CODE_INVALID');
    } finally {
      t.advance(-(ENROLLMENT_TTL_MS + 1000));
    }
  });

  it('refuses unknown and wrong credentials with DEVICE_UNKNOWN and revoked ones with DEVICE_REVOKED', async () => {
    const out = json<{ deviceId: string; credential: string }>(await enroll((await code()).code));
    for (const bad of ['demo-kiosk-key', 'ckd_kiosk-nobody.abcdefghijkl', `${out.credential.slice(0, -2)}xx`, '', 'ckd_.x']) {
      const res = await site(bad);
      assert.equal(res.statusCode, 401, bad);
      assert.equal(json(res).code, 'DEVICE_UNKNOWN', bad);
    }
    assert.equal(json(await t.app.inject({ method: 'GET', url: '/api/kiosk/site' })).code, 'DEVICE_UNKNOWN');
    assert.equal(await revokeDevice(t.store.db, out.deviceId, Date.now()), true);
    const res = await site(out.credential);
    assert.equal(res.statusCode, 401);
    assert.equal(json(res).code, 'DEVICE_REVOKED');
    assert.equal(await revokeDevice(t.store.db, out.deviceId, Date.now()), false, 'revoking twice is a no-op');
  });

  it('accepts the documented demo credentials only with DEMO_DEVICES=1', async () => {
    assert.equal((await site(demoCredential('hangzhou-westlake'))).statusCode, 200);
    const strict = await createTestApp({ demoDevices: false });
    try {
      const res = await strict.app.inject({ method: 'GET', url: '/api/kiosk/site', headers: DEVICE });
      assert.equal(res.statusCode, 401);
      assert.equal(json(res).code, 'DEVICE_UNKNOWN');
    } finally {
      await strict.close();
    }
  });

  it('tells the rest of the server the validated device (deviceIdOf), never the raw header', async () => {
    assert.equal(deviceIdOf({ device: { id: 'kiosk-a', siteId: 's' } } as never), 'kiosk-a');
    const unvalidated = deviceIdOf({ device: null, ip: '10.0.0.9', headers: { 'x-device-key': demoCredential('xikou-hall') } } as never);
    assert.match(unvalidated, /^ip_/, 'an unvalidated key falls back to the address');
    assert.ok(!unvalidated.includes('xikou'));
    // A write is scoped to the validated device: its idempotency record names it.
    const key = newKey();
    const res = await t.app.inject({ method: 'POST', url: '/api/kiosk/heartbeat', headers: { ...DEVICE, 'idempotency-key': key }, payload: { version: '1.0.0', uptimeSeconds: 1 } });
    assert.equal(res.statusCode, 200);
    const stored = await t.store.db.selectFrom('idempotency').select('scope').where('key', '=', key).executeTakeFirstOrThrow();
    assert.equal(stored.scope, 'kiosk@device:demo-xikou-hall');
  });
});

describe('device CLI', () => {
  it('device:add prints the enrollment URL as its last line; device:list and device:revoke manage the fleet', { timeout: 120_000 }, async () => {
    const db = await cloneDatabase();
    const env = { ...process.env, PUBLIC_URL: 'http://kiosk.example:8080', ...(dialect === 'postgres' ? { DATABASE_URL: db.url! } : { SQLITE_PATH: db.file!, DATABASE_URL: '' }) };
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/devices.ts', ...args], { env, cwd: new URL('..', import.meta.url).pathname });
    try {
      const added = await cli('add', 'xikou-hall');
      const lines = added.stdout.trim().split('\n');
      const url = lines[lines.length - 1]!;
      assert.match(url, /^http:\/\/kiosk\.example:8080\/\?enroll=[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const code = url.split('enroll=')[1]!;
      assert.ok(lines.some((l) => l.includes(code)), 'the code is printed on its own too');
      const stored = await db.store.db.selectFrom('enrollment_codes').selectAll().execute();
      assert.ok(stored.length >= 1 && stored.every((s) => !JSON.stringify(s).includes(code.replace(/-/g, ''))), 'codes are stored hashed');
      const listed = await cli('list');
      assert.match(listed.stdout, /demo-xikou-hall/);
      const revoked = await cli('revoke', 'demo-ningde-donghu');
      assert.match(revoked.stdout, /Revoked demo-ningde-donghu/);
      const row = await db.store.db.selectFrom('devices').select('revoked_ms').where('id', '=', 'demo-ningde-donghu').executeTakeFirstOrThrow();
      assert.notEqual(row.revoked_ms, null);
      await assert.rejects(cli('add', 'no-such-site'), /unknown site/);
      await assert.rejects(cli('revoke', 'no-such-device'));
    } finally {
      await db.store.close();
      await db.drop();
    }
  });
});
