/*
 * Deterministic demo data around Ningde (宁德), Fujian, for stories, tests and
 * benchmarks. Names, officials and phone numbers are invented.
 */
import type { LonLat } from './types.js';

/** The demo kiosk, on the east shore of Donghu lake (东湖). */
export const NINGDE_KIOSK: LonLat = { lat: 26.6586, lon: 119.5452 };

interface DemoFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, string>;
}

const station = (id: string, lon: number, lat: number, properties: Record<string, string>): DemoFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { amenity: 'toilets', ...properties },
});

/** Fourteen stations within about 4 km of {@link NINGDE_KIOSK}. */
export const demoStations = {
  type: 'FeatureCollection' as const,
  features: [
    station('donghu-park', 119.5431, 26.6601, {
      name: '东湖公园驿站', 'name:en': 'Donghu Park Station', 'toilets:wheelchair': 'yes', changing_table: 'yes',
      drinking_water: 'yes', internet_access: 'wlan', shelter: 'yes', opening_hours: '24/7',
      operator: '蕉城区城市管理局', official_name: '林建华', official_phone: '139 0593 0121', 'contact:phone': '0593-2881201', check_date: '2025-03-18',
    }),
    station('jinma-square', 119.5489, 26.6556, {
      name: '金马广场驿站', 'name:en': 'Jinma Square Station', 'toilets:wheelchair': 'yes', drinking_water: 'yes',
      internet_access: 'wifi', opening_hours: '06:00-22:00', official_name: '陈美玲', official_phone: '138 5937 2286', check_date: '2025-02-27',
    }),
    station('nanji-park', 119.5296, 26.6702, {
      name: '南漈公园驿站', 'name:en': 'Nanji Park Station', 'toilets:wheelchair': 'yes', changing_table: 'yes', lounge: 'yes',
      opening_hours: '06:30-21:30', official_name: '黄志强', official_phone: '137 0593 8842', check_date: '2024-11-05',
    }),
    station('tashan-park', 119.5365, 26.6498, {
      name: '塔山公园驿站', 'name:en': 'Tashan Park Station', drinking_water: 'yes', shelter: 'yes',
      opening_hours: 'Mo-Fr 07:00-21:00; Sa,Su 06:00-22:00', official_name: '郑丽华', official_phone: '135 0593 6617', check_date: '2025-01-12',
    }),
    station('jiangbin-park', 119.5562, 26.6472, {
      name: '江滨公园驿站', 'name:en': 'Jiangbin Park Station', 'toilets:wheelchair': 'yes', changing_table: 'yes', drinking_water: 'yes',
      'socket:schuko': '4', internet_access: 'wlan', opening_hours: '05:30-23:00', official_name: '吴国庆', official_phone: '159 0593 2030', check_date: '2025-04-02',
    }),
    station('mindong-road', 119.5398, 26.6654, {
      name: '闽东中路城市驿站', 'name:en': 'Mindong Middle Road Station', device_charging: 'yes', internet_access: 'wlan',
      opening_hours: '08:00-20:00', official_name: '刘秀英', official_phone: '136 5939 7710',
    }),
    station('sports-centre', 119.5621, 26.6638, {
      name: '体育中心驿站', 'name:en': 'Sports Centre Station', 'toilets:wheelchair': 'yes', drinking_water: 'yes', shelter: 'yes',
      opening_hours: '06:00-21:00', official_name: '张伟', official_phone: '188 5930 4521', check_date: '2024-09-20',
    }),
    station('jiaocheng-south', 119.5333, 26.6529, {
      name: '蕉城南路驿站', 'name:en': 'Jiaocheng South Road Station', changing_table: 'yes', drinking_water: 'yes', device_charging: 'yes',
      official_name: '许春燕', official_phone: '139 5936 0088',
    }),
    station('normal-university', 119.5183, 26.6815, {
      name: '宁德师范学院北门驿站', 'name:en': 'Ningde Normal University North Gate Station', internet_access: 'wlan', drinking_water: 'yes',
      opening_hours: 'Mo-Su 07:00-22:30', official_name: '杨志明', official_phone: '150 5930 1166', check_date: '2025-03-01',
    }),
    station('wanda-plaza', 119.5712, 26.6571, {
      name: '万达广场驿站', 'name:en': 'Wanda Plaza Station', 'toilets:wheelchair': 'yes', changing_table: 'yes', device_charging: 'yes',
      internet_access: 'wlan', lounge: 'yes', opening_hours: '10:00-22:00', official_name: '周晓燕', official_phone: '0593-2996518', check_date: '2025-04-10',
    }),
    station('hefeng-road', 119.5517, 26.6725, {
      name: '鹤峰路驿站', 'name:en': 'Hefeng Road Station', drinking_water: 'yes',
      opening_hours: '07:00-19:00', official_name: '林小平', official_phone: '133 0593 5520', check_date: '2024-12-08',
    }),
    station('railway-station', 119.5087, 26.6389, {
      name: '宁德火车站广场驿站', 'name:en': 'Ningde Railway Station Square Station', 'toilets:wheelchair': 'yes', changing_table: 'yes',
      drinking_water: 'yes', device_charging: 'yes', internet_access: 'wlan', shelter: 'yes', opening_hours: '24/7',
      official_name: '何建新', official_phone: '139 0593 7788', check_date: '2025-04-15',
    }),
    station('tianhu-road', 119.5258, 26.6453, {
      name: '天湖路驿站', 'name:en': 'Tianhu Road Station', 'toilets:wheelchair': 'yes', opening_hours: '06:00-20:00',
      official_name: '蔡丽君', official_phone: '152 5935 3407',
    }),
    station('dongqiao-wharf', 119.5804, 26.6402, {
      name: '东侨码头驿站', 'name:en': 'Dongqiao Wharf Station', drinking_water: 'yes', shelter: 'yes', device_charging: 'yes',
      opening_hours: '05:00-20:00', official_name: '陈海生', official_phone: '158 5930 9036', check_date: '2024-10-30',
    }),
  ],
};

