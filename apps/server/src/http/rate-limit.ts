import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { resolveDevice } from './device.js';
import { ApiError } from './errors.js';
import { isApiRequest } from './route-kind.js';

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * Counters in PostgreSQL, so every server instance on one database counts the
 * same window exactly. One atomic upsert adds to a key's counter and returns
 * the total, and the requests for one key that arrive while its upsert is in
 * flight are added together by the next one (as group commit does for
 * writes): each still gets its own exact position in the window, but a hot key
 * (one kiosk, or every anonymous caller of one address) costs one round trip
 * per batch instead of one per request, and its row lock is taken once.
 * The table is UNLOGGED: counters need no crash safety, so no WAL, no fsync.
 */
function postgresStore(ctx: AppContext) {
  type Waiter = IncrCallback;
  const queues = new Map<string, { inFlight: boolean; waiting: Waiter[] }>();
  let calls = 0;

  const flush = (key: string, timeWindow: number): void => {
    const queue = queues.get(key)!;
    const batch = queue.waiting;
    queue.waiting = [];
    queue.inFlight = true;
    const n = batch.length;
    const now = ctx.now().getTime();
    const reset = now + timeWindow;
    sql<{ hits: number; reset_ms: number }>`
      INSERT INTO rate_limits (key, hits, reset_ms) VALUES (${key}, ${n}, ${reset})
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN rate_limits.reset_ms <= ${now} THEN ${n} ELSE rate_limits.hits + ${n} END,
        reset_ms = CASE WHEN rate_limits.reset_ms <= ${now} THEN ${reset} ELSE rate_limits.reset_ms END
      RETURNING hits, reset_ms`
      .execute(ctx.store.db)
      .then(
        (res) => {
          const row = res.rows[0]!;
          const total = Number(row.hits);
          const ttl = Math.max(0, Number(row.reset_ms) - now);
          // The batch holds the last n places of the window, in arrival order.
          batch.forEach((cb, i) => cb(null, { current: total - n + i + 1, ttl }));
        },
        (error: Error) => batch.forEach((cb) => cb(error)),
      )
      .finally(() => {
        queue.inFlight = false;
        if (queue.waiting.length) flush(key, timeWindow);
        else queues.delete(key);
      });
  };

  return class PostgresRateLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      let queue = queues.get(key);
      if (!queue) {
        queue = { inFlight: false, waiting: [] };
        queues.set(key, queue);
      }
      queue.waiting.push(callback);
      if (!queue.inFlight) flush(key, timeWindow);
      // Now and then, drop windows that ended long ago (keys of kiosks and addresses no longer seen).
      if ((calls += 1) % 1000 === 0) {
        const before = ctx.now().getTime() - timeWindow;
        void ctx.store.db.deleteFrom('rate_limits').where('reset_ms', '<', before).execute().catch(() => undefined);
      }
    }
    child(): PostgresRateLimitStore {
      return this;
    }
  };
}

/** The bucket of a request: its validated kiosk, or else its address (unknown keys all share that one). */
export async function rateLimitKey(request: FastifyRequest): Promise<string> {
  if (request.headers['x-device-key'] !== undefined) {
    const check = await resolveDevice(request);
    if ('device' in check) return `device:${check.device.id}`;
  }
  return `ip:${request.ip}`;
}

export async function registerRateLimit(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: 60_000,
    ...(ctx.store.dialect === 'postgres' ? { store: postgresStore(ctx) } : {}),
    allowList: (request) => !isApiRequest(request),
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.ceil(context.ttl / 1000);
      return new ApiError(429, 'RATE_LIMITED', `Too many requests from this kiosk. Please wait ${seconds} s.`, `本终端请求过于频繁，请 ${seconds} 秒后再试。`, { retryAfterSeconds: seconds });
    },
  });
}
