import { expect } from '@open-wc/testing';
import { accessOf, exclusionOf, facilitiesFromTags, facilityMask, feeOf, parseStations, skippedWarning } from '../src/parse.js';

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
    expect(facilitiesFromTags({ amenity: 'toilets', wheelchair: 'yes' })).to.deep.equal(['toilets', 'wheelchair']);
    expect(facilitiesFromTags({ amenity: 'toilets', wheelchair: 'yes', 'toilets:wheelchair': 'no' })).to.deep.equal(['toilets']);
    expect(facilitiesFromTags({ amenity: 'toilets', wheelchair: 'limited' })).to.deep.equal(['toilets']);
    expect(facilitiesFromTags({ 'station:mother_baby_room': 'yes', 'station:rest_room': 'yes', 'station:tv': 'yes' })).to.deep.equal(['baby_change', 'rest_room']);
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

describe('StationTable from parseStations', () => {
  it('keeps positions and facilities in typed arrays and makes a Station only when asked', () => {
    const { table } = parseStations({
      features: [
        { type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [119.5, 26.6] }, properties: { amenity: 'toilets', opening_hours: '24/7' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [119.6, 26.7] }, properties: { amenity: 'drinking_water', name: '水站' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [119.7, 26.8] }, properties: { '@id': 'node/9', 'socket:usb_a': 'yes', 'socket:schuko': 'no' } },
      ],
    });
    expect(table.size).to.equal(3);
    expect([...table.lon]).to.deep.equal([119.5, 119.6, 119.7]);
    expect([...table.mask]).to.deep.equal([1, 8, 16]);
    expect([table.id(0), table.id(1), table.id(2)]).to.deep.equal(['7', 'station-1', 'node/9']);
    expect(table.openingHours(0)).to.equal('24/7');
    expect(table.station(1)).to.equal(table.station(1));
    expect(table.find('station-1')!.name).to.equal('水站');
    expect(table.find('nope')).to.equal(undefined);
    expect(table.toArray().map((s) => s.id)).to.deep.equal(['7', 'station-1', 'node/9']);
    expect(JSON.parse(JSON.stringify(table.station(0)))).to.deep.include({ id: '7', facilities: ['toilets'], openingHours: '24/7' });
  });
});

/**
 * What osmtogeojson makes of an Overpass answer (`[out:json]; nwr[amenity=toilets](area); out center;`):
 * nested `tags`, `@id` absent, feature ids `node/…` / `way/…`, ways as polygons. Real tag values seen in
 * Chinese OSM data, including the lifecycle prefixes and access values the finder must respect.
 */
const osmtogeojson = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'node/4411730021', properties: { type: 'node', id: 4411730021, tags: { amenity: 'toilets', name: '西湖文化广场公厕', 'name:en': 'Culture Square Toilets', fee: 'no', unisex: 'yes', wheelchair: 'yes', operator: '杭州市城市管理局', 'operator:en': 'Hangzhou City Management Bureau', opening_hours: '24/7' }, relations: [], meta: {} }, geometry: { type: 'Point', coordinates: [120.1688, 30.2778] } },
    { type: 'Feature', id: 'way/512000001', properties: { type: 'way', id: 512000001, tags: { amenity: 'toilets', name: '商场卫生间', access: 'customers', fee: 'yes', charge: '1 CNY' }, relations: [], meta: {} }, geometry: { type: 'Polygon', coordinates: [[[120.16, 30.27], [120.162, 30.27], [120.162, 30.272], [120.16, 30.272], [120.16, 30.27]]] } },
    { type: 'Feature', id: 'node/2', properties: { type: 'node', id: 2, tags: { amenity: 'toilets', name: '单位内部厕所', access: 'private' } }, geometry: { type: 'Point', coordinates: [120.17, 30.28] } },
    { type: 'Feature', id: 'node/3', properties: { type: 'node', id: 3, tags: { amenity: 'toilets', access: 'no' } }, geometry: { type: 'Point', coordinates: [120.17, 30.28] } },
    { type: 'Feature', id: 'node/4', properties: { type: 'node', id: 4, tags: { 'disused:amenity': 'toilets', name: '旧公厕', wheelchair: 'yes', drinking_water: 'yes' } }, geometry: { type: 'Point', coordinates: [120.17, 30.28] } },
    { type: 'Feature', id: 'node/5', properties: { type: 'node', id: 5, tags: { amenity: 'toilets', abandoned: 'yes' } }, geometry: { type: 'Point', coordinates: [120.17, 30.28] } },
    { type: 'Feature', id: 'node/6', properties: { type: 'node', id: 6, tags: { 'abandoned:amenity': 'drinking_water' } }, geometry: { type: 'Point', coordinates: [120.17, 30.28] } },
    { type: 'Feature', id: 'node/7', properties: { type: 'node', id: 7, tags: { amenity: 'toilets', name: '园内厕所', access: 'permissive', opening_hours: 'off', fee: 'yes' } }, geometry: { type: 'Point', coordinates: [120.18, 30.29] } },
    { type: 'Feature', id: 'node/8', properties: { type: 'node', id: 8, tags: { amenity: 'drinking_water', name: '直饮水点' } }, geometry: { type: 'Point', coordinates: [120.1689, 30.2779] } },
    { type: 'Feature', id: 'node/9', properties: { type: 'node', id: 9, tags: { amenity: 'toilets', 'station:family_room': 'yes', 'disused:drinking_water': 'yes' } }, geometry: { type: 'Point', coordinates: [120.19, 30.29] } },
  ],
};

