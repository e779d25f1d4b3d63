import type { Insertable } from 'kysely';
import type { Database } from '../schema.js';
import { COMMUNITY, type VillageSeed } from './village.js';
import { pad, rng } from './random.js';

export interface ParkingSeed {
  topics: Insertable<Database['topics']>[];
  proposals: Insertable<Database['proposals']>[];
  supports: Insertable<Database['supports']>[];
  comments: Insertable<Database['comments']>[];
  meetings: Insertable<Database['meetings']>[];
  motions: Insertable<Database['motions']>[];
  ballots: Insertable<Database['ballots']>[];
  progress: Insertable<Database['progress']>[];
}

export const OPEN_MOTION = 'motion-barrier-gate';
export const CLOSED_MOTION = 'motion-idle-land-survey';

const day = 86_400_000;
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The deliberation on parking in the old estate: 150 cars, 48 spaces. */
export function seedParking(village: VillageSeed, now: Date): ParkingSeed {
  const r = rng(48150);
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const topicId = 'topic-parking';
  const heads = village.residents.filter((res) => res.head);
  const topics: Insertable<Database['topics']>[] = [
    {
      id: topicId,
      community: COMMUNITY,
      title_zh: '老街小区停车难怎么办？',
      title_en: 'How should the Old Street estate solve its parking shortage?',
      summary_zh: '小区共有登记车辆 150 辆，但只有 48 个车位。夜间车辆占用消防通道，老人和孩子出行不安全。请居民一起讨论方案并投票。',
      summary_en: 'The estate has 150 registered cars but only 48 parking spaces. At night cars block the fire lane and walking is unsafe for the elderly and children. Residents discuss proposals and vote.',
      figures: JSON.stringify({ cars: 150, spaces: 48, households: village.households.length, fireLaneBlockedNightsPerMonth: 22 }),
      official_answer_zh: '镇政府已同意协调小区外闲置地块作为临时停车场，并会同交警评估宽路口路边车位。道闸方案以居民投票结果为准。',
      official_answer_en: 'The town government agrees to arrange the idle land outside the estate as temporary parking and will assess kerbside spaces by the wide crossing with the traffic police. The barrier gate follows the residents\' vote.',
      created_at: at(-45),
      site_id: 'xikou-hall',
    },
  ];
  const proposals: Insertable<Database['proposals']>[] = [
    {
      id: 'prop-idle-land',
      topic_id: topicId,
      title_zh: '利用小区外闲置地块建临时停车场',
      title_en: 'Use the idle land outside the estate as a temporary car park',
      body_zh: '小区北侧原粮站闲置地块约 1800 平方米，平整后可停约 60 辆车，夜间开放，费用由业主分摊。',
      body_en: 'The idle former grain-station plot north of the estate (about 1,800 m²) can hold about 60 cars once levelled; open at night, costs shared by owners.',
      author_id: heads[2]?.id ?? null,
      created_at: at(-40),
      threshold: 30,
      official_answer_zh: '镇政府同意：原粮站地块由镇城建办平整并安装照明，作为夜间临时停车场，先试行六个月。',
      official_answer_en: 'Agreed by the town government: the town construction office levels and lights the former grain-station plot as a night-time car park, on a six-month trial.',
    },
    {
      id: 'prop-kerbside',
      topic_id: topicId,
      title_zh: '在宽路口施划路边停车位',
      title_en: 'Mark kerbside spaces by the wide crossing',
      body_zh: '老街与溪口大道交叉口路面宽 14 米，可在不影响通行的情况下施划约 20 个夜间路边车位。',
      body_en: 'Where Old Street meets Xikou Avenue the road is 14 m wide: about 20 night-time kerbside spaces can be marked without blocking traffic.',
      author_id: heads[5]?.id ?? null,
      created_at: at(-38),
      threshold: 30,
      official_answer_zh: null,
      official_answer_en: null,
    },
    {
      id: 'prop-barrier',
      topic_id: topicId,
      title_zh: '安装道闸，外来车辆限时停放',
      title_en: 'Install a barrier gate and limit visitor parking time',
      body_zh: '在小区入口安装车牌识别道闸，业主车辆优先，外来车辆限停 2 小时，保持消防通道畅通。',
      body_en: 'Install a number-plate barrier gate at the entrance: residents first, visitors limited to 2 hours, fire lane kept clear.',
      author_id: heads[9]?.id ?? null,
      created_at: at(-36),
      threshold: 45,
      official_answer_zh: null,
      official_answer_en: null,
    },
  ];
  const supports: Insertable<Database['supports']>[] = [];
  for (const head of heads) {
    for (const p of proposals) {
      if (r.chance(0.35)) supports.push({ proposal_id: p.id, resident_id: head.id, created_at: at(-r.int(5, 35)) });
    }
  }
  const commentTexts = [
    ['prop-idle-land', '闲置地块离家只有三百米，晚上走回来要有路灯。'],
    ['prop-idle-land', '费用怎么分摊？没车的住户也要出钱吗？'],
    ['prop-kerbside', '路口早上有学生过马路，车位要避开上学时间。'],
    ['prop-kerbside', 'Kerbside spaces would help the night-shift workers most.'],
    ['prop-barrier', '道闸费用能否由物业维修基金承担？'],
    ['prop-barrier', '老人家的子女周末回来看望，两小时太短了。'],
    ['prop-barrier', '支持！消防通道必须畅通。'],
    ['prop-idle-land', '建议先试行三个月再决定。'],
  ] as const;
  const comments: Insertable<Database['comments']>[] = commentTexts.map(([proposal, body], i) => ({
    id: `cmt-${pad(i + 1, 3)}`,
    proposal_id: proposal,
    resident_id: heads[(i * 7 + 3) % heads.length]!.id,
    body,
    created_at: at(-30 + i),
  }));
  const meetings: Insertable<Database['meetings']>[] = [
    {
      id: 'meet-1',
      topic_id: topicId,
      starts_at: at(-10),
      place_zh: '溪口镇老街小区便民服务站二楼会议室',
      place_en: 'Meeting room, 2nd floor, Old Street Community Service Hall',
      agenda: JSON.stringify([
        { zh: '通报停车现状（150 辆车，48 个车位）', en: 'The parking situation (150 cars, 48 spaces)' },
        { zh: '三个方案说明与答疑', en: 'The three proposals, questions and answers' },
        { zh: '确定付诸表决的动议', en: 'Motions to put to the vote' },
      ]),
      minutes_zh: '到会居民代表 46 人。会议同意先行调查闲置地块使用意愿（已表决通过），并将安装道闸方案提交全体住户投票。交警中队将于两周内评估路边车位。',
      minutes_en: '46 resident representatives attended. The meeting agreed to first survey interest in the idle land (already voted and passed) and to put the barrier gate to a vote of all households. The traffic police will assess kerbside spaces within two weeks.',
      attendance: JSON.stringify({
        departments: [
          { zh: '溪口镇人民政府', en: 'Xikou Town Government' },
          { zh: '老街社区居委会', en: 'Old Street Residents\' Committee' },
          { zh: '龙游交警溪口中队', en: 'Longyou Traffic Police, Xikou Squad' },
          { zh: '镇城建办', en: 'Town Construction Office' },
        ],
        residents: 46,
      }),
      decisions: JSON.stringify([
        { zh: '先行调查闲置地块停车需求（已表决通过）', en: 'Survey demand for parking on the idle land first (voted and passed)' },
        { zh: '安装道闸方案提交全体住户投票', en: 'Put the barrier gate to a vote of all households' },
        { zh: '交警中队两周内评估路边车位', en: 'The traffic police assess kerbside spaces within two weeks' },
      ]),
    },
  ];
  const motions: Insertable<Database['motions']>[] = [
    {
      id: CLOSED_MOTION,
      topic_id: topicId,
      meeting_id: null,
      title_zh: '同意调查小区外闲置地块的停车需求',
      title_en: 'Agree to survey demand for parking on the idle land',
      body_zh: '由居委会向每户发放问卷，调查有多少户愿意在小区外闲置地块停车、愿意分摊多少费用。本动议须有至少一半的住户参加投票，且同意多于反对，才算通过。',
      body_en: 'The residents\' committee gives every household a questionnaire: how many would park on the idle land outside the estate, and how much they would pay towards it. This motion passes only if at least half of the households vote and more agree than disagree.',
      opens_at: at(-30),
      closes_at: at(-16),
      rule: JSON.stringify({ kind: 'quorum', quorum: 0.5 }),
      show_counts_while_open: 0,
      choices: JSON.stringify(['agree', 'disagree', 'abstain']),
    },
    {
      id: OPEN_MOTION,
      topic_id: topicId,
      meeting_id: 'meet-1',
      title_zh: '同意在小区入口安装车牌识别道闸',
      title_en: 'Agree to install a number-plate barrier gate at the estate entrance',
      body_zh: '在小区入口安装车牌识别道闸。本小区登记车辆优先进入，外来车辆最多停放 2 小时，消防通道禁止停车。费用约 3 万元，从公共维修资金中支出。同意多于反对即通过，弃权不计入反对。',
      body_en: 'A number-plate barrier gate at the estate entrance. Cars registered in the estate come first; visitors may park for at most 2 hours; no parking in the fire lane. It costs about ¥30,000, paid from the shared maintenance fund. It passes if more households agree than disagree; abstaining does not count against.',
      opens_at: at(-3),
      closes_at: at(14),
      rule: JSON.stringify({ kind: 'majority' }),
      // Counts stay hidden until the close: in a village of ninety households a running count can reveal a neighbour's vote.
      show_counts_while_open: 0,
      choices: JSON.stringify(['agree', 'disagree', 'abstain']),
    },
  ];
  const ballots: Insertable<Database['ballots']>[] = [];
  const choices = ['agree', 'agree', 'agree', 'disagree', 'abstain'] as const;
  // Same alphabet as real receipts (tally.ts: no I, L, O or U), so the forgiving receipt check works on them too.
  const receipt = () => {
    let code = '';
    for (let i = 0; i < 12; i += 1) code += RECEIPT_ALPHABET[r.int(0, RECEIPT_ALPHABET.length - 1)];
    return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
  };
  for (const head of heads.slice(0, 61)) {
    ballots.push({ motion_id: CLOSED_MOTION, household_id: head.household_id, resident_id: head.id, choice: r.pick(choices), receipt: receipt(), cast_at: at(-20), updated_at: at(-20) });
  }
  // The open motion's early votes come from households 41-60, leaving the first 40 free for demos and tests.
  for (const head of heads.slice(40, 60)) {
    ballots.push({ motion_id: OPEN_MOTION, household_id: head.household_id, resident_id: head.id, choice: r.pick(choices), receipt: receipt(), cast_at: at(-2), updated_at: at(-2) });
  }
  const progress: Insertable<Database['progress']>[] = [
    { id: 'prog-1', topic_id: topicId, title_zh: '闲置地块权属核查', title_en: 'Check who owns the idle land', owner: '溪口镇国土所 余志明', due_on: at(-5).slice(0, 10), status: 'done', updated_at: at(-6), proposal_id: 'prop-idle-land', note: null },
    { id: 'prog-2', topic_id: topicId, title_zh: '闲置地块平整与照明', title_en: 'Level and light the idle land', owner: '镇城建办 汪德华', due_on: at(30).slice(0, 10), status: 'in_progress', updated_at: at(-1), proposal_id: 'prop-idle-land', note: null },
    // Overdue on purpose (due two days ago, not done): the board shows the mark.
    { id: 'prog-3', topic_id: topicId, title_zh: '交警评估路边车位', title_en: 'Traffic police assess kerbside spaces', owner: '龙游交警溪口中队 程晓东', due_on: at(-2).slice(0, 10), status: 'in_progress', updated_at: at(-4), proposal_id: 'prop-kerbside', note: null },
    { id: 'prog-4', topic_id: topicId, title_zh: '道闸方案投票与采购', title_en: 'Barrier gate vote and purchase', owner: '老街小区业委会 祝建国', due_on: at(45).slice(0, 10), status: 'planned', updated_at: at(-3), proposal_id: 'prop-barrier', note: null },
  ];
  return { topics, proposals, supports, comments, meetings, motions, ballots, progress };
}
