import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

const METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
const HEADERS = 'Content-Type, Authorization, X-Device-Key, Idempotency-Key, If-None-Match, Accept-Language';
const EXPOSED = 'ETag, Retry-After, Idempotent-Replayed, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';

/**
 * CORS for embedders: only origins in CORS_ORIGINS get an
 * Access-Control-Allow-Origin, and never Access-Control-Allow-Credentials —
 * cookies are never used and a bearer token is sent explicitly by the caller,
 * so a browser never attaches credentials to a cross-origin call on its own.
 * Preflights are answered (204) for allowed origins and refused (403) for others.
 */
export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    reply.header('Vary', 'Origin');
    if (typeof origin === 'string' && allowed.has(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', EXPOSED);
    }
  });

  app.route({
    method: 'OPTIONS',
    url: '/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const origin = request.headers.origin;
      // Not a preflight (no Origin): say what the server allows.
      if (origin === undefined) return reply.code(204).header('Allow', METHODS).send();
      if (typeof origin !== 'string' || !allowed.has(origin)) {
        throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'This origin may not call the API from a browser (see CORS_ORIGINS).', '该来源不允许从浏览器调用本接口（见 CORS_ORIGINS）。');
      }
      return reply
        .code(204)
        .header('Access-Control-Allow-Methods', METHODS)
        .header('Access-Control-Allow-Headers', HEADERS)
        .header('Access-Control-Max-Age', '600')
        .send();
    },
  });
}
