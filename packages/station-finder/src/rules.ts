import { enforceRules, isBoolean, isSafeUrl, isString, numberIn, oneOf, stringConverter, warnBadValue, type PropertyRule } from '@civic-kiosk/core';
import type { PropertyValues } from 'lit';
import { FILTERS, type StationFilter } from './types.js';

/*
 * What the finder's attributes and properties accept. Attributes go through
 * core's safe converters (on the properties); values set from code are
 * checked here, in willUpdate. A bad value gives one warning naming the
 * element and the attribute, and the default is used: nothing throws.
 */

export const TAG = 'ck-station-finder';

/** An IANA time zone the browser knows (`Intl` throws a RangeError for any other). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !value) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneConverter = stringConverter(TAG, 'time-zone', 'Asia/Shanghai', isTimeZone, 'an IANA time zone, e.g. Asia/Shanghai');

const optional =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === undefined || check(value);

const isSource = (value: unknown): boolean => !!value && typeof (value as { load?: unknown }).load === 'function';
const isDate = (value: unknown): boolean => value instanceof Date && !Number.isNaN(value.getTime());

const RULES: Readonly<Record<string, PropertyRule>> = {
  api: { attribute: 'api', check: (v) => isSafeUrl(v), fallback: '/api', why: 'an http(s) URL or a path' },
  source: { attribute: 'source', check: optional(isSource), fallback: undefined, why: 'an object with load()' },
  latitude: { attribute: 'latitude', check: optional(numberIn({ min: -90, max: 90 })), fallback: undefined, why: 'a latitude from -90 to 90' },
  longitude: { attribute: 'longitude', check: optional(numberIn({ min: -180, max: 180 })), fallback: undefined, why: 'a longitude from -180 to 180' },
  timeZone: { attribute: 'time-zone', check: isTimeZone, fallback: 'Asia/Shanghai', why: 'an IANA time zone' },
  radiusKm: { attribute: 'radius-km', check: numberIn({ min: 0.01, max: 100 }), fallback: 5, why: 'a number from 0.01 to 100' },
  limit: { attribute: 'limit', check: numberIn({ min: 1, max: 100, integer: true }), fallback: 10, why: 'a whole number from 1 to 100' },
  tileUrl: { attribute: 'tile-url', check: (v) => isSafeUrl(v, true), fallback: '', why: 'an http(s) URL template' },
  tileAttribution: { attribute: 'tile-attribution', check: isString, fallback: '' },
  routeUrlTemplate: { attribute: 'route-url-template', check: (v) => isSafeUrl(v, true), fallback: '', why: 'an http(s) URL template' },
  routeCoordinates: { attribute: 'route-coordinates', check: oneOf(['wgs84', 'gcj02']), fallback: 'wgs84', why: 'wgs84 or gcj02' },
  now: { attribute: 'now', check: optional(isDate), fallback: undefined, why: 'a valid Date' },
  fill: { attribute: 'fill', check: isBoolean, fallback: false, why: 'true or false' },
};

/** Checks the properties that changed (set from code), from willUpdate. */
export function finderRules(host: Element, changed: PropertyValues): void {
  enforceRules(host, changed, RULES);
}

/** `filters` set from code: an array of known filters; unknown names are dropped with a warning. */
export function checkFilters(value: unknown): StationFilter[] {
  if (!Array.isArray(value)) {
    warnBadValue(TAG, 'filters', value, [], `a list of ${FILTERS.join(', ')}`);
    return [];
  }
  const known = value.filter((name): name is StationFilter => FILTERS.includes(name as StationFilter));
  if (known.length !== value.length) warnBadValue(TAG, 'filters', value, known, `known: ${FILTERS.join(', ')}`);
  return [...new Set(known)];
}
