import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, DEMO_DEVICE_KEY, type ServerConfig } from '../src/config.js';
import { openDataStore, type DataStore } from '../src/db/database.js';

export const DEVICE = { 'x-device-key': DEMO_DEVICE_KEY };
export const PIN = '123456';
/** Tests sign tokens with a fixed key instead of generating ./data/token-keys.json. */
export const TEST_TOKEN_SECRET = 'test-token-secret-0123456789abcdef0123';
export const dialect = (process.env.TEST_DIALECT ?? 'sqlite') as 'sqlite' | 'postgres';

export interface TestApp {
  app: FastifyInstance;
  store: DataStore;
  config: ServerConfig;
  /** Moves the server's clock forward (lockouts, overdue loans, closing motions). */
  advance(ms: number): void;
  close(): Promise<void>;
}

function pgUrlFor(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh, seeded database for one test file: a copy of the SQLite template
 * file, or a PostgreSQL database created from the template database. Both
 * templates are made once per run by test/run.ts.
 */
export async function cloneDatabase(): Promise<{ store: DataStore; drop(): Promise<void>; url?: string; file?: string }> {
  const template = process.env.TEST_TEMPLATE;
  if (!template) throw new Error('TEST_TEMPLATE is not set: run the suite with `pnpm test` (test/run.ts)');
  const name = `ck_t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    fs.copyFileSync(template, file);
    const store = openDataStore({ sqlitePath: file });
    return {
      store,
      file,
      drop: () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
        return Promise.resolve();
      },
    };
  }
  const base = process.env.PG_TEST_URL!;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        // Another test file may be cloning the same template at this instant.
        if (attempt > 20) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = pgUrlFor(base, name);
  const store = openDataStore({ databaseUrl: url });
  return {
    store,
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // pg's Pool.end() resolves once its clients are told to end, not once their backends are gone: a
      // FORCE drop at that instant terminates a closing backend, whose client then emits an uncaught
      // 'error' into whichever test opened it. Wait (briefly) for the backends to leave first.
      for (let i = 0; i < 50; i += 1) {
        const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestApp(overrides: Partial<ServerConfig> = {}): Promise<TestApp> {
  const { store, drop } = await cloneDatabase();
  let offset = 0;
  const config = { ...loadConfig({}), rateLimitPerMinute: 100_000, tokenSecret: TEST_TOKEN_SECRET, ...overrides };
  const app = await buildApp({ store, config, now: () => new Date(Date.now() + offset), validateResponses: true });
  await app.ready();
  return {
    app,
    store,
    config,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await app.close();
      await store.close();
      await drop();
    },
  };
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

let keyCounter = 0;
export function newKey(): string {
  keyCounter += 1;
  return `test-${process.pid}-${Date.now()}-${keyCounter}`;
}

export async function residentToken(app: FastifyInstance, cardNumber: string, service: 'deliberation' | 'health'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/residents/signin', headers: DEVICE, payload: { cardNumber, pin: PIN, service } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return json<{ token: string }>(res).token;
}

export async function patronToken(app: FastifyInstance, cardNumber: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/library/signin', headers: DEVICE, payload: { cardNumber, pin: PIN } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return json<{ token: string }>(res).token;
}

/** POST with a bearer token, the device key and a fresh (or given) Idempotency-Key. */
export function post(app: FastifyInstance, url: string, payload: unknown, opts: { token?: string; key?: string } = {}) {
  return app.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    headers: { ...DEVICE, 'idempotency-key': opts.key ?? newKey(), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
  });
}

export function get(app: FastifyInstance, url: string, token?: string) {
  return app.inject({ method: 'GET', url, headers: { ...DEVICE, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

/** The error body contract shared with @civic-kiosk/core's HTTP helper. */
export function isErrorBody(body: unknown): boolean {
  const b = body as { code?: unknown; message?: unknown; reasons?: Record<string, unknown> };
  return typeof b.code === 'string' && typeof b.message === 'string' && typeof b.reasons?.['zh-CN'] === 'string' && typeof b.reasons?.en === 'string';
}
