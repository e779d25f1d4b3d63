// The shared config, plus the real server for the contract test (test/contract.test.ts): requests to
// /contract-api/* are passed to apps/server (built: `pnpm build`), started on first use on its own
// port with a fresh SQLite file in a temp folder, so the board is tested against what the server
// really answers (its seed, its ETag), not a saved copy that can drift.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import base from '../../web-test-runner.config.mjs';

// A free port picked at start (CONTRACT_SERVER_PORT to fix one).
let PORT = Number(process.env.CONTRACT_SERVER_PORT ?? 0);
const freePort = () =>
  new Promise((done, fail) => {
    const probe = net.createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
const main = resolve('../../apps/server/dist/main.js');
let server;
let starting;
let folder;

function start() {
  starting ??= (async () => {
    if (!existsSync(main)) throw new Error(`contract test: ${main} is missing; build the server first (pnpm build)`);
    if (!PORT) PORT = await freePort();
    folder = mkdtempSync(join(tmpdir(), 'ck-contract-'));
    server = spawn(process.execPath, [main], {
      cwd: folder,
      env: { ...process.env, NODE_ENV: 'test', PORT: String(PORT), HOST: '127.0.0.1', SQLITE_PATH: join(folder, 'contract.sqlite'), LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`contract test: the server exited (${server.exitCode})`);
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/api/openapi.json`)).ok) return;
      } catch {
        // Still starting (creating and seeding the database).
      }
      if (Date.now() > until) throw new Error('contract test: the server did not start within 120 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return starting;
}

const FORWARD = ['accept', 'if-none-match', 'x-device-key', 'authorization', 'content-type', 'idempotency-key'];

async function contractApi(ctx, next) {
  if (!ctx.path.startsWith('/contract-api/')) return next();
  await start();
  const headers = Object.fromEntries(FORWARD.filter((name) => ctx.get(name)).map((name) => [name, ctx.get(name)]));
  // Writes too (sign-in, support, ballot): the method and the raw body are passed on as they came.
  const body = ['GET', 'HEAD'].includes(ctx.method)
    ? undefined
    : await new Promise((done) => {
        const chunks = [];
        ctx.req.on('data', (chunk) => chunks.push(chunk));
        ctx.req.on('end', () => done(Buffer.concat(chunks)));
      });
  const answer = await fetch(`http://127.0.0.1:${PORT}/api/${ctx.path.slice('/contract-api/'.length)}${ctx.querystring ? `?${ctx.querystring}` : ''}`, { method: ctx.method, headers, body });
  ctx.status = answer.status;
  for (const name of ['content-type', 'etag', 'retry-after', 'idempotent-replayed']) if (answer.headers.get(name)) ctx.set(name, answer.headers.get(name));
  ctx.body = Buffer.from(await answer.arrayBuffer());
}

export default {
  ...base,
  middleware: [...(base.middleware ?? []), contractApi],
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
