import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { createTestApp, DEVICE, type TestApp } from './helpers.js';

let t: TestApp;
let base: string;
let staticDir: string;
before(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title><script type="module" src="/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'export {};');
  t = await createTestApp({ staticDir, frameAncestors: 'https://portal.example.gov.cn' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await t.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

describe('smoke over a real socket', () => {
  it('serves the kiosk app under the strict CSP with configurable frame-ancestors', async () => {
    const res = await fetch(`${base}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<title>kiosk<\/title>/);
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /frame-ancestors https:\/\/portal\.example\.gov\.cn/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const js = await fetch(`${base}/app.js`);
    assert.equal(js.status, 200);
    assert.ok(js.headers.get('content-security-policy'));
  });

  it('answers API reads, 304s and writes over HTTP', async () => {
    const res = await fetch(`${base}/api/stations`);
    assert.equal(res.status, 200);
    const etag = res.headers.get('etag')!;
    assert.equal((await fetch(`${base}/api/stations`, { headers: { 'If-None-Match': etag } })).status, 304);
    const signin = await fetch(`${base}/api/library/signin`, { method: 'POST', headers: { ...DEVICE, 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: 'LIB00001', pin: '123456' }) });
    assert.equal(signin.status, 200);
    assert.equal(signin.headers.get('cache-control'), 'no-store');
    const { token } = (await signin.json()) as { token: string };
    // A token works only from the device that signed in (issue 9 item 7).
    const me = await fetch(`${base}/api/library/me`, { headers: { ...DEVICE, authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('cache-control'), 'no-store');
  });

  it('refuses a body over 64 kB with PAYLOAD_TOO_LARGE', async () => {
    const res = await fetch(`${base}/api/kiosk/heartbeat`, { method: 'POST', headers: { ...DEVICE, 'content-type': 'application/json', 'idempotency-key': 'smoke-large-1' }, body: JSON.stringify({ deviceId: 'x', pad: 'x'.repeat(70_000) }) });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { code: string }).code, 'PAYLOAD_TOO_LARGE');
  });
});
