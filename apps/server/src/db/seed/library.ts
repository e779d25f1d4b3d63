import { pinyinInitials } from '../../library/pinyin.js';
import type { Database } from '../schema.js';
import { pad, rng } from './random.js';

const BOOKS: [string, string, string][] = [
  ['红楼梦', 'Dream of the Red Chamber', '曹雪芹 Cao Xueqin'],
  ['西游记', 'Journey to the West', '吴承恩 Wu Cheng\'en'],
  ['三国演义', 'Romance of the Three Kingdoms', '罗贯中 Luo Guanzhong'],
  ['水浒传', 'Water Margin', '施耐庵 Shi Nai\'an'],
  ['呐喊', 'Call to Arms', '鲁迅 Lu Xun'],
  ['骆驼祥子', 'Rickshaw Boy', '老舍 Lao She'],
  ['围城', 'Fortress Besieged', '钱钟书 Qian Zhongshu'],
  ['活着', 'To Live', '余华 Yu Hua'],
  ['平凡的世界', 'Ordinary World', '路遥 Lu Yao'],
  ['白鹿原', 'White Deer Plain', '陈忠实 Chen Zhongshi'],
  ['三体', 'The Three-Body Problem', '刘慈欣 Liu Cixin'],
  ['边城', 'Border Town', '沈从文 Shen Congwen'],
  ['家', 'The Family', '巴金 Ba Jin'],
  ['雷雨', 'Thunderstorm', '曹禺 Cao Yu'],
  ['茶馆', 'Teahouse', '老舍 Lao She'],
  ['朝花夕拾', 'Dawn Blossoms Plucked at Dusk', '鲁迅 Lu Xun'],
  ['城南旧事', 'My Memories of Old Beijing', '林海音 Lin Haiyin'],
  ['繁星·春水', 'A Maze of Stars and Spring Waters', '冰心 Bing Xin'],
  ['平凡的世界', 'Ordinary World (Illustrated)', '路遥 Lu Yao'],
  ['人生', 'Life', '路遥 Lu Yao'],
  ['许三观卖血记', 'Chronicle of a Blood Merchant', '余华 Yu Hua'],
  ['长恨歌', 'The Song of Everlasting Sorrow', '王安忆 Wang Anyi'],
  ['尘埃落定', 'Red Poppies', '阿来 Alai'],
  ['芙蓉镇', 'Hibiscus Town', '古华 Gu Hua'],
  ['穆斯林的葬礼', 'The Jade King', '霍达 Huo Da'],
  ['老人与海', 'The Old Man and the Sea', '海明威 Ernest Hemingway'],
  ['小王子', 'The Little Prince', '圣埃克苏佩里 Antoine de Saint-Exupéry'],
  ['百年孤独', 'One Hundred Years of Solitude', '加西亚·马尔克斯 Gabriel García Márquez'],
  ['简·爱', 'Jane Eyre', '夏洛蒂·勃朗特 Charlotte Brontë'],
  ['钢铁是怎样炼成的', 'How the Steel Was Tempered', '奥斯特洛夫斯基 Nikolai Ostrovsky'],
  ['高血压防治手册', 'Handbook of Hypertension Care', '中国高血压联盟 China Hypertension League'],
  ['糖尿病饮食指南', 'Diabetes Diet Guide', '王建华 Wang Jianhua'],
  ['家庭常见病用药', 'Medicines for Common Illnesses at Home', '李秀英 Li Xiuying'],
  ['茶叶种植技术', 'Tea Growing Techniques', '浙江农科院 Zhejiang Academy of Agricultural Sciences'],
  ['柑橘病虫害防治', 'Citrus Pest and Disease Control', '衢州农业局 Quzhou Agriculture Bureau'],
  ['龙游石窟之谜', 'The Mystery of the Longyou Grottoes', '徐志明 Xu Zhiming'],
  ['浙西南民间故事', 'Folk Tales of South-west Zhejiang', '毛国强 Mao Guoqiang'],
  ['智能手机入门', 'Smartphones for Beginners', '周海燕 Zhou Haiyan'],
  ['老年人防诈骗指南', 'Avoiding Scams: A Guide for Seniors', '公安部 Ministry of Public Security'],
  ['唐诗三百首', 'Three Hundred Tang Poems', '蘅塘退士 Hengtang Tuishi'],
  ['宋词三百首', 'Three Hundred Song Ci Poems', '朱孝臧 Zhu Xiaozang'],
  ['论语', 'The Analects', '孔子 Confucius'],
  ['道德经', 'Tao Te Ching', '老子 Laozi'],
  ['史记故事', 'Stories from the Records of the Grand Historian', '司马迁 Sima Qian'],
  ['中国通史', 'A General History of China', '吕思勉 Lü Simian'],
  ['乡土中国', 'From the Soil', '费孝通 Fei Xiaotong'],
  ['万历十五年', '1587, A Year of No Significance', '黄仁宇 Ray Huang'],
  ['舌尖上的中国', 'A Bite of China', '陈晓卿 Chen Xiaoqing'],
  ['十万个为什么', 'One Hundred Thousand Whys', '少年儿童出版社 Juvenile & Children\'s Publishing House'],
  ['安徒生童话', 'Andersen\'s Fairy Tales', '安徒生 Hans Christian Andersen'],
  // Titles beyond Chinese and ASCII (items 501–540), for the SIP2 gateway and the screens: accents,
  // Cyrillic, Greek, a character outside the Basic Multilingual Plane (𠮷, four bytes in UTF-8).
  ['悲惨世界', 'Les Misérables', '维克多·雨果 Victor Hugo'],
  ['罪与罚', 'Crime and Punishment', '陀思妥耶夫斯基 Фёдор Достоевский'],
  ['𠮷祥村的四季', 'Four Seasons of 𠮷xiang Village', '张𠮷 Zhang Ji'],
  ['希腊神话', 'Ελληνική Μυθολογία — Greek Myths', 'Ana Núñez'],
];

