import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { cacheControlFor } from '../src/http/static-files.js';
import { createTestApp, type TestApp } from './helpers.js';

const precompress = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/precompress.mjs');
const ASSET = 'assets/index-B8Gne3JR.js';
const assetSource = `export const greeting = ${JSON.stringify('欢迎 welcome '.repeat(200))};\n`;

let t: TestApp;
let port: number;
let staticDir: string;

/** A raw GET: node's fetch would decode the body and hide which encoding came. */
function get(urlPath: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

before(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-precompressed-'));
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), `<!doctype html><title>kiosk</title><script type="module" src="/${ASSET}"></script>${'<!-- padding -->'.repeat(40)}`);
  fs.writeFileSync(path.join(staticDir, ASSET), assetSource);
  execFileSync(process.execPath, [precompress, staticDir]);
  t = await createTestApp({ staticDir });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
after(async () => {
  await t.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

describe('the kiosk app is served precompressed and cached by name (issue 14 item 9)', () => {
  it('the build step wrote a brotli and a gzip copy of each text file', () => {
    for (const ext of ['.br', '.gz']) {
      assert.ok(fs.existsSync(path.join(staticDir, ASSET + ext)), `${ASSET}${ext}`);
      assert.ok(fs.existsSync(path.join(staticDir, `index.html${ext}`)), `index.html${ext}`);
    }
  });

  it('sends brotli to a browser that accepts it, with the JavaScript type and an immutable year of caching', async () => {
    const res = await get(`/${ASSET}`, 'gzip, deflate, br');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(res.headers.vary), /Accept-Encoding/i);
    assert.equal(brotliDecompressSync(res.body).toString('utf8'), assetSource);
  });

  it('sends gzip when brotli is not accepted, and the plain file when nothing is', async () => {
    const gz = await get(`/${ASSET}`, 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString('utf8'), assetSource);
    const plain = await get(`/${ASSET}`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString('utf8'), assetSource);
  });

  it('index.html is compressed too but always revalidated, so a new version reaches every kiosk', async () => {
    const res = await get('/', 'br');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(brotliDecompressSync(res.body).toString('utf8'), /<title>kiosk<\/title>/);
    assert.ok(res.headers['content-security-policy'], 'the strict CSP stays on the compressed page');
  });

  it('caches for a year only names that carry a content hash', () => {
    assert.equal(cacheControlFor('/srv/dist/assets/map-view-C6EaRyoA.js'), 'public, max-age=31536000, immutable');
    assert.equal(cacheControlFor('/srv/dist/assets/index-BSTlSqKZ.css.br'), 'public, max-age=31536000, immutable');
    assert.equal(cacheControlFor('/srv/dist/index.html'), 'no-cache');
    assert.equal(cacheControlFor('/srv/dist/favicon.svg'), 'no-cache');
    assert.equal(cacheControlFor('/srv/dist/assets/logo.svg'), 'no-cache');
  });
});
