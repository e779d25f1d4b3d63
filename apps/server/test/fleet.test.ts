import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fleetState, STALE_AFTER_MS } from '../src/kiosk/fleet.js';
import { addStaff } from '../src/staff/accounts.js';
import { createTestApp, DEVICE, json, newKey, post, type TestApp } from './helpers.js';

let t: TestApp;
const OFFICE = { 'x-forwarded-for': '10.9.8.7' };
let admin: string;
let siteAdmin: string;

async function signIn(username: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/staff/signin', headers: OFFICE, payload: { username, password } });
  assert.equal(res.statusCode, 200, res.body);
  return json<{ token: string }>(res).token;
}
const asStaff = (token: string) => ({ ...OFFICE, authorization: `Bearer ${token}` });
type Device = { deviceId: string; siteId: string; label: string | null; state: string; revokedAt: string | null; heartbeat: null | { online: boolean | null; queuedWrites: number | null; lastError: string | null; version: string } };

before(async () => {
  t = await createTestApp();
  const now = new Date();
  await addStaff(t.store.db, { username: 'zhou.admin', name: '周敏', role: 'admin', siteId: null, password: 'fleet admin password' }, 'test', now);
  await addStaff(t.store.db, { username: 'zhu.site', name: '祝建国', role: 'site-admin', siteId: 'xikou-hall', password: 'site admin password' }, 'test', now);
  admin = await signIn('zhou.admin', 'fleet admin password');
  siteAdmin = await signIn('zhu.site', 'site admin password');
});
after(() => t.close());

