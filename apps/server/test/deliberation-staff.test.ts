import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { OPEN_MOTION } from '../src/db/seed/parking.js';
import { addStaff } from '../src/staff/accounts.js';
import { createTestApp, DEVICE, get, isErrorBody, json, newKey, post, residentToken, type TestApp } from './helpers.js';

/** The deliberation's staff routes (issue 10 item 6): each works, refuses without a staff token or for another site, and is audited. */
let t: TestApp;
const tokens: Record<'admin' | 'siteAdmin' | 'otherSite' | 'resident', string> = { admin: '', siteAdmin: '', otherSite: '', resident: '' };
const ids: Record<string, string> = {};
const DAY = 86_400_000;

async function staffToken(username: string, role: 'admin' | 'site-admin', siteId: string | null): Promise<string> {
  const password = 'correct horse battery staple';
  ids[username] = await addStaff(t.store.db, { username, name: username, role, siteId, password }, 'test', new Date());
  const res = await t.app.inject({ method: 'POST', url: '/api/staff/signin', headers: DEVICE, payload: { username, password } });
  assert.equal(res.statusCode, 200, res.body);
  return json<{ token: string }>(res).token;
}

before(async () => {
  t = await createTestApp();
  tokens.admin = await staffToken('admin.wang', 'admin', null);
  tokens.siteAdmin = await staffToken('li.wei', 'site-admin', 'xikou-hall');
  tokens.otherSite = await staffToken('chen.ning', 'site-admin', 'ningde-donghu');
  tokens.resident = await residentToken(t.app, 'XK0001', 'deliberation');
});
after(() => t.close());

const loc = (zh: string, en: string) => ({ 'zh-CN': zh, en });
function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, token?: string, key?: string) {
  const opts: InjectOptions = { method, url, headers: { ...DEVICE, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { 'idempotency-key': key } : {}) } };
  if (payload !== undefined) opts.payload = payload as Record<string, unknown>;
  return t.app.inject(opts);
}
async function lastAudit(action: string) {
  return t.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
}
function expectCode(res: { statusCode: number; body: string }, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  const body = JSON.parse(res.body) as { code: string };
  assert.equal(body.code, code);
  assert.ok(isErrorBody(body));
}

const newMotion = () => ({
  title: loc('同意夜间开放镇政府停车场', 'Open the town hall car park at night'),
  body: loc('镇政府停车场晚上 7 点至早上 7 点对居民开放。', 'The town hall car park opens to residents from 7 pm to 7 am.'),
  rule: { kind: 'quorum', quorum: 0.4 },
  showCountsWhileOpen: false,
  opensAt: new Date(Date.now() + DAY).toISOString(),
  closesAt: new Date(Date.now() + 8 * DAY).toISOString(),
  meetingId: 'meet-1',
});

/** Every staff route once, with a valid body: what the 401/403 checks replay without (or with the wrong) token. */
const ROUTES: { method: 'GET' | 'POST' | 'PUT'; url: string; body?: unknown }[] = [
  { method: 'POST', url: '/api/staff/deliberation/topics/topic-parking/motions', body: newMotion() },
  { method: 'POST', url: `/api/staff/deliberation/motions/${OPEN_MOTION}/open`, body: {} },
  { method: 'POST', url: `/api/staff/deliberation/motions/${OPEN_MOTION}/close`, body: {} },
  { method: 'POST', url: '/api/staff/deliberation/topics/topic-parking/meetings', body: { startsAt: new Date().toISOString(), place: loc('会议室', 'Meeting room'), agenda: [], attendance: { departments: [], residents: 0 }, decisions: [] } },
  { method: 'PUT', url: '/api/staff/deliberation/proposals/prop-kerbside/answer', body: { answer: loc('同意', 'Agreed') } },
  { method: 'PUT', url: '/api/staff/deliberation/topics/topic-parking/answer', body: { answer: loc('同意', 'Agreed') } },
  { method: 'PUT', url: '/api/staff/deliberation/progress/prog-2', body: { status: 'done' } },
  { method: 'GET', url: '/api/staff/deliberation/reported-comments' },
  { method: 'POST', url: '/api/staff/deliberation/comments/cmt-001/review', body: { decision: 'remove' } },
];

