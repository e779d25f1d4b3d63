// The parking deliberation of the server's demo seed, as in-memory data for stories, tests and benchmarks.
// Dates are fixed around 6 May 2025 (the stories' clock).
import type { DemoResident, RawBoard } from './memory-source.js';
import type { Choice } from './types.js';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const FOLLOW = 'https://kiosk.example.cn/follow';

export const OPEN_MOTION = 'motion-barrier-gate';
export const CLOSED_MOTION = 'motion-idle-land-survey';

const proposals = [
  { id: 'prop-idle-land', title: t('利用小区外闲置地块建临时停车场', 'Use the idle land outside the estate as a temporary car park'), body: t('小区北侧原粮站闲置地块约 1800 平方米，平整后可停约 60 辆车，夜间开放，费用由业主分摊。', 'The idle former grain-station plot north of the estate (about 1,800 m²) can hold about 60 cars once levelled; open at night, costs shared by owners.'), supports: 61, comments: 3, threshold: 60, officialAnswer: t('镇政府同意协调该地块，已完成权属核查。', 'The town agrees to arrange the plot; ownership has been checked.'), followUrl: `${FOLLOW}/proposal/prop-idle-land`, createdAt: '2025-03-27T02:00:00Z' },
  { id: 'prop-kerbside', title: t('在宽路口施划路边停车位', 'Mark kerbside spaces by the wide crossing'), body: t('老街与溪口大道交叉口路面宽 14 米，可在不影响通行的情况下施划约 20 个夜间路边车位。', 'Where Old Street meets Xikou Avenue the road is 14 m wide: about 20 night-time kerbside spaces can be marked without blocking traffic.'), supports: 37, comments: 2, threshold: 60, officialAnswer: null, followUrl: `${FOLLOW}/proposal/prop-kerbside`, createdAt: '2025-03-29T02:00:00Z' },
  { id: 'prop-barrier', title: t('安装道闸，外来车辆限时停放', 'Install a barrier gate and limit visitor parking time'), body: t('在小区入口安装车牌识别道闸，业主车辆优先，外来车辆限停 2 小时，保持消防通道畅通。', 'Install a number-plate barrier gate at the entrance: residents first, visitors limited to 2 hours, fire lane kept clear.'), supports: 44, comments: 3, threshold: 60, officialAnswer: null, followUrl: `${FOLLOW}/proposal/prop-barrier`, createdAt: '2025-03-31T02:00:00Z' },
];

const c = (id: string, body: string, createdAt: string) => ({ id, body, createdAt });

/** Receipts of the closed motion's ballots (the seed's `DEMO-nnnn-nnnn` form). */
function closedBallots(): Record<string, { choice: Choice; receipt: string }> {
  const choices: Choice[] = ['agree', 'agree', 'agree', 'disagree', 'abstain'];
  const out: Record<string, { choice: Choice; receipt: string }> = {};
  for (let i = 1; i <= 61; i++) out[`hh-${100 + i}`] = { choice: choices[(i * 7) % 5]!, receipt: `DEMO-${String(i).padStart(4, '0')}-${1000 + ((i * 389) % 9000)}` };
  return out;
}

function openBallots(): Record<string, { choice: Choice; receipt: string }> {
  const out: Record<string, { choice: Choice; receipt: string }> = {};
  for (let i = 1; i <= 20; i++) out[`hh-${300 + i}`] = { choice: i % 3 === 0 ? 'disagree' : 'agree', receipt: `OPEN-${String(i).padStart(4, '0')}-${2000 + i * 17}` };
  return out;
}

