import { expect } from '@open-wc/testing';
import { generateStations, NINGDE_KIOSK } from '../src/demo.js';
import { parseStations } from '../src/parse.js';
import { linearNearest, scanNearest, suggestDrop, visitorNearest } from '../src/spatial.js';
import { StationIndex } from '../src/station-index.js';
import { StationTable } from '../src/table.js';
import type { Facility } from '../src/types.js';
import { fiveStations, kiosk } from './helpers.js';

describe('StationIndex', () => {
  const { stations, table } = parseStations(generateStations(20_000, 3));
  const index = new StationIndex(table);

  it('answers like a linear scan, for many queries and filters', () => {
    const filters: Facility[][] = [[], ['wheelchair'], ['wheelchair', 'baby_change'], ['wifi', 'charging', 'rest_room']];
    for (let i = 0; i < 20; i++) {
      const origin = { lon: NINGDE_KIOSK.lon + (i - 10) * 0.02, lat: NINGDE_KIOSK.lat + (i % 7) * 0.01 };
      const facilities = filters[i % filters.length]!;
      const fast = index.nearest({ origin, facilities, radiusKm: 5, limit: 10 }).map((r) => r.station.id);
      const slow = linearNearest(stations, { origin, facilities, radiusKm: 5, limit: 10 }).map((r) => r.station.id);
      expect(fast).to.deep.equal(slow);
    }
  });

  it('gives walking distance and minutes, nearest first, within the radius', () => {
    const found = index.nearest({ origin: NINGDE_KIOSK, radiusKm: 1, limit: 50 });
    expect(found.length).to.be.greaterThan(0);
    for (let i = 1; i < found.length; i++) expect(found[i]!.distance).to.be.at.least(found[i - 1]!.distance);
    for (const item of found) {
      expect(item.distance).to.be.at.most(1000 + 1e-6);
      expect(item.minutes).to.be.closeTo(item.distance / 75, 1e-9);
    }
  });

  it('applies an extra condition and returns everything within for the map', () => {
    const even = index.nearest({ origin: NINGDE_KIOSK, where: (s) => Number(s.id.slice(4)) % 2 === 0, limit: 5 });
    expect(even.every((r) => Number(r.station.id.slice(4)) % 2 === 0)).to.equal(true);
    const linear = linearNearest(stations, { origin: NINGDE_KIOSK, where: (s) => Number(s.id.slice(4)) % 2 === 0, limit: 5 });
    expect(even.map((r) => r.station.id)).to.deep.equal(linear.map((r) => r.station.id));
    expect(index.within({ origin: NINGDE_KIOSK, radiusKm: 2 })).to.have.length(index.nearest({ origin: NINGDE_KIOSK, radiusKm: 2, limit: Infinity }).length);
  });

  it('gives the same answer from one scan of the typed arrays (the first list, before the index is built)', () => {
    const filters: Facility[][] = [[], ['wheelchair'], ['wheelchair', 'baby_change'], ['wifi', 'charging', 'rest_room']];
    for (let i = 0; i < 20; i++) {
      const origin = { lon: NINGDE_KIOSK.lon + (i - 10) * 0.02, lat: NINGDE_KIOSK.lat + (i % 7) * 0.01 };
      const query = { origin, facilities: filters[i % filters.length]!, radiusKm: 1 + (i % 5), limit: 10, where: i % 3 ? undefined : (s: { id: string }) => s.id.endsWith('7') };
      const fast = index.nearest(query);
      const scanned = scanNearest(table, query);
      expect(scanned.map((r) => r.station.id)).to.deep.equal(fast.map((r) => r.station.id));
      scanned.forEach((r, k) => expect(r.distance).to.be.closeTo(fast[k]!.distance, 1e-6));
    }
    expect(scanNearest(table, { origin: NINGDE_KIOSK, limit: 0 })).to.deep.equal([]);
  });

  it('scans correctly across the antimeridian and near a pole', () => {
    const edge = StationTable.of(
      parseStations([
        { type: 'Feature', id: 'east', geometry: { type: 'Point', coordinates: [179.999, 10] }, properties: { amenity: 'toilets' } },
        { type: 'Feature', id: 'west', geometry: { type: 'Point', coordinates: [-179.999, 10] }, properties: { amenity: 'toilets' } },
        { type: 'Feature', id: 'pole', geometry: { type: 'Point', coordinates: [100, 89.99] }, properties: { amenity: 'toilets' } },
      ]).stations,
    );
    expect(scanNearest(edge, { origin: { lon: 179.9995, lat: 10 }, radiusKm: 1 }).map((r) => r.station.id)).to.deep.equal(['east', 'west']);
    expect(scanNearest(edge, { origin: { lon: -80, lat: 89.995 }, radiusKm: 5 }).map((r) => r.station.id)).to.deep.equal(['pole']);
    const index = new StationIndex(edge);
    expect(index.stations.map((s) => s.id)).to.deep.equal(['east', 'west', 'pole']);
    expect(index.count({ origin: { lon: 179.9995, lat: 10 }, radiusKm: 1 })).to.equal(2);
  });

  it('copes with no stations and no limit', () => {
    const empty = new StationIndex([]);
    expect(empty.size).to.equal(0);
    expect(empty.nearest({ origin: kiosk })).to.deep.equal([]);
    expect(index.nearest({ origin: kiosk, limit: 0 })).to.deep.equal([]);
  });

  it('suggests the filter to drop that brings back the nearest station', () => {
    const small = new StationIndex(parseStations(fiveStations).stations);
    // Nothing has both an accessible toilet and drinking water; Xihu (d) has water and is nearer than...
    const suggestion = suggestDrop(small, { origin: kiosk, facilities: ['wheelchair', 'drinking_water'], radiusKm: 5 });
    expect(suggestion?.drop).to.equal('drinking_water');
    expect(suggestion?.nearest.station.id).to.equal('a');
    const openOnly = suggestDrop(small, { origin: kiosk, facilities: ['baby_change'], radiusKm: 5 }, () => false);
    expect(openOnly?.drop).to.equal('open_now');
    expect(openOnly?.nearest.station.id).to.equal('c');
    expect(suggestDrop(small, { origin: { lon: 0.5, lat: 0.5 }, facilities: ['wifi'], radiusKm: 1 })).to.equal(undefined);
  });
});

