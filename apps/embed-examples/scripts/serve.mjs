// A small static server standing in for the embedding team's own web server:
// it serves a built example (dist/plain or dist/react) on its own origin with
// the Content-Security-Policy such a site would send, and points the page at
// the civic-kiosk API on another origin.
//
//   node scripts/serve.mjs plain --port 8601 --api http://127.0.0.1:8600/api
//
// The pages are written against the server's default address
// (http://127.0.0.1:8080/api, DEFAULT_API); --api replaces it in the HTML it
// serves, and its origin is the only other one the CSP lets the page connect to.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_API = 'http://127.0.0.1:8080/api';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Hashes of the inline scripts of a page (the import map): the only inline script the CSP allows. */
export function inlineScriptHashes(html) {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`,
  );
}

/**
 * The policy of the embedding site: no inline script except the hashed import map, no inline
 * style, no eval, Trusted Types for script sinks (Lit's `lit-html` policy only), and the API origin.
 */
export function contentSecurityPolicy({ apiOrigin, scriptHashes = [] }) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${apiOrigin}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

/** Starts serving `dist/<example>`; resolves to { url, close }. */
export function serveExample({ example, port = 0, host = '127.0.0.1', api = DEFAULT_API }) {
  const dir = path.join(root, 'dist', example);
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run \`pnpm --filter @civic-kiosk/embed-examples build\` first.`);
  const apiOrigin = new URL(api).origin;
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    let file = path.join(dir, decodeURIComponent(pathname));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) {
      const html = fs.readFileSync(file, 'utf8').replaceAll(DEFAULT_API, api);
      headers['Content-Security-Policy'] = contentSecurityPolicy({ apiOrigin, scriptHashes: inlineScriptHashes(html) });
      res.writeHead(200, headers).end(html);
    } else {
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const example = args.find((a) => !a.startsWith('--') && !args[args.indexOf(a) - 1]?.startsWith('--'));
  if (example !== 'plain' && example !== 'react') {
    console.error('usage: node scripts/serve.mjs plain|react [--port N] [--host H] [--api http://127.0.0.1:8080/api]');
    process.exit(2);
  }
  const { url } = await serveExample({ example, port: Number(opt('port', example === 'plain' ? 8601 : 8602)), host: opt('host', '127.0.0.1'), api: opt('api', DEFAULT_API) });
  console.log(`${example} example on ${url} (API ${opt('api', DEFAULT_API)}; start the server with CORS_ORIGINS=${url})`);
}
