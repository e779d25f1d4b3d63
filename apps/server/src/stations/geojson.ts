import type { Database } from '../db/schema.js';

export interface StationFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, unknown>;
}

/**
 * A station as an OSM-style GeoJSON Feature: the OSM tags are the properties,
 * as in an Overpass export, and the station's extras sit beside them.
 */
export function stationFeature(row: Database['stations']): StationFeature {
  const tags = JSON.parse(row.tags) as Record<string, string>;
  return {
    type: 'Feature',
    id: row.id,
    geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
    properties: {
      ...tags,
      '@id': `station/${row.id}`,
      city: row.city,
      official: { name: row.official_name, phone: row.official_phone },
      updated_at: row.updated_at,
    },
  };
}

/** Great-circle distance in metres (WGS-84 sphere approximation, good to well under 1% here). */
export function distanceMetres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
