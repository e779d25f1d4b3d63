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
 * same window: one upsert per request, atomic under concurrency (the row lock
 * orders the increments). SQLite is one instance by construction and keeps
 * the plugin's in-memory store.
 */
function postgresStore(ctx: AppContext) {
  let calls = 0;
  return class PostgresRateLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      const now = ctx.now().getTime();
      const reset = now + timeWindow;
      sql<{ hits: number; reset_ms: number }>`
        INSERT INTO rate_limits (key, hits, reset_ms) VALUES (${key}, 1, ${reset})
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN rate_limits.reset_ms <= ${now} THEN 1 ELSE rate_limits.hits + 1 END,
          reset_ms = CASE WHEN rate_limits.reset_ms <= ${now} THEN ${reset} ELSE rate_limits.reset_ms END
        RETURNING hits, reset_ms`
        .execute(ctx.store.db)
        .then((res) => {
          const row = res.rows[0]!;
          callback(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.reset_ms) - now) });
        }, (error: Error) => callback(error));
      // Now and then, drop windows that ended long ago (keys of kiosks and addresses no longer seen).
      if ((calls += 1) % 1000 === 0) void ctx.store.db.deleteFrom('rate_limits').where('reset_ms', '<', now - timeWindow).execute().catch(() => undefined);
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
