import type { FastifyInstance } from 'fastify';
import { isApiRequest } from './route-kind.js';

/**
 * A CSP strict enough for the kiosk's Lit components: no inline script or
 * style, no eval, Trusted Types required for script sinks. `frame-ancestors`
 * comes from configuration so other teams can embed a component page.
 */
export function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https://*.tile.openstreetmap.org",
    "connect-src 'self'",
    "font-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    "require-trusted-types-for 'script'",
    // lit-html renders templates; ck-service-worker only ever yields the kiosk's own /sw.js (apps/kiosk/src/offline.ts).
    'trusted-types lit-html ck-service-worker',
  ].join('; ');
}

export function registerSecurityHeaders(app: FastifyInstance, frameAncestors: string): void {
  const csp = contentSecurityPolicy(frameAncestors);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(self)');
    // Personal data must never sit in a browser or proxy cache: every API answer is no-store
    // unless a route chose a revalidating policy for public data (stations, OpenAPI).
    // Decided on the matched route pattern, not the raw URL (`/%61pi/...` is the API too).
    if (isApiRequest(request) && !reply.hasHeader('Cache-Control')) {
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
}
