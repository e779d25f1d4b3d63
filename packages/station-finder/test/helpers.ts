import type { StationFinder } from '../src/station-finder.js';

export const rows = (el: StationFinder) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.row')];
export const names = (el: StationFinder) => rows(el).map((row) => row.querySelector('.name')!.childNodes[row.querySelector('.name')!.childNodes.length - 1]!.textContent!.trim());
export const chip = (el: StationFinder, filter: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`.chip[data-filter="${filter}"]`)!;

/** A Date for a wall-clock time in Beijing (UTC+8). */
export const beijing = (iso: string) => new Date(`${iso}+08:00`);

export function feature(id: string, lon: number, lat: number, properties: Record<string, unknown>) {
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { amenity: 'toilets', ...properties } };
}

/** Five stations on a line east of the kiosk at (119.54, 26.66), roughly 100 m apart. */
export const kiosk = { lat: 26.66, lon: 119.54 };
export const fiveStations = {
  type: 'FeatureCollection',
  features: [
    feature('a', 119.541, 26.66, { name: '东桥公园驿站', 'name:en': 'Dongqiao Park', 'toilets:wheelchair': 'yes', opening_hours: '06:00-22:00', official_name: '林建华', official_phone: '139 0593 0121' }),
    feature('b', 119.542, 26.66, { name: '北门驿站', 'name:en': 'Beimen', 'toilets:wheelchair': 'yes', opening_hours: '09:00-10:00' }),
    feature('c', 119.543, 26.66, { name: '南门驿站', 'name:en': 'Nanmen', 'toilets:wheelchair': 'yes', changing_table: 'yes', opening_hours: '24/7' }),
    feature('d', 119.544, 26.66, { name: '西湖驿站', 'name:en': 'Xihu', drinking_water: 'yes', opening_hours: '06:00-22:00' }),
    feature('e', 119.545, 26.66, { name: '滨江驿站', 'name:en': 'Riverside', 'toilets:wheelchair': 'yes', opening_hours: 'Mo-Su 05:00-23:00', check_date: '2025-03-18' }),
  ],
};
