// The real data server behind a package's contract test (test/contract.test.ts), shared by every
// package that has one: requests to `prefix` are passed, method, body and the headers below as they
// came, to apps/server (built: `pnpm build`) under `target`. The server starts on first use on a free
// port (CONTRACT_SERVER_PORT fixes one) with a fresh SQLite file in a temp folder, so an element is
// tested against what the server really answers (its seed, its ETags), not a saved copy that can drift.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = resolve(fileURLToPath(new URL('.', import.meta.url)), '../apps/server/dist/main.js');
const FORWARD = ['accept', 'authorization', 'content-type', 'idempotency-key', 'if-none-match', 'x-device-key'];
const ANSWER_HEADERS = ['content-type', 'cache-control', 'etag', 'retry-after', 'idempotent-replayed'];

function freePort() {
  return new Promise((done, fail) => {
    const probe = net.createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * `base` (a web-test-runner config) plus the proxy and the server's life cycle.
 * `rewriteLinks`: the server writes its own address into JSON (FHIR Bundle links); map it back to
 * the address the browser uses, as a reverse proxy with X-Forwarded-* handling would.
 */
export function withContractServer(base, { prefix, target, rewriteLinks = false }) {
  let port = Number(process.env.CONTRACT_SERVER_PORT ?? 0);
  let server;
  let starting;
  let folder;

  function start() {
    starting ??= (async () => {
      if (!existsSync(main)) throw new Error(`contract test: ${main} is missing; build the server first (pnpm build)`);
      if (!port) port = await freePort();
      folder = mkdtempSync(join(tmpdir(), 'ck-contract-'));
      server = spawn(process.execPath, [main], {
        cwd: folder,
        env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', SQLITE_PATH: join(folder, 'contract.sqlite'), LOG_LEVEL: 'warn', DATABASE_URL: '', PUBLIC_URL: `http://127.0.0.1:${port}` },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const until = Date.now() + 120_000;
      for (;;) {
        if (server.exitCode !== null) throw new Error(`contract test: the server exited (${server.exitCode})`);
        try {
          if ((await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).ok) return;
        } catch {
          // Still starting (creating and seeding the database).
        }
        if (Date.now() > until) throw new Error('contract test: the server did not start within 120 s');
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    return starting;
  }

  async function proxy(ctx, next) {
    if (!ctx.path.startsWith(prefix)) return next();
    await start();
    const headers = Object.fromEntries(FORWARD.filter((name) => ctx.get(name)).map((name) => [name, ctx.get(name)]));
    const body = ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : await readBody(ctx.req);
    const upstream = `http://127.0.0.1:${port}${target}`;
    const answer = await fetch(`${upstream}${ctx.path.slice(prefix.length)}${ctx.querystring ? `?${ctx.querystring}` : ''}`, { method: ctx.method, headers, body });
    ctx.status = answer.status;
    for (const name of ANSWER_HEADERS) if (answer.headers.get(name)) ctx.set(name, answer.headers.get(name));
    const raw = Buffer.from(await answer.arrayBuffer());
    const json = /json/.test(answer.headers.get('content-type') ?? '');
    ctx.body = rewriteLinks && json ? Buffer.from(raw.toString('utf8').replaceAll(upstream, `${ctx.origin}${prefix}`)) : raw;
  }

  return {
    ...base,
    middleware: [...(base.middleware ?? []), proxy],
    plugins: [
      ...base.plugins,
      {
        name: 'contract-server',
        serverStop() {
          server?.kill('SIGTERM');
          if (folder) rmSync(folder, { recursive: true, force: true });
        },
      },
    ],
  };
}