const ROADS = ['蕉城', '东侨', '金马', '闽东', '天湖', '鹤峰', '南漈', '塔山', '江滨', '福宁', '八一', '万安', '古田', '霞浦', '福安', '周宁'];
const PLACES = ['公园', '广场', '社区', '路口', '小区', '市场', '湿地', '码头', '学校', '新村'];
const SURNAMES = ['林', '陈', '黄', '郑', '吴', '刘', '张', '许', '杨', '周', '何', '蔡'];
const GIVEN = ['建华', '美玲', '志强', '丽华', '国庆', '秀英', '伟', '春燕', '志明', '晓燕', '小平', '海生'];
const HOURS = ['24/7', '06:00-22:00', '06:30-21:30', 'Mo-Fr 07:00-21:00; Sa,Su 06:00-22:00', '08:00-20:00', '05:30-23:00'];

/** A small, fast, seeded PRNG (mulberry32): the same stations on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` stations scattered over `spreadDeg` degrees around `centre` (about
 * 100 km for the default 1°), denser near the centre like a real city.
 */
export function generateStations(count: number, seed = 1, centre: LonLat = NINGDE_KIOSK, spreadDeg = 1) {
  const random = seededRandom(seed);
  const features: DemoFeature[] = new Array<DemoFeature>(count);
  for (let i = 0; i < count; i++) {
    const r = (spreadDeg / 2) * Math.sqrt(random()) * (random() < 0.5 ? 0.3 : 1);
    const angle = random() * 2 * Math.PI;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const properties: Record<string, string> = {
      amenity: 'toilets',
      name: `${pick(ROADS)}${pick(PLACES)}${(i % 97) + 1}号驿站`,
      official_name: `${pick(SURNAMES)}${pick(GIVEN)}`,
      official_phone: `139 0593 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
    };
    if (random() < 0.45) properties['toilets:wheelchair'] = 'yes';
    if (random() < 0.3) properties.changing_table = 'yes';
    if (random() < 0.5) properties.drinking_water = 'yes';
    if (random() < 0.3) properties.device_charging = 'yes';
    if (random() < 0.35) properties.internet_access = 'wlan';
    if (random() < 0.25) properties.shelter = 'yes';
    if (random() < 0.9) properties.opening_hours = pick(HOURS);
    features[i] = {
      type: 'Feature',
      id: `gen-${i}`,
      geometry: { type: 'Point', coordinates: [centre.lon + r * Math.cos(angle), centre.lat + r * Math.sin(angle)] },
      properties,
    };
  }
  return { type: 'FeatureCollection' as const, features };
}