/** ISBN-13 with a valid check digit, in the 978-7 (China) group. */
export function isbn13(body12: string): string {
  const sum = [...body12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body12}${(10 - (sum % 10)) % 10}`;
}

export interface LibrarySeed {
  items: Database['library_items'][];
  patrons: Omit<Database['patrons'], 'pin_hash'>[];
  loans: Omit<Database['loans'], 'id'>[];
  holds: Omit<Database['holds'], 'id'>[];
  fines: Omit<Database['fines'], 'id'>[];
}

const day = 86_400_000;

/**
 * 540 items (10 copies of 54 titles) and 40 patrons. The first four patrons are
 * the documented demo cases: LIB00001 in good standing (with a ready hold), LIB00002
 * with an overdue loan, LIB00003 with an expired card, LIB00004 with fines above the
 * limit; LIB00009 is at the hold cap (apps/server/README.md lists them all).
 */
export function seedLibrary(now: Date): LibrarySeed {
  const r = rng(9787);
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const items: Database['library_items'][] = [];
  BOOKS.forEach(([zh, en, author], t) => {
    const isbn = isbn13(`9787${pad(100000 + t * 1379, 6)}${pad(t, 2)}`);
    for (let c = 1; c <= 10; c += 1) {
      const n = t * 10 + c;
      items.push({
        id: `item-${pad(n, 4)}`,
        barcode: `CK${pad(n, 6)}`,
        isbn,
        title_zh: zh,
        title_en: en,
        author,
        initials: pinyinInitials(zh),
        call_number: `I${pad(200 + t, 3)}/${c}`,
        // The tenth copy of each title stays in the reading room.
        loanable: c === 10 ? 0 : 1,
      });
    }
  });
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'];
  const given = ['晓明', '丽娟', '子轩', '雨桐', '建军', '淑芬', '浩然', '欣怡', '志刚', '佳怡'];
  const patrons: LibrarySeed['patrons'] = [];
  for (let p = 1; p <= 40; p += 1) {
    patrons.push({
      id: `patron-${pad(p, 3)}`,
      card_number: `LIB${pad(p, 5)}`,
      name: p === 1 ? '王晓明' : `${r.pick(surnames)}${r.pick(given)}`,
      failed_pins: 0,
      locked_until: null,
      expires_on: (p === 3 ? at(-10) : at(365 + p)).slice(0, 10),
      max_loans: 5,
    });
  }
  const loans: LibrarySeed['loans'] = [];
  const loan = (patron: number, item: number, outDaysAgo: number) =>
    loans.push({ item_id: `item-${pad(item, 4)}`, patron_id: `patron-${pad(patron, 3)}`, checked_out_at: at(-outDaysAgo), due_at: at(-outDaysAgo + 30), returned_at: null, renewals: 0 });
  loan(1, 1, 5);
  loan(2, 11, 45); // overdue by 15 days
  loan(2, 21, 10);
  loan(4, 31, 12);
  // Other patrons' loans, a few of them overdue.
  for (let i = 0; i < 26; i += 1) {
    const patron = 5 + (i % 30);
    const item = 41 + i * 17;
    loan(patron, item, i % 6 === 0 ? 40 + i : r.int(1, 25));
  }
  const holds: LibrarySeed['holds'] = [
    // Item 41 is on loan to patron 5; patrons 6 then 7 wait for it.
    { item_id: 'item-0041', patron_id: 'patron-006', placed_at: at(-3), status: 'waiting' },
    { item_id: 'item-0041', patron_id: 'patron-007', placed_at: at(-2), status: 'waiting' },
    // Item 2 is on the shelf but reserved for patron 8.
    { item_id: 'item-0002', patron_id: 'patron-008', placed_at: at(-1), status: 'waiting' },
    // LIB00001's hold on 西游记 (CK000012) came back: ready on the hold shelf, bin H-01, for four more days.
    { item_id: 'item-0012', patron_id: 'patron-001', placed_at: at(-9), status: 'ready', ready_until: at(4), shelf_bin: 'H-01' },
    // LIB00009 is at the cap of five holds (items other readers have out): a sixth is HOLD_LIMIT.
    ...[143, 160, 177, 194, 211].map((n, i) => ({ item_id: `item-${pad(n, 4)}`, patron_id: 'patron-009', placed_at: at(-8 + i), status: 'waiting' })),
  ];
  const fine = (patron: number, cents: number, daysAgo: number, reason: string) => ({ patron_id: `patron-${pad(patron, 3)}`, amount_cents: cents, reason, created_at: at(-daysAgo), paid_at: null });
  const fines: LibrarySeed['fines'] = [
    // LIB00004: ¥12.50 in two fines, above the ¥10 limit (blocked).
    fine(4, 800, 20, '逾期归还《活着》 Late return of "To Live"'),
    fine(4, 450, 14, '逾期归还《围城》 Late return of "Fortress Besieged"'),
    // Under the limit: shown in the account, borrowing still allowed.
    fine(5, 300, 6, '逾期归还《茶馆》 Late return of "Teahouse"'),
    fine(12, 120, 3, '图书污损 Damaged item: "Border Town"'),
  ];
  return { items, patrons, loans, holds, fines };
}