describe('the default order (no facility chosen)', () => {
  const here = { lon: 120.0, lat: 30.0 };
  const east = (meters: number) => here.lon + meters / 96_000;
  const { table, stations } = parseStations([
    { type: 'Feature', id: 'water-50', geometry: { type: 'Point', coordinates: [east(50), here.lat] }, properties: { amenity: 'drinking_water' } },
    { type: 'Feature', id: 'charge-80', geometry: { type: 'Point', coordinates: [east(80), here.lat] }, properties: { amenity: 'charging_station' } },
    { type: 'Feature', id: 'toilet-200', geometry: { type: 'Point', coordinates: [east(200), here.lat] }, properties: { amenity: 'toilets', fee: 'yes' } },
    { type: 'Feature', id: 'toilet-400', geometry: { type: 'Point', coordinates: [east(400), here.lat] }, properties: { amenity: 'toilets', drinking_water: 'yes', fee: 'no' } },
    { type: 'Feature', id: 'water-300', geometry: { type: 'Point', coordinates: [east(300), here.lat] }, properties: { amenity: 'drinking_water', fee: 'no' } },
  ]);
  const index = new StationIndex(table);
  const scan = { nearest: (q: Parameters<typeof scanNearest>[1]) => scanNearest(table, q) };
  const ids = (found: { station: { id: string } }[]) => found.map((f) => f.station.id);

  it('lists toilets first, nearest first, then stations without toilets to fill the list', () => {
    for (const search of [index, scan]) {
      expect(ids(visitorNearest(search, { origin: here, limit: 10 }))).to.deep.equal(['toilet-200', 'toilet-400', 'water-50', 'charge-80', 'water-300']);
      expect(ids(visitorNearest(search, { origin: here, limit: 2 }))).to.deep.equal(['toilet-200', 'toilet-400']);
      expect(ids(visitorNearest(search, { origin: here, limit: 3 }))).to.deep.equal(['toilet-200', 'toilet-400', 'water-50']);
    }
  });

  it('keeps that order with only "free" chosen, and plain distance once a facility is chosen', () => {
    expect(ids(visitorNearest(index, { origin: here, facilities: ['free'] }))).to.deep.equal(['toilet-400', 'water-300']);
    expect(ids(visitorNearest(index, { origin: here, facilities: ['drinking_water'] }))).to.deep.equal(['water-50', 'water-300', 'toilet-400']);
  });

  it('"without" excludes a facility in the index, the scan and the linear baseline alike', () => {
    const query = { origin: here, without: ['toilets'] as Facility[] };
    expect(ids(index.nearest(query))).to.deep.equal(['water-50', 'charge-80', 'water-300']);
    expect(ids(scanNearest(table, query))).to.deep.equal(ids(index.nearest(query)));
    expect(ids(linearNearest(stations, query))).to.deep.equal(ids(index.nearest(query)));
  });
});