describe('deliberation staff routes: who may call them', () => {
  it('refuses every staff route without a token and with a resident token (401), changing nothing', async () => {
    const before = await t.store.db.selectFrom('audit_log').select('id').execute();
    for (const r of ROUTES) {
      for (const token of [undefined, tokens.resident]) {
        const res = await call(r.method, r.url, r.body, token, r.method === 'GET' ? undefined : newKey());
        expectCode(res, 401, 'UNAUTHORIZED');
      }
    }
    assert.equal((await t.store.db.selectFrom('audit_log').select('id').execute()).length, before.length);
    assert.equal(json<{ status: string }>(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}`)).status, 'open');
  });

  it('refuses a site administrator of another site (403) on every write, and shows them no reported comments', async () => {
    for (const r of ROUTES.filter((x) => x.method !== 'GET')) expectCode(await call(r.method, r.url, r.body, tokens.otherSite, newKey()), 403, 'FORBIDDEN');
    assert.deepEqual(json(await call('GET', '/api/staff/deliberation/reported-comments', undefined, tokens.otherSite)), []);
  });
});

describe('deliberation staff routes: what they do', () => {
  it('creates a motion with its rule (audited), refuses a bad period, an unknown meeting and a bad rule', async () => {
    const res = await call('POST', '/api/staff/deliberation/topics/topic-parking/motions', newMotion(), tokens.siteAdmin, newKey());
    assert.equal(res.statusCode, 201, res.body);
    const m = json<{ id: string; status: string; rule: unknown; eligibleHouseholds: number; choices: string[]; meetingId: string }>(res);
    assert.deepEqual([m.status, m.rule, m.eligibleHouseholds, m.choices, m.meetingId], ['upcoming', { kind: 'quorum', quorum: 0.4 }, 90, ['agree', 'disagree', 'abstain'], 'meet-1']);
    ids.motion = m.id;
    const entry = await lastAudit('staff.motion.create');
    assert.equal(entry?.actor, `staff:${ids['li.wei']}`);
    assert.equal(entry?.subject, `motion:${m.id}`);
    assert.match(entry.detail, /"site":"xikou-hall"/);
    const bad = (patch: object) => call('POST', '/api/staff/deliberation/topics/topic-parking/motions', { ...newMotion(), ...patch }, tokens.siteAdmin, newKey());
    expectCode(await bad({ closesAt: new Date(Date.now() - DAY).toISOString() }), 400, 'VALIDATION');
    expectCode(await bad({ meetingId: 'meet-nope' }), 404, 'NOT_FOUND');
    expectCode(await bad({ rule: { kind: 'quorum', quorum: 1.5 } }), 400, 'VALIDATION');
    expectCode(await bad({ rule: { kind: 'unanimity' } }), 400, 'VALIDATION');
    expectCode(await bad({ title: loc('<b>x</b>', 'x') }), 400, 'VALIDATION');
    expectCode(await bad({ extra: 1 }), 400, 'VALIDATION');
    expectCode(await call('POST', '/api/staff/deliberation/topics/nope/motions', newMotion(), tokens.siteAdmin, newKey()), 404, 'NOT_FOUND');
  });

  it('opens and closes a motion (audited); a closed motion is not reopened and one not yet open cannot close', async () => {
    expectCode(await call('POST', `/api/staff/deliberation/motions/${ids.motion}/close`, {}, tokens.siteAdmin, newKey()), 409, 'MOTION_NOT_OPEN');
    // The same refusal without an Idempotency-Key, and nothing written to the log for either.
    expectCode(await call('POST', `/api/staff/deliberation/motions/${ids.motion}/close`, undefined, tokens.siteAdmin), 409, 'MOTION_NOT_OPEN');
    assert.equal(await lastAudit('staff.motion.close'), undefined);
    const opened = await call('POST', `/api/staff/deliberation/motions/${ids.motion}/open`, {}, tokens.siteAdmin, newKey());
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal(json<{ status: string }>(opened).status, 'open');
    assert.equal((await lastAudit('staff.motion.open'))?.subject, `motion:${ids.motion}`);
    // A resident votes, then staff close: the counts become public.
    const voter = await residentToken(t.app, 'XK0003', 'deliberation');
    assert.equal((await post(t.app, `/api/deliberation/motions/${ids.motion}/ballots`, { choice: 'agree' }, { token: voter })).statusCode, 201);
    assert.equal(json<{ countsHidden: boolean }>(await get(t.app, `/api/deliberation/motions/${ids.motion}/results`)).countsHidden, true);
    // Without an Idempotency-Key (a console that does not send one) the write still happens once and is audited.
    const closed = await call('POST', `/api/staff/deliberation/motions/${ids.motion}/close`, undefined, tokens.admin);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(json<{ status: string }>(closed).status, 'closed');
    assert.equal((await lastAudit('staff.motion.close'))?.actor, `staff:${ids['admin.wang']}`);
    const results = json<{ countsHidden: boolean; counts: { agree: number }; passed: boolean; turnout: number }>(await get(t.app, `/api/deliberation/motions/${ids.motion}/results`));
    assert.deepEqual([results.countsHidden, results.counts.agree, results.passed], [false, 1, false], 'one of 90 households is below the 40 % quorum');
    expectCode(await post(t.app, `/api/deliberation/motions/${ids.motion}/ballots`, { choice: 'agree' }, { token: voter }), 409, 'MOTION_CLOSED');
    expectCode(await call('POST', `/api/staff/deliberation/motions/${ids.motion}/open`, {}, tokens.siteAdmin, newKey()), 409, 'MOTION_CLOSED');
    // Closing again changes nothing.
    assert.equal(json<{ status: string }>(await call('POST', `/api/staff/deliberation/motions/${ids.motion}/close`, {}, tokens.siteAdmin, newKey())).status, 'closed');
    expectCode(await call('POST', '/api/staff/deliberation/motions/nope/close', {}, tokens.siteAdmin, newKey()), 404, 'NOT_FOUND');
  });

  it('replays a staff write sent twice with the same Idempotency-Key: one motion, one audit entry', async () => {
    const key = newKey();
    const body = newMotion();
    const motions = async () => (await t.store.db.selectFrom('motions').select('id').execute()).length;
    const entries = async () => (await t.store.db.selectFrom('audit_log').select('id').where('action', '=', 'staff.motion.create').execute()).length;
    const [m0, e0] = [await motions(), await entries()];
    const a = await call('POST', '/api/staff/deliberation/topics/topic-parking/motions', body, tokens.siteAdmin, key);
    const b = await call('POST', '/api/staff/deliberation/topics/topic-parking/motions', body, tokens.siteAdmin, key);
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(b.statusCode, 201, b.body);
    assert.equal(b.headers['idempotent-replayed'], 'true');
    assert.deepEqual(json(b), json(a));
    assert.deepEqual([await motions(), await entries()], [m0 + 1, e0 + 1]);
    expectCode(await call('POST', '/api/staff/deliberation/topics/topic-parking/motions', { ...body, showCountsWhileOpen: true }, tokens.siteAdmin, key), 422, 'IDEMPOTENCY_MISMATCH');
  });

  it('records a meeting with attendance, minutes and decisions (audited)', async () => {
    const body = {
      startsAt: new Date(Date.now() + 2 * DAY).toISOString(),
      place: loc('便民服务站', 'Community Service Hall'),
      agenda: [loc('夜间停车', 'Night parking')],
      attendance: { departments: [loc('镇城建办', 'Town Construction Office')], residents: 31 },
      minutes: loc('会议纪要', 'Minutes'),
      decisions: [loc('开放停车场', 'Open the car park')],
    };
    const res = await call('POST', '/api/staff/deliberation/topics/topic-parking/meetings', body, tokens.siteAdmin, newKey());
    assert.equal(res.statusCode, 201, res.body);
    const m = json<{ id: string; agenda: unknown; attendance: unknown; decisions: unknown; minutes: unknown }>(res);
    assert.deepEqual(m.agenda, [{ zh: '夜间停车', en: 'Night parking' }]);
    assert.deepEqual(m.attendance, body.attendance);
    assert.deepEqual([m.minutes, m.decisions], [body.minutes, body.decisions]);
    const listed = json<{ id: string }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/meetings'));
    assert.ok(listed.some((x) => x.id === m.id));
    assert.equal((await lastAudit('staff.meeting.create'))?.subject, `meeting:${m.id}`);
    expectCode(await call('POST', '/api/staff/deliberation/topics/topic-parking/meetings', { ...body, attendance: { departments: [], residents: -1 } }, tokens.siteAdmin, newKey()), 400, 'VALIDATION');
    expectCode(await call('POST', '/api/staff/deliberation/topics/topic-parking/meetings', { ...body, decisions: undefined }, tokens.siteAdmin, newKey()), 400, 'VALIDATION');
  });

  it('publishes the official answer to a proposal and to the topic (audited)', async () => {
    const p = await call('PUT', '/api/staff/deliberation/proposals/prop-kerbside/answer', { answer: loc('交警同意施划 20 个夜间车位。', 'The traffic police agree to mark 20 night spaces.') }, tokens.siteAdmin, newKey());
    assert.equal(p.statusCode, 200, p.body);
    assert.deepEqual(json<{ officialAnswer: unknown }>(p).officialAnswer, loc('交警同意施划 20 个夜间车位。', 'The traffic police agree to mark 20 night spaces.'));
    const listed = json<{ id: string; officialAnswer: unknown }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/proposals')).find((x) => x.id === 'prop-kerbside');
    assert.deepEqual(listed?.officialAnswer, json<{ officialAnswer: unknown }>(p).officialAnswer);
    assert.equal((await lastAudit('staff.proposal.answer'))?.subject, 'proposal:prop-kerbside');
    const topic = await call('PUT', '/api/staff/deliberation/topics/topic-parking/answer', { answer: loc('新的答复', 'A new answer') }, tokens.siteAdmin, newKey());
    assert.equal(topic.statusCode, 200, topic.body);
    assert.deepEqual(json<{ officialAnswer: unknown }>(await get(t.app, '/api/deliberation/topics/topic-parking')).officialAnswer, loc('新的答复', 'A new answer'));
    assert.equal((await lastAudit('staff.topic.answer'))?.subject, 'topic:topic-parking');
    expectCode(await call('PUT', '/api/staff/deliberation/proposals/nope/answer', { answer: loc('x', 'x') }, tokens.siteAdmin, newKey()), 404, 'NOT_FOUND');
    expectCode(await call('PUT', '/api/staff/deliberation/topics/topic-parking/answer', { answer: { en: 'only English' } }, tokens.siteAdmin, newKey()), 400, 'VALIDATION');
  });

  it('updates a progress item (audited with the note) and the overdue mark follows', async () => {
    const res = await call('PUT', '/api/staff/deliberation/progress/prog-3', { status: 'done', note: '已完成评估' }, tokens.siteAdmin, newKey());
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(json<{ status: string; overdue: boolean }>(res).overdue, false);
    const later = await call('PUT', '/api/staff/deliberation/progress/prog-4', { status: 'in_progress', owner: '业委会 祝建国', dueOn: '2020-01-01' }, tokens.siteAdmin, newKey());
    assert.deepEqual([json<{ overdue: boolean; owner: string; dueOn: string }>(later).overdue, json<{ owner: string }>(later).owner], [true, '业委会 祝建国']);
    const entry = await lastAudit('staff.progress.update');
    assert.equal(entry?.subject, 'progress:prog-4');
    assert.match(entry.detail, /"dueOn":"2020-01-01"/);
    assert.match((await t.store.db.selectFrom('audit_log').select('detail').where('subject', '=', 'progress:prog-3').executeTakeFirstOrThrow()).detail, /已完成评估/);
    expectCode(await call('PUT', '/api/staff/deliberation/progress/prog-4', { status: 'finished' }, tokens.siteAdmin, newKey()), 400, 'VALIDATION');
    expectCode(await call('PUT', '/api/staff/deliberation/progress/prog-4', { status: 'done', dueOn: '31/12/2026' }, tokens.siteAdmin, newKey()), 400, 'VALIDATION');
    expectCode(await call('PUT', '/api/staff/deliberation/progress/nope', { status: 'done' }, tokens.siteAdmin, newKey()), 404, 'NOT_FOUND');
  });

  it('lists reported comments and restores a hidden one (audited); only later reports can hide it again', async () => {
    const reporters = await Promise.all(['XK0005', 'XK0007', 'XK0010', 'XK0012'].map((c) => residentToken(t.app, c, 'deliberation')));
    const report = (token: string) => post(t.app, '/api/deliberation/comments/cmt-002/reports', {}, { token });
    for (const token of reporters.slice(0, 3)) await report(token);
    const visible = async () => json<{ id: string }[]>(await get(t.app, '/api/deliberation/proposals/prop-idle-land/comments')).some((c) => c.id === 'cmt-002');
    assert.equal(await visible(), false);
    const reported = json<{ id: string; proposalId: string; reports: number; hidden: boolean; body: string }[]>(await call('GET', '/api/staff/deliberation/reported-comments', undefined, tokens.siteAdmin));
    const item = reported.find((c) => c.id === 'cmt-002');
    assert.deepEqual(item && { ...item, body: typeof item.body }, { id: 'cmt-002', proposalId: 'prop-idle-land', reports: 3, hidden: true, body: 'string' });
    const restored = await call('POST', '/api/staff/deliberation/comments/cmt-002/review', { decision: 'restore' }, tokens.siteAdmin, newKey());
    assert.equal(restored.statusCode, 200, restored.body);
    assert.deepEqual(json(restored), { commentId: 'cmt-002', decision: 'restore', hidden: false });
    assert.equal(await visible(), true);
    assert.equal((await lastAudit('staff.comment.restore'))?.subject, 'comment:cmt-002');
    assert.ok(!json<{ id: string }[]>(await call('GET', '/api/staff/deliberation/reported-comments', undefined, tokens.siteAdmin)).some((c) => c.id === 'cmt-002'), 'reviewed: off the list');
    // The earlier reporters do not count again; one new report is below the threshold.
    assert.equal(json<{ hidden: boolean }>(await report(reporters[3]!)).hidden, false);
    assert.equal(await visible(), true);
    // Removing hides it for good.
    assert.equal(json<{ hidden: boolean }>(await call('POST', '/api/staff/deliberation/comments/cmt-002/review', { decision: 'remove' }, tokens.siteAdmin, newKey())).hidden, true);
    assert.equal(await visible(), false);
    assert.equal((await lastAudit('staff.comment.remove'))?.subject, 'comment:cmt-002');
    expectCode(await call('POST', '/api/staff/deliberation/comments/cmt-002/review', { decision: 'ignore' }, tokens.siteAdmin, newKey()), 400, 'VALIDATION');
    expectCode(await call('POST', '/api/staff/deliberation/comments/nope/review', { decision: 'restore' }, tokens.siteAdmin, newKey()), 404, 'NOT_FOUND');
  });
});