describe('fleet page routes (issue 14 item 7)', () => {
  it('judges a kiosk: revoked, silent, stale after three missed beats, offline, ok', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    assert.equal(fleetState({ revokedAt: ago(1), receivedAt: ago(1), online: true }, now), 'revoked');
    assert.equal(fleetState({ revokedAt: null, receivedAt: null, online: null }, now), 'silent');
    assert.equal(fleetState({ revokedAt: null, receivedAt: ago(STALE_AFTER_MS + 1), online: true }, now), 'stale');
    assert.equal(fleetState({ revokedAt: null, receivedAt: ago(60_000), online: false }, now), 'offline');
    assert.equal(fleetState({ revokedAt: null, receivedAt: ago(60_000), online: null }, now), 'ok');
  });

  it('shows staff the heartbeat a kiosk sent: online, queued writes, last error (kept until a new one)', async () => {
    const beat = { version: '2.0.0', uptimeSeconds: 90, lastInteractionAt: null, online: false, queuedWrites: 3, lastError: { message: 'checkout timed out', at: new Date().toISOString() } };
    assert.equal((await post(t.app, '/api/kiosk/heartbeat', beat)).statusCode, 200);
    assert.equal((await post(t.app, '/api/kiosk/heartbeat', { version: '2.0.0', uptimeSeconds: 150, online: true, queuedWrites: 0 })).statusCode, 200);
    const fleet = json<Device[]>(await t.app.inject({ method: 'GET', url: '/api/staff/devices', headers: asStaff(admin) }));
    const mine = fleet.find((d) => d.deviceId === 'demo-xikou-hall')!;
    assert.equal(mine.state, 'ok');
    assert.deepEqual([mine.heartbeat?.online, mine.heartbeat?.queuedWrites, mine.heartbeat?.lastError], [true, 0, 'checkout timed out']);
    assert.ok(fleet.some((d) => d.siteId === 'ningde-donghu'), 'an admin sees every site');
    assert.ok(fleet.filter((d) => d.siteId === 'ningde-donghu').every((d) => d.state === 'silent'), 'never beat: silent');
  });

  it('keeps queuedWrites as the kiosk counts it (offline queue), and refuses a count that is not a whole number >= 0, with a reason in both languages', async () => {
    assert.equal((await post(t.app, '/api/kiosk/heartbeat', { version: '2.0.0', uptimeSeconds: 200, online: true, queuedWrites: 2 })).statusCode, 200);
    let fleet = json<Device[]>(await t.app.inject({ method: 'GET', url: '/api/staff/devices', headers: asStaff(admin) }));
    assert.equal(fleet.find((d) => d.deviceId === 'demo-xikou-hall')!.heartbeat?.queuedWrites, 2);
    for (const bad of [-1, 1.5, '3', 100_001, null]) {
      const res = await post(t.app, '/api/kiosk/heartbeat', { version: '2.0.0', uptimeSeconds: 210, queuedWrites: bad });
      assert.equal(res.statusCode, 400, `queuedWrites ${JSON.stringify(bad)}: ${res.body}`);
      const body = json<{ code: string; reasons?: Record<string, string> }>(res);
      assert.ok(body.reasons?.['zh-CN'] && body.reasons?.en, `localized reason: ${res.body}`);
    }
    // An older kiosk that sends no count: shown as unknown, not as 0.
    assert.equal((await post(t.app, '/api/kiosk/heartbeat', { version: '1.9.0', uptimeSeconds: 220 })).statusCode, 200);
    fleet = json<Device[]>(await t.app.inject({ method: 'GET', url: '/api/staff/devices', headers: asStaff(admin) }));
    assert.equal(fleet.find((d) => d.deviceId === 'demo-xikou-hall')!.heartbeat?.queuedWrites, null);
  });

  it('marks a kiosk stale after three minutes of silence', async () => {
    t.advance(STALE_AFTER_MS + 60_000);
    const fleet = json<Device[]>(await t.app.inject({ method: 'GET', url: '/api/staff/devices', headers: asStaff(admin) }));
    assert.equal(fleet.find((d) => d.deviceId === 'demo-xikou-hall')!.state, 'stale');
  });

  it('a site administrator sees and manages only the kiosks of their own site', async () => {
    const fleet = json<Device[]>(await t.app.inject({ method: 'GET', url: '/api/staff/devices', headers: asStaff(siteAdmin) }));
    assert.ok(fleet.length > 0 && fleet.every((d) => d.siteId === 'xikou-hall'), JSON.stringify(fleet.map((d) => d.siteId)));
    const other = await t.app.inject({ method: 'PUT', url: '/api/staff/devices/demo-ningde-donghu', headers: asStaff(siteAdmin), payload: { label: '门口' } });
    assert.equal(other.statusCode, 403);
    assert.equal(json<{ code: string }>(other).code, 'NOT_YOUR_SITE');
  });

  it('renames a kiosk (audited), refusing a label a person could not read', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/staff/devices/demo-xikou-hall', headers: asStaff(siteAdmin), payload: { label: '大厅入口左侧' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(json<Device>(res).label, '大厅入口左侧');
    for (const label of ['', '<b>x</b>', 'x'.repeat(61), 'a\u0007b']) {
      const bad = await t.app.inject({ method: 'PUT', url: '/api/staff/devices/demo-xikou-hall', headers: asStaff(siteAdmin), payload: { label } });
      assert.equal(bad.statusCode, 400, `label ${JSON.stringify(label)}`);
      assert.ok(json<{ reasons: { 'zh-CN': string; en: string } }>(bad).reasons['zh-CN']);
    }
    const logged = await t.store.db.selectFrom('audit_log').select(['action', 'subject', 'actor']).where('action', '=', 'device.rename').execute();
    assert.deepEqual(logged.map((l) => l.subject), ['device:demo-xikou-hall']);
  });

  it('revokes a kiosk: its credential is refused at once; a second revoke says it already is; kiosks and residents cannot', async () => {
    const kiosk = await t.app.inject({ method: 'GET', url: '/api/staff/devices', headers: DEVICE });
    assert.equal(kiosk.statusCode, 401, 'a kiosk credential does not open the fleet');
    const revoke = (token: string) => t.app.inject({ method: 'POST', url: '/api/staff/devices/demo-hangzhou-westlake/revoke', headers: { ...asStaff(token), 'content-type': 'application/json', 'idempotency-key': newKey() }, payload: {} });
    assert.equal((await revoke(siteAdmin)).statusCode, 403);
    const done = await revoke(admin);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(json<Device>(done).state, 'revoked');
    const refused = await t.app.inject({ method: 'GET', url: '/api/kiosk/site', headers: { 'x-device-key': 'ckd_demo-hangzhou-westlake.demo-secret' } });
    assert.equal(json<{ code: string }>(refused).code, 'DEVICE_REVOKED');
    const again = await revoke(admin);
    assert.equal(again.statusCode, 409);
    assert.equal(json<{ code: string }>(again).code, 'ALREADY_REVOKED');
    const logged = await t.store.db.selectFrom('audit_log').select('actor').where('action', '=', 'device.revoke').execute();
    assert.equal(logged.length, 1);
  });

  it('the kiosk-visible fleet list is gone: kiosks no longer see each other', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/kiosk/devices', headers: DEVICE });
    assert.equal(res.statusCode, 404);
  });
});
