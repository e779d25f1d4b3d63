// Pure logic, in plain Node: src/enrollment.ts bundled on the fly with esbuild.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let m;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-kiosk-unit-'));
  const outfile = path.join(dir, 'enrollment.mjs');
  await build({ entryPoints: [path.join(root, 'src/enrollment.ts')], bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', outfile, logLevel: 'error' });
  m = await import(pathToFileURL(outfile).href);
  fs.rmSync(dir, { recursive: true, force: true });
});

function memoryStorage() {
  const data = new Map();
  return { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), data };
}

describe('kiosk enrollment', () => {
  it('reads the one-time code from the address and removes it, keeping the rest', () => {
    assert.equal(m.enrollmentCode('?enroll=7K2M-9QXP-4HTB-WZ3N&lang=en'), '7K2M-9QXP-4HTB-WZ3N');
    assert.equal(m.enrollmentCode('?lang=en'), undefined);
    assert.equal(m.enrollmentCode('?enroll=%3Cscript%3E'), undefined, 'not a code');
    assert.equal(m.withoutEnrollmentCode('?enroll=7K2M-9QXP&lang=en&elder=1'), '?lang=en&elder=1');
    assert.equal(m.withoutEnrollmentCode('?enroll=7K2M-9QXP'), '');
  });

  it('keeps only a credential in the server’s format, and reads its device id', () => {
    const storage = memoryStorage();
    assert.equal(m.storedCredential(storage), undefined, 'a new kiosk is not enrolled');
    m.storeCredential('ckd_kiosk-4f9k2m.Zx9_secret-part-0123456789', storage);
    assert.equal(m.storedCredential(storage), 'ckd_kiosk-4f9k2m.Zx9_secret-part-0123456789');
    assert.equal(m.deviceIdOf('ckd_kiosk-4f9k2m.Zx9_secret-part-0123456789'), 'kiosk-4f9k2m');
    assert.equal(m.deviceIdOf('ckd_demo-xikou-hall.demo-secret'), 'demo-xikou-hall');
    storage.setItem(m.CREDENTIAL_KEY, 'demo-kiosk-key');
    assert.equal(m.storedCredential(storage), undefined, 'an old shared key is not a credential');
    const throwing = { getItem: () => { throw new Error('storage disabled'); }, setItem: () => {} };
    assert.equal(m.storedCredential(throwing), undefined);
  });

  it('accepts only a complete enrollment answer', () => {
    const good = { deviceId: 'kiosk-4f9k2m', siteId: 'xikou-hall', credential: 'ckd_kiosk-4f9k2m.abcdefgh12345678' };
    assert.deepEqual(m.parseEnrollment(good), good);
    for (const bad of [null, 'x', {}, { ...good, credential: 'nope' }, { ...good, siteId: 7 }]) assert.equal(m.parseEnrollment(bad), undefined, JSON.stringify(bad));
  });

  it('keeps the site official for the out-of-service screen, and nothing else from what it reads back', () => {
    const storage = memoryStorage();
    assert.equal(m.storedOfficial(storage), undefined);
    m.storeOfficial({ name: '黄德明', phone: '0593-2585086', extra: 'not kept' }, storage);
    assert.deepEqual(m.storedOfficial(storage), { name: '黄德明', phone: '0593-2585086' });
    assert.equal(storage.data.get(m.OFFICIAL_KEY).includes('not kept'), false);
    for (const bad of ['{', '"x"', '{"name":"a"}', '{"name":"","phone":"1"}', '{"name":1,"phone":"1"}']) {
      storage.setItem(m.OFFICIAL_KEY, bad);
      assert.equal(m.storedOfficial(storage), undefined, bad);
    }
  });
});
