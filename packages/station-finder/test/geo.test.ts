import { expect } from '@open-wc/testing';
import { bearing, compassPoint, DETOUR_FACTOR, haversine, isValidLonLat, walkingDirections, walkingDistance, walkingMinutes } from '../src/geo.js';

describe('geo', () => {
  it('measures great-circle distance (one degree of latitude is about 111.2 km)', () => {
    expect(haversine({ lon: 119.54, lat: 26 }, { lon: 119.54, lat: 27 })).to.be.closeTo(111_195, 5);
    expect(haversine({ lon: 0, lat: 0 }, { lon: 0, lat: 0 })).to.equal(0);
  });

  it('estimates walking as the straight line times the detour factor, at 4.5 km/h', () => {
    const a = { lon: 119.54, lat: 26.66 };
    const b = { lon: 119.55, lat: 26.66 };
    expect(walkingDistance(a, b)).to.be.closeTo(haversine(a, b) * DETOUR_FACTOR, 1e-6);
    expect(walkingMinutes(750)).to.be.closeTo(10, 1e-9);
    expect(walkingMinutes(800, 4)).to.be.closeTo(12, 1e-9);
  });

  it('names the compass point towards a station', () => {
    const kiosk = { lon: 119.54, lat: 26.66 };
    expect(compassPoint(bearing(kiosk, { lon: 119.54, lat: 26.67 }))).to.equal('N');
    expect(compassPoint(bearing(kiosk, { lon: 119.55, lat: 26.67 }))).to.equal('NE');
    expect(compassPoint(bearing(kiosk, { lon: 119.53, lat: 26.66 }))).to.equal('W');
    expect(compassPoint(-10)).to.equal('N');
    expect(compassPoint(200)).to.equal('S');
    expect(compassPoint(337.6)).to.equal('N');
    const way = walkingDirections(kiosk, { lon: 119.54, lat: 26.65 });
    expect(way.direction).to.equal('S');
    expect(way.walking).to.be.closeTo(way.straight * DETOUR_FACTOR, 1e-6);
    expect(way.minutes).to.be.closeTo(walkingMinutes(way.walking), 1e-9);
  });

  it('accepts only possible coordinates', () => {
    expect(isValidLonLat(119.5, 26.6)).to.equal(true);
    expect(isValidLonLat(181, 0)).to.equal(false);
    expect(isValidLonLat(0, -91)).to.equal(false);
    expect(isValidLonLat(NaN, 0)).to.equal(false);
    expect(isValidLonLat('119', 26)).to.equal(false);
    expect(isValidLonLat(119, null)).to.equal(false);
  });
});
