import { inLocale, type Locale } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import type { MapLabels } from './map-view.js';
import type { CompassPoint } from './geo.js';
import type { WeekLine } from './hours.js';
import type { Station, StationAccess, StationFee, StationFilter } from './types.js';

/*
 * Every word the finder shows about a station, in the visitor's language.
 * Functions, not constants: `msg()` answers in the locale active when called.
 */

/** The facility (or filter) names. */
export function facilityLabel(facility: StationFilter): string {
  switch (facility) {
    case 'toilets':
      return msg('Toilets');
    case 'wheelchair':
      return msg('Accessible toilet');
    case 'baby_change':
      return msg('Mother-and-baby room');
    case 'family_room':
      return msg('Family / unisex room');
    case 'drinking_water':
      return msg('Drinking water');
    case 'charging':
      return msg('Phone charging');
    case 'wifi':
      return msg('Wi-Fi');
    case 'rest_room':
      return msg('Rest room');
    case 'free':
      return msg('Free of charge');
    case 'open_now':
      return msg('Open now');
  }
}

export function compassLabel(point: CompassPoint): string {
  switch (point) {
    case 'N':
      return msg('north');
    case 'NE':
      return msg('north-east');
    case 'E':
      return msg('east');
    case 'SE':
      return msg('south-east');
    case 'S':
      return msg('south');
    case 'SW':
      return msg('south-west');
    case 'W':
      return msg('west');
    case 'NW':
      return msg('north-west');
  }
}

/** The station's name in the locale: the English one in English when there is one. */
export function stationName(station: Station, locale: string): string {
  if (locale === 'en' && station.nameEn) return station.nameEn;
  return station.name || station.nameEn || msg('Public toilet');
}

/** The other-language name shown under the main one (the Chinese name in English), if any. */
export function secondaryName(station: Station, locale: string): string | undefined {
  return locale === 'en' && station.nameEn && station.name ? station.name : undefined;
}

/** Who runs it, in the locale: OSM `operator:en` in English. */
export function operatorName(station: Station, locale: string): string | undefined {
  return (locale === 'en' ? station.operatorEn : undefined) ?? station.operator;
}

/** The note for a station only some may use (OSM `access`). */
export function accessLabel(access: StationAccess): string {
  return access === 'customers' ? msg('For customers only') : msg('Open to the public by permission of the owner');
}

/** "Fee: 1 CNY" / "收费 1 元"; "Free of charge" for `fee=no`. */
export function feeLabel(fee: StationFee, locale: string): string {
  if (!fee.paid) return msg('Free of charge');
  if (fee.yuan !== undefined) {
    const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(fee.yuan);
    return msg(str`Fee: ${amount} CNY`);
  }
  return fee.charge ? msg(str`Fee: ${fee.charge}`) : msg('Fee charged');
}

/** The map's words in `locale`: Leaflet draws them outside the element's render, so they are made in that locale explicitly. */
export function mapLabels(locale: Locale): MapLabels {
  const say = <T>(make: () => T) => inLocale(locale, make);
  return {
    here: say(() => msg('You are here')),
    map: say(() => msg('Map of the nearest stations')),
    station: (station, rank) => say(() => (rank ? msg(str`${rank}. ${stationName(station, locale)}`) : stationName(station, locale))),
    cluster: (count) => say(() => msg(str`${count} stations here: zoom in`)),
  };
}

/** [1,2,3,4,5] -> "Mon–Fri", [6,0] -> "Sat, Sun" (Monday first). */
export function dayRanges(days: readonly number[], locale: string): string {
  if (days.length === 7) return msg('Every day');
  const fmt = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-07 was a Sunday.
  const dayName = (day: number) => fmt.format(new Date(Date.UTC(2024, 0, 7 + day)));
  const order = days.map((d) => (d + 6) % 7);
  const ranges: string[] = [];
  for (let i = 0; i < order.length; i++) {
    let j = i;
    while (j + 1 < order.length && order[j + 1] === order[j]! + 1) j++;
    const from = dayName((order[i]! + 1) % 7);
    const to = dayName((order[j]! + 1) % 7);
    ranges.push(j - i >= 2 ? `${from}–${to}` : j > i ? `${from}, ${to}` : from);
    i = j;
  }
  return ranges.join(', ');
}

/** The hours of one week line: "closed", "open 24 hours" or "07:00–21:00, …". */
export function weekHours(line: WeekLine): string {
  if (line.intervals.length === 0) return msg('closed');
  const [first] = line.intervals;
  if (line.intervals.length === 1 && first![0] === '00:00' && first![1] === '24:00') return msg('open 24 hours');
  return line.intervals.map(([a, b]) => `${a}–${b}`).join(', ');
}
