import { expect } from '@open-wc/testing';
import { facilitiesFromTags, facilityMask, parseStations, skippedWarning } from '../src/parse.js';

describe('parseStations', () => {
  it('reads an Overpass export of amenity=toilets as is', () => {
    const overpass = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'node/1', properties: { '@id': 'node/1', amenity: 'toilets', name: '东湖公园公厕', wheelchair: 'yes', changing_table: 'yes', opening_hours: '24/7', check_date: '2024-06-01' }, geometry: { type: 'Point', coordinates: [119.54, 26.66] } },
        { type: 'Feature', properties: { '@id': 'way/2', amenity: 'toilets', 'name:en': 'Pier toilets', fee: 'no', 'contact:phone': '0593-1' }, geometry: { type: 'Polygon', coordinates: [[[119.5, 26.6], [119.6, 26.6], [119.6, 26.7], [119.5, 26.7]]] } },
      ],
    };
    const { stations, skipped } = parseStations(overpass);
    expect(skipped).to.equal(0);
    expect(stations[0]).to.include({ id: 'node/1', name: '东湖公园公厕', openingHours: '24/7', verified: '2024-06-01', lon: 119.54, lat: 26.66 });
    expect(stations[0]!.facilities).to.deep.equal(['toilets', 'wheelchair', 'baby_change']);
    expect(stations[1]).to.include({ id: 'way/2', name: '', nameEn: 'Pier toilets', phone: '0593-1' });
    expect(stations[1]!.lon).to.be.closeTo(119.55, 1e-9);
  });

  it('maps every facility tag', () => {
    expect(facilitiesFromTags({ amenity: 'drinking_water' })).to.deep.equal(['drinking_water']);
    expect(facilitiesFromTags({ toilets: 'yes', 'toilets:wheelchair': 'designated', diaper: 'yes', 'socket:usb_a': '2', internet_access: 'WLAN', lounge: 'yes' })).to.deep.equal([
      'toilets', 'wheelchair', 'baby_change', 'charging', 'wifi', 'rest_room',
    ]);
    expect(facilitiesFromTags({ amenity: 'charging_station' })).to.deep.equal(['charging']);
    expect(facilitiesFromTags({ amenity: 'shelter', 'socket:type2': 'no', internet_access: 'no' })).to.deep.equal(['rest_room']);
    expect(facilitiesFromTags({ wheelchair: 'yes' })).to.deep.equal([]);
    expect(facilitiesFromTags({ facilities: ['wifi', 'toilets', 'jacuzzi'] })).to.deep.equal(['toilets', 'wifi']);
    expect(facilitiesFromTags({ amenity: 'toilets', drinking_water: true, device_charging: 1 })).to.deep.equal(['toilets', 'drinking_water']);
    expect(facilityMask(['toilets', 'wifi'])).to.equal(0b100001);
  });

  it("reads our server's rows: tags as JSON, official and verified date", () => {
    const { stations } = parseStations({
      stations: [
        { id: 's1', name_zh: '金马广场驿站', name_en: 'Jinma Square', lon: 119.55, lat: 26.65, tags: JSON.stringify({ amenity: 'toilets', drinking_water: 'yes' }), official_name: '陈美玲', official_phone: '138', updated_at: '2025-02-27T08:00:00Z' },
        { id: 's2', name_zh: '坏标签', lon: 119.55, lat: 26.65, tags: '{not json' },
        { id: 's3', name: 'Object tags', lon: 119.55, lat: 26.65, tags: { amenity: 'toilets' }, verified_at: 'not a date' },
      ],
    });
    expect(stations).to.have.length(2);
    expect(stations[0]).to.deep.include({ id: 's1', name: '金马广场驿站', nameEn: 'Jinma Square', official: { name: '陈美玲', phone: '138' }, verified: '2025-02-27T08:00:00Z' });
    expect(stations[0]!.facilities).to.deep.equal(['toilets', 'drinking_water']);
    expect(stations[1]!.verified).to.equal(undefined);
    expect(stations[1]!.official).to.equal(undefined);
  });

  it('skips and counts bad features instead of throwing', () => {
    const report = parseStations([
      null,
      { type: 'Feature', properties: { amenity: 'toilets' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [200, 26] }, properties: { amenity: 'toilets' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { amenity: 'toilets' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: ['a', 26] }, properties: { amenity: 'toilets' } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[119, 26], 'x'] }, properties: { amenity: 'toilets' } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[]] }, properties: { amenity: 'toilets' } },
      { type: 'Feature', geometry: { type: 'GeometryCollection' }, properties: { amenity: 'toilets' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [119.5, 26.6] }, properties: { amenity: 'bench' } },
      { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[119.5, 26.6]] }, properties: null },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [119.5, 26.6] }, properties: { amenity: 'toilets', name: 42 } },
    ]);
    expect(report).to.include({ skipped: 10, noGeometry: 4, badCoordinates: 4, noFacility: 2 });
    expect(report.stations.map((s) => s.name)).to.deep.equal(['42']);
    expect(parseStations('nonsense').stations).to.deep.equal([]);
    expect(parseStations({ features: 'x' }).stations).to.deep.equal([]);
  });

  it('words one warning for a data set', () => {
    expect(skippedWarning(10, { noGeometry: 0, badCoordinates: 0, noFacility: 0 }, 0)).to.equal(undefined);
    expect(skippedWarning(10, undefined, 0)).to.equal(undefined);
    expect(skippedWarning(12, { noGeometry: 1, badCoordinates: 2, noFacility: 3 }, 4)).to.equal(
      'ck-station-finder: skipped 6 of 12 features (1 without a point geometry, 2 with impossible coordinates, 3 with no known facility); 4 station(s) have opening_hours that cannot be read (shown as "hours unknown").',
    );
    expect(skippedWarning(5, undefined, 1)).to.contain('1 station(s) have opening_hours');
  });
});
