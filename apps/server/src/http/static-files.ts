import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * How long a browser may keep a file of the kiosk app (issue 14 item 9).
 * Vite names every asset after its content hash, so a changed asset has a new
 * name: those are cached for a year, immutably. Everything else (index.html,
 * the favicon) is revalidated on every load, so a new version reaches every
 * kiosk at its next reload.
 */
export function cacheControlFor(filePath: string): string {
  const normalized = filePath.split(path.sep).join('/');
  return /\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.(br|gz))?$/.test(normalized) ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache';
}

/**
 * Serves the built kiosk app. The build writes a brotli and a gzip copy beside
 * every text file (scripts/precompress.mjs): the server sends the best one the
 * browser accepts, with its Content-Encoding, and compresses nothing per request.
 */
export async function serveStaticApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    preCompressed: true,
    // Our own Cache-Control below; `send`'s default (max-age=0) would overwrite it.
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('Cache-Control', cacheControlFor(filePath));
    },
  });
  // The staff fleet page (issue 14 item 7) at a short address.
  app.get('/ops', { schema: { hide: true } }, (_request, reply) => reply.sendFile('ops.html'));
  // Caches between the kiosk and the server must keep the encodings apart. Added
  // on send, after the CORS hook has written its own `Vary: Origin`.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/fhir/')) {
      const vary = reply.getHeader('Vary');
      reply.header('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    }
    return payload;
  });
}
