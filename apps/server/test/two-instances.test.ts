import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEMO_DEVICE_KEY } from '../src/config.js';
import { cloneDatabase, PIN, TEST_TOKEN_SECRET } from './helpers.js';

/**
 * Two server processes on one database (PostgreSQL, as a fleet runs; the same
 * file on SQLite): a sign-out on one is seen by the other at once, and lockout
 * counters add up whichever instance answers. Each instance on a free port
 * (two runs of the suite may share a machine).
 */
const PORTS: number[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
let db: Awaited<ReturnType<typeof cloneDatabase>>;
const servers: ChildProcess[] = [];

async function start(port: number): Promise<ChildProcess> {
  const env = {
    ...process.env,
    ...(db.url ? { DATABASE_URL: db.url } : { SQLITE_PATH: db.file, DATABASE_URL: '' }),
    PORT: String(port),
    HOST: '127.0.0.1',
    TOKEN_SECRET: TEST_TOKEN_SECRET,
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/stations`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance on ${port} did not start`);
}

before(async () => {
  db = await cloneDatabase();
  PORTS.push(await freePort(), await freePort());
  // Both migrate on start; let the first finish before the second begins.
  servers.push(await start(PORTS[0]!));
  servers.push(await start(PORTS[1]!));
});
after(async () => {
  for (const s of servers) {
    if (s.exitCode === null) await new Promise<void>((resolve) => s.once('exit', () => resolve()).kill('SIGTERM'));
  }
  await db.store.close();
  await db.drop();
});

async function call(instance: 0 | 1, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${PORTS[instance]}${path}`, {
    method,
    headers: { 'x-device-key': DEMO_DEVICE_KEY, ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('two server instances on one database', () => {
  it('a token signed out on one instance is refused by the other', async () => {
    const signed = await call(0, 'POST', '/api/residents/signin', { cardNumber: 'XK0001', pin: PIN, service: 'health' });
    assert.equal(signed.status, 200);
    const token = signed.body.token as string;
    assert.equal((await call(1, 'GET', '/fhir/Patient/pat-001', undefined, token)).status, 200, 'the other instance accepts the token');
    assert.equal((await call(0, 'POST', '/api/signout', undefined, token)).status, 204);
    assert.equal((await call(1, 'GET', '/fhir/Patient/pat-001', undefined, token)).status, 401, 'and refuses it at once after sign-out');
    assert.equal((await call(0, 'GET', '/fhir/Patient/pat-001', undefined, token)).status, 401);
  });

  it('lockout counters add up across instances', async () => {
    const card = 'XK0105';
    const left: number[] = [];
    let last = 0;
    for (let i = 0; i < 5; i += 1) {
      const res = await call((i % 2) as 0 | 1, 'POST', '/api/residents/signin', { cardNumber: card, pin: '000000', service: 'deliberation' });
      last = res.status;
      if (res.status !== 423) left.push(res.body.attemptsLeft as number);
    }
    // Whether a guess is checked (401) or lands in a wait (429), each one counts, on either instance.
    assert.deepEqual(left, [4, 3, 2, 1]);
    assert.equal(last, 423);
    for (const instance of [0, 1] as const) {
      const right = await call(instance, 'POST', '/api/residents/signin', { cardNumber: card, pin: PIN, service: 'deliberation' });
      assert.equal(right.status, 423);
      assert.equal(right.body.code, 'PIN_LOCKED');
    }
  });
});