describe('OpenStreetMap semantics (osmtogeojson export)', () => {
  it('reads nested tags and node/way ids', () => {
    const { stations } = parseStations(osmtogeojson);
    expect(stations.map((s) => s.id)).to.deep.equal(['node/4411730021', 'way/512000001', 'node/7', 'node/8', 'node/9']);
    expect(stations[0]).to.include({ name: '西湖文化广场公厕', nameEn: 'Culture Square Toilets', openingHours: '24/7', lon: 120.1688 });
    expect(stations[1]!.lon).to.be.closeTo(120.1608, 1e-9);
    expect(stations[0]!.tags).to.include({ amenity: 'toilets' });
  });

  it('does not offer access=private|no, and skips disused and abandoned features, counting each', () => {
    const report = parseStations(osmtogeojson);
    expect(report).to.include({ skipped: 5, notPublic: 2, disused: 3, noFacility: 0 });
    expect(report.stations.map((s) => s.name)).not.to.include.members(['单位内部厕所', '旧公厕']);
    // A live amenity with a disused extra is still there.
    expect(report.stations.find((s) => s.id === 'node/9')!.facilities).to.deep.equal(['toilets', 'family_room']);
    expect(exclusionOf({ amenity: 'toilets', access: ' Private ' })).to.equal('not_public');
    expect(exclusionOf({ amenity: 'toilets', access: 'yes' })).to.equal(undefined);
    expect(exclusionOf({ amenity: 'toilets', 'disused:amenity': 'drinking_water' })).to.equal(undefined);
    expect(exclusionOf({ 'was:amenity': 'toilets' })).to.equal('disused');
    expect(exclusionOf({ amenity: 'toilets', disused: 'yes' })).to.equal('disused');
  });

  it('keeps access=customers|permissive with that note, and nothing for public access', () => {
    const { stations } = parseStations(osmtogeojson);
    expect(stations[1]!.access).to.equal('customers');
    expect(stations[2]!.access).to.equal('permissive');
    expect(stations[0]!.access).to.equal(undefined);
    expect(accessOf({ access: 'yes' })).to.equal(undefined);
  });

  it('reads fee and charge', () => {
    const { stations } = parseStations(osmtogeojson);
    expect(stations[0]!.fee).to.deep.equal({ paid: false });
    expect(stations[1]!.fee).to.deep.equal({ paid: true, charge: '1 CNY', yuan: 1 });
    expect(stations[2]!.fee).to.deep.equal({ paid: true, charge: undefined, yuan: undefined });
    expect(stations[3]!.fee).to.equal(undefined);
    expect(feeOf({ fee: 'yes', charge: '0.5元' })).to.deep.equal({ paid: true, charge: '0.5元', yuan: 0.5 });
    expect(feeOf({ fee: 'yes', charge: '¥2' })!.yuan).to.equal(2);
    expect(feeOf({ fee: 'yes', charge: '1.00 CNY/use' })!.yuan).to.equal(1);
    expect(feeOf({ fee: 'yes', charge: '0.50 EUR' })).to.deep.equal({ paid: true, charge: '0.50 EUR', yuan: undefined });
    expect(feeOf({ charge: '0 CNY' })).to.deep.equal({ paid: false, charge: '0 CNY' });
    expect(feeOf({ fee: 'no', charge: '1 CNY' })).to.deep.equal({ paid: false });
  });

  it('puts fee=no and the family room in the bit set, for the two filters', () => {
    const { table } = parseStations(osmtogeojson);
    expect(table.mask[0]! & facilityMask(['free', 'family_room'])).to.equal(facilityMask(['free', 'family_room']));
    expect(table.mask[1]! & facilityMask(['free'])).to.equal(0);
    expect(facilitiesFromTags({ amenity: 'toilets', unisex: 'yes' })).to.deep.equal(['toilets', 'family_room']);
    expect(facilitiesFromTags({ amenity: 'toilets', 'toilets:unisex': 'yes' })).to.deep.equal(['toilets', 'family_room']);
    expect(facilitiesFromTags({ amenity: 'toilets', unisex: 'no', fee: 'no' })).to.deep.equal(['toilets']);
    // `free` alone is not a facility: a feature with nothing else is skipped.
    expect(parseStations([{ type: 'Feature', geometry: { type: 'Point', coordinates: [120, 30] }, properties: { fee: 'no' } }])).to.include({ noFacility: 1 });
  });

  it('shows operator:en beside operator', () => {
    const station = parseStations(osmtogeojson).stations[0]!;
    expect(station).to.include({ operator: '杭州市城市管理局', operatorEn: 'Hangzhou City Management Bureau' });
    expect(JSON.parse(JSON.stringify(station))).to.deep.include({ operatorEn: 'Hangzhou City Management Bureau', fee: { paid: false } });
  });

  it('reads raw Overpass JSON too (elements with lat/lon or a center)', () => {
    const { stations } = parseStations({
      elements: [
        { type: 'node', id: 11, lat: 30.1, lon: 120.1, tags: { amenity: 'toilets' } },
        { type: 'way', id: 12, center: { lat: 30.2, lon: 120.2 }, tags: { amenity: 'toilets', access: 'private' } },
        { type: 'way', id: 13, center: { lat: 30.3, lon: 120.3 }, tags: { amenity: 'drinking_water' } },
      ],
    });
    expect(stations.map((s) => [s.id, s.lat])).to.deep.equal([['node/11', 30.1], ['way/13', 30.3]]);
  });
});