/** The demo topic: 150 cars, 48 spaces, 213 households, two motions (one open with counts hidden, one closed). */
export function demoBoard(): RawBoard {
  return {
    topic: {
      id: 'topic-parking',
      community: 'xikou-laojie',
      title: t('老街小区停车难怎么办？', 'How should the Old Street estate solve its parking shortage?'),
      summary: t('小区共有登记车辆 150 辆，但只有 48 个车位。夜间车辆占用消防通道，老人和孩子出行不安全。请居民一起讨论方案并投票。', 'The estate has 150 registered cars but only 48 parking spaces. At night cars block the fire lane and walking is unsafe for the elderly and children. Residents discuss proposals and vote.'),
      figures: { cars: 150, spaces: 48, households: 213, fireLaneBlockedNightsPerMonth: 22 },
      eligibleHouseholds: 213,
      officialAnswer: t('镇政府已同意协调小区外闲置地块作为临时停车场，并会同交警评估宽路口路边车位。道闸方案以居民投票结果为准。', "The town government agrees to arrange the idle land outside the estate as temporary parking and will assess kerbside spaces by the wide crossing with the traffic police. The barrier gate follows the residents' vote."),
      createdAt: '2025-03-22T02:00:00Z',
    },
    proposals,
    comments: {
      'prop-idle-land': [c('cmt-001', '闲置地块离家只有三百米，晚上走回来要有路灯。', '2025-04-06T02:00:00Z'), c('cmt-002', '费用怎么分摊？没车的住户也要出钱吗？', '2025-04-07T02:00:00Z'), c('cmt-008', '建议先试行三个月再决定。', '2025-04-13T02:00:00Z')],
      'prop-kerbside': [c('cmt-003', '路口早上有学生过马路，车位要避开上学时间。', '2025-04-08T02:00:00Z'), c('cmt-004', 'Kerbside spaces would help the night-shift workers most.', '2025-04-09T02:00:00Z')],
      'prop-barrier': [c('cmt-005', '道闸费用能否由物业维修基金承担？', '2025-04-10T02:00:00Z'), c('cmt-006', '老人家的子女周末回来看望，两小时太短了。', '2025-04-11T02:00:00Z'), c('cmt-007', '支持！消防通道必须畅通。', '2025-04-12T02:00:00Z')],
    },
    meetings: [
      {
        id: 'meet-1',
        startsAt: '2025-04-26T11:00:00Z',
        place: t('溪口镇老街小区便民服务站二楼会议室', 'Meeting room, 2nd floor, Old Street Community Service Hall'),
        agenda: [t('通报停车现状（150 辆车，48 个车位）', 'The parking situation (150 cars, 48 spaces)'), t('三个方案说明与答疑', 'The three proposals, questions and answers'), t('确定付诸表决的动议', 'Motions to put to the vote')],
        attendance: { departments: [t('溪口镇政府', 'Xikou town government'), t('龙游交警溪口中队', 'Longyou traffic police, Xikou squad'), t('溪口镇国土所', 'Xikou land office')], residents: 46 },
        minutes: t('到会居民代表 46 人。会议同意先行调查闲置地块使用意愿（已表决通过），并将安装道闸方案提交全体住户投票。', '46 resident representatives attended. The meeting agreed to first survey interest in the idle land (already voted and passed) and to put the barrier gate to a vote of all households.'),
        decisions: [t('道闸方案提交全体住户投票', 'Put the barrier gate to a vote of all households'), t('交警两周内评估路边车位', 'Traffic police assess kerbside spaces within two weeks')],
      },
    ],
    motions: [
      { id: CLOSED_MOTION, title: t('同意调查小区外闲置地块的停车需求', 'Agree to survey demand for parking on the idle land'), body: t('先问清楚有多少户愿意把车停到小区外的闲置地块，再决定是否建停车场。', 'First find out how many households would park on the idle land outside the estate, then decide whether to build a car park there.'), meetingId: null, opensAt: '2025-04-06T00:00:00Z', closesAt: '2025-04-20T00:00:00Z', status: 'closed', choices: ['agree', 'disagree', 'abstain'], rule: { kind: 'quorum', quorum: 0.25 }, showCountsWhileOpen: false, eligibleHouseholds: 213 },
      { id: OPEN_MOTION, title: t('同意在小区入口安装车牌识别道闸', 'Agree to install a number-plate barrier gate at the estate entrance'), body: t('在小区入口装一个认车牌的道闸。本小区的车随时进出；外来车辆最多停 2 小时。费用从维修基金出。', 'A gate that reads number plates at the entrance. Cars of the estate come and go any time; visitors park for 2 hours at most. The repair fund pays for it.'), meetingId: 'meet-1', opensAt: '2025-05-03T00:00:00Z', closesAt: '2025-05-20T00:00:00Z', status: 'open', choices: ['agree', 'disagree', 'abstain'], rule: { kind: 'majority' }, showCountsWhileOpen: false, eligibleHouseholds: 213 },
    ],
    ballots: { [CLOSED_MOTION]: closedBallots(), [OPEN_MOTION]: openBallots() },
    progress: [
      { id: 'prog-1', title: t('闲置地块权属核查', 'Check who owns the idle land'), owner: '溪口镇国土所 余志明', dueOn: '2025-05-01', status: 'done', overdue: false, proposalId: 'prop-idle-land', followUrl: `${FOLLOW}/progress/prog-1` },
      { id: 'prog-3', title: t('交警评估路边车位', 'Traffic police assess kerbside spaces'), owner: '龙游交警溪口中队 程晓东', dueOn: '2025-05-02', status: 'in_progress', overdue: true, proposalId: 'prop-kerbside', followUrl: `${FOLLOW}/progress/prog-3` },
      { id: 'prog-2', title: t('闲置地块平整与照明', 'Level and light the idle land'), owner: '镇城建办 汪德华', dueOn: '2025-06-05', status: 'in_progress', overdue: false, proposalId: 'prop-idle-land', followUrl: `${FOLLOW}/progress/prog-2` },
      { id: 'prog-4', title: t('道闸方案投票与采购', 'Barrier gate vote and purchase'), owner: '老街小区业委会 祝建国', dueOn: '2025-06-20', status: 'planned', overdue: false, proposalId: 'prop-barrier', followUrl: `${FOLLOW}/progress/prog-4` },
    ],
  };
}

/** Demo residents (PIN 123456): two households of the estate, and one from elsewhere. */
export const demoResidents = (): DemoResident[] => [
  { card: 'XK0001', pin: '123456', name: '王建华', household: 'hh-001' },
  { card: 'XK0002', pin: '123456', name: '李秀英', household: 'hh-002' },
  { card: 'XK0321', pin: '123456', name: '陈志强', household: 'hh-999', eligible: false },
  { card: 'XK0003', pin: '123456', name: '张桂兰', household: 'hh-003', failed: 5 },
];

/** A large board for benchmarks: `proposals` proposals sharing `comments` comments (all on the first with `onOne`). */
export function largeBoard(proposalCount: number, commentCount: number, onOne = false): RawBoard {
  const board = demoBoard();
  const base = proposals[0]!;
  board.proposals = Array.from({ length: proposalCount }, (_, i) => ({ ...base, id: `prop-${i}`, title: t(`方案 ${i + 1}：${base.title['zh-CN']}`, `Proposal ${i + 1}: ${base.title.en}`), supports: (i * 37) % 90, comments: onOne ? (i ? 0 : commentCount) : Math.floor(commentCount / proposalCount), followUrl: `${FOLLOW}/proposal/prop-${i}` }));
  board.comments = {};
  for (let i = 0; i < commentCount; i++) {
    const id = onOne ? 'prop-0' : `prop-${i % proposalCount}`;
    ((board.comments[id] ??= []) as unknown[]).push(c(`cmt-${i}`, `意见 ${i + 1}：晚上走回来要有路灯。`, '2025-04-06T02:00:00Z'));
  }
  return board;
}
