import { expect } from '@open-wc/testing';
import gcoord from 'gcoord';
import { inChina, wgs84ToGcj02 } from '../src/gcj02.js';
import { geoUri, routeUrl } from '../src/route.js';

const station = { lon: 119.5431, lat: 26.6601, name: '东湖公园驿站' };

describe('route to the phone', () => {
  it('converts WGS-84 to GCJ-02 like gcoord does', () => {
    const [lon, lat] = gcoord.transform<[number, number]>([station.lon, station.lat], gcoord.WGS84, gcoord.GCJ02);
    const mine = wgs84ToGcj02(station);
    expect(mine.lon).to.be.closeTo(lon, 1e-9);
    expect(mine.lat).to.be.closeTo(lat, 1e-9);
    // Several hundred metres of offset in Ningde.
    expect(mine.lon - station.lon).to.be.greaterThan(0.003);
  });

  it('leaves points outside China alone', () => {
    expect(inChina({ lon: 2.35, lat: 48.85 })).to.equal(false);
    expect(wgs84ToGcj02({ lon: 2.35, lat: 48.85 })).to.deep.equal({ lon: 2.35, lat: 48.85 });
  });

  it('builds a geo: URI with the name as label', () => {
    expect(geoUri(station)).to.equal(`geo:26.660100,119.543100?q=26.660100,119.543100(${encodeURIComponent('东湖公园驿站')})`);
    expect(geoUri({ ...station, name: '' })).to.equal('geo:26.660100,119.543100?q=26.660100,119.543100');
    expect(routeUrl('  ', station)).to.equal(geoUri(station));
  });

  it('fills an Amap template with GCJ-02 coordinates', () => {
    const gcj = wgs84ToGcj02(station);
    const url = routeUrl('https://uri.amap.com/navigation?to={lng},{lat},{name}&mode=walk&from={fromLng},{fromLat}', station, 'gcj02', { lon: 119.5452, lat: 26.6586 });
    expect(url).to.contain(`to=${gcj.lon.toFixed(6)},${gcj.lat.toFixed(6)},${encodeURIComponent('东湖公园驿站')}`);
    expect(url).to.contain(`from=${wgs84ToGcj02({ lon: 119.5452, lat: 26.6586 }).lon.toFixed(6)}`);
  });

  it('offers explicit datum placeholders and keeps unknown ones', () => {
    const url = routeUrl('x?a={wgsLat},{wgsLng}&b={gcjLat},{gcjLng}&c={lat},{lon}&d={unknown}&e={fromLat}', station);
    const gcj = wgs84ToGcj02(station);
    expect(url).to.equal(`x?a=26.660100,119.543100&b=${gcj.lat.toFixed(6)},${gcj.lon.toFixed(6)}&c=26.660100,119.543100&d={unknown}&e=`);
  });
});
