import * as api from '../http/api-schemas.js';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { errors } from '../http/errors.js';
import { errorResponses, s } from '../http/validation.js';
import type { Db } from '../db/database.js';
import { distanceMetres, stationFeature, type StationFeature } from './geojson.js';

interface Cached {
  version: string;
  /** The FeatureCollection, serialized once. */
  body: Buffer;
  features: StationFeature[];
  etag: string;
  /** performance.now() of the last check that this is still the stored data. */
  checkedAt: number;
}

/**
 * `GET /api/stations` is served from memory: the FeatureCollection is built,
 * serialized and hashed once per data version. Stations change rarely and only
 * through the database (seed, migration or an operator's SQL; the API has no
 * station writes), so the data version (row count + newest `updated_at`) is
 * re-checked at most every `stationsMaxStaleMs`, in the background while the
 * cached copy is served: a change shows up within that bound, on every instance
 * of a fleet, with the same ETag everywhere (it is a hash of the body).
 */
export function stationCache(db: Db, maxStaleMs: number) {
  let cached: Cached | null = null;
  let refreshing: Promise<Cached> | null = null;

  async function refresh(): Promise<Cached> {
    const version = await db
      .selectFrom('stations')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
      .executeTakeFirstOrThrow();
    const key = `${Number(version.n)}:${version.latest ?? ''}`;
    if (cached?.version === key) {
      cached.checkedAt = performance.now();
      return cached;
    }
    const rows = await db.selectFrom('stations').selectAll().orderBy('id').execute();
    const features = rows.map(stationFeature);
    const body = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
    cached = { version: key, body, features, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, checkedAt: performance.now() };
    return cached;
  }

  function refreshOnce(): Promise<Cached> {
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    /** The current collection; waits for the database only when nothing is cached yet (or staleness is not allowed). */
    async get(): Promise<Cached> {
      if (!cached || maxStaleMs <= 0) return refreshOnce();
      if (performance.now() - cached.checkedAt >= maxStaleMs) {
        // A failed background check keeps serving the cached copy and is retried on the next request.
        refreshOnce().catch(() => undefined);
      }
      return cached;
    },
    /** Forgets the cached copy (for a future in-process station write). */
    invalidate(): void {
      cached = null;
    },
  };
}

export function stationRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;
  const cache = stationCache(db, app.ctx.config.stationsMaxStaleMs);

  app.get(
    '/api/stations',
    {
      schema: {
        tags: ['stations'],
        summary: 'All stations as a GeoJSON FeatureCollection with OSM tags; supports ETag / If-None-Match.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            lat: { type: 'number', minimum: -90, maximum: 90 },
            lon: { type: 'number', minimum: -180, maximum: 180 },
            radiusKm: { type: 'number', exclusiveMinimum: 0, maximum: 20000 },
          },
          dependencies: { lat: ['lon'], lon: ['lat'], radiusKm: ['lat', 'lon'] },
        },
        headers: { type: 'object', properties: { 'if-none-match': { type: 'string', maxLength: 512 } } },
        response: {
          200: {
            type: 'object',
            description: 'GeoJSON FeatureCollection',
            properties: api.stationCollection.properties,
            required: api.stationCollection.required,
            additionalProperties: false,
          },
          304: { type: 'null', description: 'Unchanged since the ETag sent in If-None-Match' },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const { lat, lon, radiusKm } = request.query as { lat?: number; lon?: number; radiusKm?: number };
      const current = await cache.get();
      reply.header('Cache-Control', 'no-cache');
      reply.type('application/geo+json; charset=utf-8');
      if (lat === undefined || lon === undefined) {
        reply.header('ETag', current.etag);
        const inm = request.headers['if-none-match'];
        if (typeof inm === 'string' && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === current.etag)) {
          return reply.code(304).send();
        }
        return reply.send(current.body);
      }
      // Nearest first; the kiosk sorts by walking distance itself, this is a coarse pre-filter.
      const limit = (radiusKm ?? 20000) * 1000;
      const features = current.features
        .map((f) => ({ f, d: distanceMetres([lon, lat], f.geometry.coordinates) }))
        .filter(({ d }) => d <= limit)
        .sort((a, b) => a.d - b.d)
        .map(({ f, d }) => ({ ...f, properties: { ...f.properties, distance_m: Math.round(d) } }));
      return reply.send(JSON.stringify({ type: 'FeatureCollection', features }));
    },
  );

  app.get(
    '/api/stations/:id',
    {
      schema: {
        tags: ['stations'],
        summary: 'One station as a GeoJSON Feature.',
        params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: s.id } },
        response: { 200: api.stationFeature, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const row = await db.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw errors.notFound('The station', '该驿站');
      reply.header('Cache-Control', 'no-cache');
      return stationFeature(row);
    },
  );
}
