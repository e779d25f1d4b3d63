import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { errors } from '../http/errors.js';
import { errorResponses, s } from '../http/validation.js';
import { distanceMetres, stationFeature } from './geojson.js';

interface Cached {
  version: string;
  body: string;
  etag: string;
}

export function stationRoutes(app: FastifyInstance): void {
  const { db } = app.ctx.store;
  // The serialized collection is cached per data version (row count + newest update), so a
  // busy fleet costs one tiny query per request and every instance agrees on the ETag.
  let cached: Cached | null = null;

  async function collection(): Promise<Cached> {
    const version = await db
      .selectFrom('stations')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
      .executeTakeFirstOrThrow();
    const key = `${Number(version.n)}:${version.latest ?? ''}`;
    if (cached?.version === key) return cached;
    const rows = await db.selectFrom('stations').selectAll().orderBy('id').execute();
    const body = JSON.stringify({ type: 'FeatureCollection', features: rows.map(stationFeature) });
    cached = { version: key, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    return cached;
  }

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
            properties: { type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object', additionalProperties: true } } },
          },
          304: { type: 'null', description: 'Unchanged since the ETag sent in If-None-Match' },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const { lat, lon, radiusKm } = request.query as { lat?: number; lon?: number; radiusKm?: number };
      const current = await collection();
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
      const fc = JSON.parse(current.body) as { features: ReturnType<typeof stationFeature>[] };
      const limit = (radiusKm ?? 20000) * 1000;
      const features = fc.features
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
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(404) },
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
