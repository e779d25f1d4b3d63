import type { Database } from '../schema.js';
import { pad, rng } from './random.js';

export const COMMUNITY = '浙江省衢州市龙游县溪口镇老街小区';
export const DEMO_PIN = '123456';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '郭', '何', '叶', '余', '汪', '童', '毛', '邵', '祝', '程'];
const GIVEN_M = ['建国', '志明', '国强', '永福', '金水', '伟', '勇', '海涛', '春生', '德华', '晓东', '俊杰'];
const GIVEN_F = ['秀英', '桂兰', '玉珍', '丽华', '美娟', '红梅', '小燕', '雪芳', '彩霞', '静', '婷', '慧敏'];

export interface VillageSeed {
  households: Database['households'][];
  /** `pinned`: has the demo PIN (household heads, plus a second member in the first ten households). */
  residents: (Omit<Database['residents'], 'pin_hash'> & { head: boolean; pinned: boolean })[];
}

/** About 200 residents in 90 households of an old estate in 溪口镇 (Longyou). */
export function seedVillage(): VillageSeed {
  const r = rng(2024);
  const households: Database['households'][] = [];
  const residents: VillageSeed['residents'] = [];
  let residentNo = 0;
  for (let h = 1; h <= 90; h += 1) {
    const householdId = `hh-${pad(h, 3)}`;
    const building = Math.ceil(h / 12);
    households.push({
      id: householdId,
      community: COMMUNITY,
      address: `${COMMUNITY} ${building} 幢 ${((h - 1) % 2) + 1} 单元 ${100 * (((h - 1) % 6) + 1) + ((h - 1) % 2) + 1} 室`,
    });
    const size = 2 + (h % 4 === 0 ? 1 : 0) + (h % 9 === 0 ? 1 : 0);
    const surname = r.pick(SURNAMES);
    for (let m = 0; m < size; m += 1) {
      residentNo += 1;
      const male = m === 0 ? r.chance(0.6) : m === 1 ? r.chance(0.4) : r.chance(0.5);
      // Heads and spouses are older: the health records follow chronic patients, who are mostly 55+.
      const year = m < 2 ? r.int(h <= 20 ? 1944 : 1950, h <= 20 ? 1968 : 1985) : r.int(1988, 2012);
      residents.push({
        id: `res-${pad(residentNo, 4)}`,
        household_id: householdId,
        name: `${m === 1 ? r.pick(SURNAMES) : surname}${male ? r.pick(GIVEN_M) : r.pick(GIVEN_F)}`,
        card_number: `XK${pad(residentNo, 4)}`,
        birth_date: `${year}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`,
        gender: male ? 'male' : 'female',
        failed_pins: 0,
        locked_until: null,
        patient_id: m === 0 && h <= 20 ? `pat-${pad(h, 3)}` : null,
        head: m === 0,
        pinned: m === 0 || (m === 1 && h <= 10),
      });
    }
  }
  return { households, residents };
}

type SiteRow = Database['sites'];
type SiteSettings = Pick<SiteRow, 'default_locale' | 'idle_seconds' | 'time_zone'>;

const SETTINGS: SiteSettings = { default_locale: 'zh-CN', idle_seconds: 90, time_zone: 'Asia/Shanghai' };

/** Kiosks that stand in a station: the station's id, and the services they show. */
const STATION_SITES = [
  // A park station: its visitors look for the next station.
  { id: 'ningde-donghu', stationId: 'nd-001', services: ['stations'] },
  // A lakeside station in Hangzhou: the demo library (溪口) is 200 km away, so no library service here.
  { id: 'hangzhou-westlake', stationId: 'hz-003', services: ['stations'] },
] as const;

/**
 * The kiosk sites. A site that is a station takes its name, position and
 * official from that station's row, so the kiosk's home screen and the
 * station finder always agree.
 */
export function seedSites(stations: readonly Database['stations'][]): SiteRow[] {
  const hall: SiteRow = {
    id: 'xikou-hall',
    name_zh: '溪口镇老街小区便民服务站',
    name_en: 'Xikou Old Street Community Service Hall',
    lon: 119.1318,
    lat: 28.8927,
    // A village hall offers every service, the station finder included.
    services: JSON.stringify(['deliberation', 'health', 'library', 'stations']),
    official_name: '祝建国',
    official_phone: '0570-7301234',
    station_id: null,
    ...SETTINGS,
  };
  return [
    hall,
    ...STATION_SITES.map((site): SiteRow => {
      const station = stations.find((s) => s.id === site.stationId);
      if (!station) throw new Error(`site ${site.id}: no station ${site.stationId}`);
      return {
        id: site.id,
        name_zh: station.name_zh,
        name_en: station.name_en,
        lon: station.lon,
        lat: station.lat,
        services: JSON.stringify(site.services),
        official_name: station.official_name,
        official_phone: station.official_phone,
        station_id: station.id,
        ...SETTINGS,
      };
    }),
  ];
}
