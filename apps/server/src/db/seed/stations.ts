import type { Database } from '../schema.js';
import { rng, pad } from './random.js';

type StationRow = Database['stations'];

// Parks of Ningde (宁德) with approximate WGS-84 centres; two stations around each.
const NINGDE_PARKS = [
  { zh: '东湖公园', en: 'Donghu Park', lon: 119.5468, lat: 26.6569 },
  { zh: '南漈公园', en: 'Nanji Park', lon: 119.5186, lat: 26.6493 },
  { zh: '南岸公园', en: "Nan'an Park", lon: 119.5531, lat: 26.6503 },
  { zh: '金马公园', en: 'Jinma Park', lon: 119.5412, lat: 26.6671 },
  { zh: '滨海公园', en: 'Binhai Park', lon: 119.5637, lat: 26.6422 },
  { zh: '福宁公园', en: 'Funing Park', lon: 119.5297, lat: 26.6618 },
  { zh: '体育公园', en: 'Sports Park', lon: 119.5589, lat: 26.6718 },
  { zh: '三都澳湿地公园', en: 'Sandu Ao Wetland Park', lon: 119.5801, lat: 26.6599 },
  { zh: '鹤峰公园', en: 'Hefeng Park', lon: 119.5244, lat: 26.6735 },
  { zh: '蕉城公园', en: 'Jiaocheng Park', lon: 119.5339, lat: 26.6548 },
  { zh: '金涵水库公园', en: 'Jinhan Reservoir Park', lon: 119.5068, lat: 26.6852 },
  { zh: '塔山公园', en: 'Tashan Park', lon: 119.5392, lat: 26.6467 },
  { zh: '碧山公园', en: 'Bishan Park', lon: 119.5152, lat: 26.6611 },
  { zh: '东侨滨海步道', en: 'Dongqiao Seaside Promenade', lon: 119.5707, lat: 26.6505 },
] as const;

const OTHER = [
  { city: 'Quzhou', zh: '衢州信安湖公园驿站', en: 'Xin\'an Lake Park Station, Quzhou', lon: 118.8727, lat: 28.9381 },
  { city: 'Quzhou', zh: '衢州府山公园驿站', en: 'Fushan Park Station, Quzhou', lon: 118.8693, lat: 28.9356 },
  { city: 'Hangzhou', zh: '杭州西湖柳浪闻莺驿站', en: 'Liulang Wenying Station, West Lake, Hangzhou', lon: 120.1597, lat: 30.2425 },
  { city: 'Hangzhou', zh: '杭州运河公园驿站', en: 'Grand Canal Park Station, Hangzhou', lon: 120.1405, lat: 30.3226 },
] as const;

const SURNAMES = ['林', '陈', '黄', '郑', '吴', '李', '张', '王', '刘', '蔡'];
const GIVEN = ['建华', '丽芳', '志强', '秀英', '海燕', '国平', '小梅', '文斌', '美玲', '德明'];
const SIDES = [
  { zh: '东门', en: 'East Gate' },
  { zh: '西门', en: 'West Gate' },
];

/** The operator per city, OSM-style: `operator` in the local language (Chinese), `operator:en` in English. */
const OPERATORS: Record<string, { zh: string; en: string }> = {
  Ningde: { zh: '宁德市城市管理局', en: 'Ningde City Management Bureau' },
  Quzhou: { zh: '衢州市城市管理局', en: 'Quzhou City Management Bureau' },
  Hangzhou: { zh: '杭州市城市管理局', en: 'Hangzhou City Management Bureau' },
};

function tagsFor(r: ReturnType<typeof rng>, city: string, nameZh: string, nameEn: string): Record<string, string> {
  const operator = OPERATORS[city]!;
  const allDay = r.chance(0.4);
  const tags: Record<string, string> = {
    amenity: 'toilets',
    name: nameZh,
    'name:zh': nameZh,
    'name:en': nameEn,
    operator: operator.zh,
    'operator:en': operator.en,
    access: 'yes',
    fee: 'no',
    unisex: 'no',
    wheelchair: r.chance(0.85) ? 'yes' : 'limited',
    'toilets:wheelchair': r.chance(0.85) ? 'yes' : 'no',
    changing_table: r.chance(0.7) ? 'yes' : 'no',
    drinking_water: r.chance(0.8) ? 'yes' : 'no',
    device_charging: r.chance(0.75) ? 'yes' : 'no',
    internet_access: r.chance(0.7) ? 'wlan' : 'no',
    opening_hours: allDay ? '24/7' : r.pick(['06:00-22:00', '06:30-21:30', 'Mo-Su 07:00-22:00']),
    'station:rest_room': r.chance(0.6) ? 'yes' : 'no',
    'station:mother_baby_room': r.chance(0.5) ? 'yes' : 'no',
    'station:tv': r.chance(0.4) ? 'yes' : 'no',
  };
  if (tags.internet_access === 'wlan') {
    tags['internet_access:fee'] = 'no';
    tags['internet_access:ssid'] = 'CityStation-Free';
  }
  return tags;
}

export function seedStations(updatedAt: string): StationRow[] {
  const r = rng(1701);
  const rows: StationRow[] = [];
  let n = 0;
  for (const park of NINGDE_PARKS) {
    for (const side of SIDES) {
      n += 1;
      const nameZh = `${park.zh}${side.zh}驿站`;
      const nameEn = `${park.en} ${side.en} Station`;
      rows.push({
        id: `nd-${pad(n, 3)}`,
        name_zh: nameZh,
        name_en: nameEn,
        city: 'Ningde',
        lon: Number((park.lon + (r.next() - 0.5) * 0.006).toFixed(6)),
        lat: Number((park.lat + (r.next() - 0.5) * 0.006).toFixed(6)),
        tags: JSON.stringify(tagsFor(r, 'Ningde', nameZh, nameEn)),
        official_name: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
        official_phone: `0593-${r.int(2100000, 2999999)}`,
        updated_at: updatedAt,
      });
    }
  }
  OTHER.forEach((s, i) => {
    rows.push({
      id: `${s.city === 'Quzhou' ? 'qz' : 'hz'}-${pad(i + 1, 3)}`,
      name_zh: s.zh,
      name_en: s.en,
      city: s.city,
      lon: s.lon,
      lat: s.lat,
      tags: JSON.stringify(tagsFor(r, s.city, s.zh, s.en)),
      official_name: `${r.pick(SURNAMES)}${r.pick(GIVEN)}`,
      official_phone: `${s.city === 'Quzhou' ? '0570' : '0571'}-${r.int(8100000, 8999999)}`,
      updated_at: updatedAt,
    });
  });
  return rows;
}
