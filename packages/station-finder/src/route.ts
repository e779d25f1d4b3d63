import { wgs84ToGcj02 } from './gcj02.js';
import type { Station } from './types.js';

/** Which datum a map app's URL template expects. */
export type RouteCoordinates = 'wgs84' | 'gcj02';

const round = (value: number) => value.toFixed(6);

/** A `geo:` URI (RFC 5870) that any phone's map app can open, with the name as the label. */
export function geoUri(station: Pick<Station, 'lon' | 'lat' | 'name'>): string {
  const lat = round(station.lat);
  const lon = round(station.lon);
  const label = station.name ? `(${encodeURIComponent(station.name)})` : '';
  return `geo:${lat},${lon}?q=${lat},${lon}${label}`;
}

/**
 * Fills a map-app URL template. Placeholders: `{lat}`/`{lng}`/`{lon}` (in
 * the datum `coordinates` names), `{wgsLat}`/`{wgsLng}` (always WGS-84),
 * `{gcjLat}`/`{gcjLng}` (always GCJ-02), `{name}` (URL-encoded) and
 * `{fromLat}`/`{fromLng}` (the kiosk, same datum as `{lat}`).
 * An empty template gives the `geo:` URI.
 */
export function routeUrl(
  template: string,
  station: Pick<Station, 'lon' | 'lat' | 'name'>,
  coordinates: RouteCoordinates = 'wgs84',
  from?: { lon: number; lat: number },
): string {
  if (!template.trim()) return geoUri(station);
  const gcj = wgs84ToGcj02(station);
  const to = coordinates === 'gcj02' ? gcj : station;
  const origin = from && (coordinates === 'gcj02' ? wgs84ToGcj02(from) : from);
  const values: Record<string, string> = {
    lat: round(to.lat),
    lng: round(to.lon),
    lon: round(to.lon),
    wgsLat: round(station.lat),
    wgsLng: round(station.lon),
    gcjLat: round(gcj.lat),
    gcjLng: round(gcj.lon),
    name: encodeURIComponent(station.name),
    fromLat: origin ? round(origin.lat) : '',
    fromLng: origin ? round(origin.lon) : '',
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
