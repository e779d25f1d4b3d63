import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLOSED_MOTION, OPEN_MOTION } from '../src/db/seed/parking.js';
import { createTestApp, DEVICE, get, isErrorBody, json, newKey, post, residentToken, type TestApp } from './helpers.js';

/** Deliberation API v2 (issue 10, CONTRACT.md B): the public and resident routes, on both engines. */
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const DAY = 86_400_000;
type Counts = { agree: number; disagree: number; abstain: number };
type Results = { status: string; counts: Counts | null; percentages: Counts | null; passed: boolean | null; countsHidden: boolean; ballots: number; eligibleHouseholds: number; turnout: number; receipts: string[]; rule: { kind: string; quorum?: number } };
type Motion = { id: string; status: string; choices: string[]; rule: { kind: string }; showCountsWhileOpen: boolean; eligibleHouseholds: number; body: { 'zh-CN': string; en: string } };
const del = (url: string, token?: string, key = newKey()) =>
  t.app.inject({ method: 'DELETE', url, headers: { ...DEVICE, 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
const results = async (motionId: string) => json<Results>(await get(t.app, `/api/deliberation/motions/${motionId}/results`));
const expectError = (res: { statusCode: number; body: string }, status: number, code: string) => {
  assert.equal(res.statusCode, status, res.body);
  const body = json<{ code: string }>(res as never);
  assert.equal(body.code, code);
  assert.ok(isErrorBody(body), 'a code, a message and both reasons');
};

/** A topic of a community with no households, with bad stored data everywhere (as data from elsewhere might be). */
async function insertMalformed(): Promise<void> {
  const db = t.store.db;
  const now = Date.now();
  await db.insertInto('topics').values({ id: 'topic-bad', community: '无人小区', title_zh: '坏数据', title_en: 'Bad data', summary_zh: '—', summary_en: '—', figures: '{not json', official_answer_zh: null, official_answer_en: null, created_at: new Date(now - 100 * DAY).toISOString() }).execute();
  await db.insertInto('motions').values({ id: 'motion-bad', topic_id: 'topic-bad', meeting_id: null, title_zh: '无选项', title_en: 'No choices', opens_at: new Date(now - DAY).toISOString(), closes_at: new Date(now + DAY).toISOString(), choices: '[]', rule: 'garbage', body_zh: '', body_en: '' }).execute();
  await db.insertInto('motions').values({ id: 'motion-bad-closed', topic_id: 'topic-bad', meeting_id: null, title_zh: '已结束', title_en: 'Closed', opens_at: new Date(now - 3 * DAY).toISOString(), closes_at: new Date(now - DAY).toISOString(), choices: 'null', rule: '{"kind":"quorum","quorum":7}' }).execute();
  // A motion of the real community that offers no choices: eligible voters, nothing to choose.
  await db.insertInto('motions').values({ id: 'motion-empty', topic_id: 'topic-parking', meeting_id: null, title_zh: '空动议', title_en: 'Empty motion', opens_at: new Date(now - DAY).toISOString(), closes_at: new Date(now + DAY).toISOString(), choices: '[]' }).execute();
  await db.insertInto('meetings').values({ id: 'meet-bad', topic_id: 'topic-bad', starts_at: new Date(now).toISOString(), place_zh: '?', place_en: '?', agenda: '[{"zh":1}]', minutes_zh: null, minutes_en: null, attendance: '{"departments":"x","residents":-4}', decisions: 'nope' }).execute();
  await db.insertInto('progress').values({ id: 'prog-bad', topic_id: 'topic-bad', title_zh: '?', title_en: '?', owner: '?', due_on: 'someday', status: 'in_progress', updated_at: new Date(now).toISOString() }).execute();
}

describe('deliberation v2: reading', () => {
  it('gives proposals their threshold, official answer and a follow URL from the template', async () => {
    const list = json<{ id: string; threshold: number; officialAnswer: unknown; followUrl: string }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/proposals'));
    const idle = list.find((p) => p.id === 'prop-idle-land')!;
    assert.equal(idle.threshold, 30);
    assert.ok(idle.officialAnswer, 'the seeded official answer');
    assert.equal(list.find((p) => p.id === 'prop-kerbside')!.officialAnswer, null);
    assert.equal(idle.followUrl, `${t.config.publicUrl}/follow/proposal/prop-idle-land`);
  });

  it('describes motions in plain words with their rule, whether counts show while open and the electorate', async () => {
    const motions = json<Motion[]>(await get(t.app, '/api/deliberation/topics/topic-parking/motions'));
    const open = motions.find((m) => m.id === OPEN_MOTION)!;
    const closed = motions.find((m) => m.id === CLOSED_MOTION)!;
    assert.equal(open.status, 'open');
    assert.deepEqual(open.rule, { kind: 'majority' });
    assert.equal(open.showCountsWhileOpen, false);
    assert.deepEqual(open.choices, ['agree', 'disagree', 'abstain']);
    assert.ok(open.body['zh-CN'].includes('道闸') && open.body.en.includes('barrier gate'));
    assert.equal(open.eligibleHouseholds, 90);
    assert.deepEqual(closed.rule, { kind: 'quorum', quorum: 0.5 });
    assert.deepEqual(json<Motion>(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}`)), open);
  });

  it('hides the counts of an open vote (turnout and receipts only) and shows everything after the close', async () => {
    const open = await results(OPEN_MOTION);
    assert.equal(open.countsHidden, true);
    assert.deepEqual([open.counts, open.percentages, open.passed], [null, null, null]);
    assert.equal(open.ballots, 20);
    assert.equal(open.receipts.length, 20);
    assert.equal(open.turnout, Math.round((20 / 90) * 10_000) / 10_000);

    const closed = await results(CLOSED_MOTION);
    assert.equal(closed.countsHidden, false);
    const c = closed.counts!;
    assert.equal(c.agree + c.disagree + c.abstain, 61);
    const pct = (n: number) => Math.round((n / 61) * 1000) / 10;
    assert.deepEqual(closed.percentages, { agree: pct(c.agree), disagree: pct(c.disagree), abstain: pct(c.abstain) });
    // Quorum 0.5: 61 of 90 voted, so it passes exactly when more agree than disagree.
    assert.equal(closed.passed, c.agree > c.disagree);
    assert.deepEqual(closed.rule, { kind: 'quorum', quorum: 0.5 });
  });

  it('shows counts while open when the motion says so', async () => {
    await t.store.db.updateTable('motions').set({ show_counts_while_open: 1 }).where('id', '=', OPEN_MOTION).execute();
    try {
      const r = await results(OPEN_MOTION);
      assert.equal(r.countsHidden, false);
      assert.equal(r.counts!.agree + r.counts!.disagree + r.counts!.abstain, r.ballots);
      assert.equal(typeof r.passed, 'boolean');
    } finally {
      await t.store.db.updateTable('motions').set({ show_counts_while_open: 0 }).where('id', '=', OPEN_MOTION).execute();
    }
  });

  it('gives meetings their attendance (departments by name, residents as a count) and decisions', async () => {
    const [m] = json<{ attendance: { departments: { 'zh-CN': string; en: string }[]; residents: number }; decisions: unknown[] }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/meetings'));
    assert.equal(m!.attendance.residents, 46);
    assert.ok(m!.attendance.departments.some((d) => d['zh-CN'] === '溪口镇人民政府' && d.en === 'Xikou Town Government'));
    assert.equal(m!.decisions.length, 3);
  });

  it('marks progress overdue (before today in the site\'s time zone, not done) and links it to its proposal', async () => {
    const items = json<{ id: string; overdue: boolean; status: string; proposalId: string | null; followUrl: string }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/progress'));
    const byId = Object.fromEntries(items.map((p) => [p.id, p]));
    assert.equal(byId['prog-3']!.overdue, true, 'due two days ago, in progress');
    assert.equal(byId['prog-1']!.overdue, false, 'past its date but done');
    assert.equal(byId['prog-2']!.overdue, false);
    assert.equal(byId['prog-3']!.proposalId, 'prop-kerbside');
    assert.equal(byId['prog-3']!.followUrl, `${t.config.publicUrl}/follow/progress/prog-3`);
  });
});

describe('deliberation v2: voting', () => {
  it('replaces a changed vote and says so; the old receipt leaves the tally', async () => {
    const token = await residentToken(t.app, 'XK0005', 'deliberation');
    const first = await post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice: 'agree' }, { token });
    assert.equal(first.statusCode, 201, first.body);
    const r1 = json<{ receipt: string; replacedReceipt: string | null }>(first);
    assert.equal(r1.replacedReceipt, null);
    const second = await post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice: 'abstain' }, { token });
    assert.equal(second.statusCode, 200);
    const r2 = json<{ receipt: string; replacedReceipt: string }>(second);
    assert.equal(r2.replacedReceipt, r1.receipt);
    const r = await results(OPEN_MOTION);
    assert.ok(r.receipts.includes(r2.receipt) && !r.receipts.includes(r1.receipt));
    expectError(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}/receipts/${r1.receipt}`), 404, 'NOT_FOUND');
  });

  it('counts a retried ballot (same Idempotency-Key, lost answer) once', async () => {
    const token = await residentToken(t.app, 'XK0007', 'deliberation');
    const before = await results(OPEN_MOTION);
    const key = newKey();
    const first = await post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice: 'disagree' }, { token, key });
    // The network dropped the answer: the kiosk sends the same request with the same key, twice.
    const retries = await Promise.all([1, 2].map(() => post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice: 'disagree' }, { token, key })));
    for (const retry of retries) {
      assert.equal(retry.statusCode, first.statusCode);
      assert.deepEqual(json(retry), json(first));
      assert.equal(retry.headers['idempotent-replayed'], 'true');
    }
    const after = await results(OPEN_MOTION);
    assert.equal(after.ballots, before.ballots + 1);
    const entries = await t.store.db.selectFrom('audit_log').select('detail').where('action', 'like', 'ballot.%').execute();
    assert.equal(entries.filter((e) => e.detail.includes(json<{ receipt: string }>(first).receipt)).length, 1, 'one audit entry, one ballot');
  });

  it('finds a receipt typed in lower case, with O for 0, I or L for 1, spaces and no hyphens', async () => {
    const token = await residentToken(t.app, 'XK0014', 'deliberation');
    // Vote until the receipt has a 0 or a 1 in it, so the confusable letters are really tried.
    let receipt = '';
    for (let i = 0; i < 40 && !/[01]/.test(receipt); i += 1) receipt = json<{ receipt: string }>(await post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice: 'agree' }, { token })).receipt;
    assert.match(receipt, /[01]/);
    const typed = receipt.toLowerCase().replace(/0/g, 'o').replace(/1/g, (_m) => (Math.random() < 0.5 ? 'i' : 'l')).replace(/-/g, '');
    const spaced = `${typed.slice(0, 6)} ${typed.slice(6)}`;
    for (const attempt of [typed, spaced, ` ${receipt.toLowerCase()} `.trim(), receipt.replace(/-/g, '--')]) {
      const res = await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}/receipts/${encodeURIComponent(attempt)}`);
      assert.equal(res.statusCode, 200, `${attempt}: ${res.body}`);
      assert.deepEqual(json(res), { motionId: OPEN_MOTION, receipt, counted: true });
    }
    expectError(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}/receipts/${encodeURIComponent('bad;code')}`), 400, 'VALIDATION');
  });

  it('refuses a household outside the motion\'s community (403 NOT_ELIGIBLE), a closed motion and one not open yet', async () => {
    await insertMalformed();
    const token = await residentToken(t.app, 'XK0011', 'deliberation');
    const before = await t.store.db.selectFrom('ballots').select('household_id').execute();
    expectError(await post(t.app, '/api/deliberation/motions/motion-bad/ballots', { choice: 'agree' }, { token }), 403, 'NOT_ELIGIBLE');
    expectError(await post(t.app, `/api/deliberation/motions/${CLOSED_MOTION}/ballots`, { choice: 'agree' }, { token }), 409, 'MOTION_CLOSED');
    await t.store.db.insertInto('motions').values({ id: 'motion-later', topic_id: 'topic-parking', meeting_id: null, title_zh: '以后', title_en: 'Later', opens_at: new Date(Date.now() + DAY).toISOString(), closes_at: new Date(Date.now() + 2 * DAY).toISOString() }).execute();
    expectError(await post(t.app, '/api/deliberation/motions/motion-later/ballots', { choice: 'agree' }, { token }), 409, 'MOTION_NOT_OPEN');
    expectError(await post(t.app, '/api/deliberation/motions/motion-empty/ballots', { choice: 'agree' }, { token }), 422, 'CHOICE_NOT_OFFERED');
    expectError(await post(t.app, '/api/deliberation/motions/nope/ballots', { choice: 'agree' }, { token }), 404, 'NOT_FOUND');
    expectError(await post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice: 'maybe' }, { token }), 400, 'VALIDATION');
    expectError(await post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice: 'agree' }), 401, 'UNAUTHORIZED');
    assert.equal((await t.store.db.selectFrom('ballots').select('household_id').execute()).length, before.length, 'no ballot stored');
  });

  it('serves malformed data without a crash: missing figures, zero eligible households, no choices, turnout 0', async () => {
    const topic = json<{ figures: object; eligibleHouseholds: number }>(await get(t.app, '/api/deliberation/topics/topic-bad'));
    assert.deepEqual(topic.figures, {});
    assert.equal(topic.eligibleHouseholds, 0);
    const motions = json<Motion[]>(await get(t.app, '/api/deliberation/topics/topic-bad/motions'));
    assert.deepEqual(motions.map((m) => [m.id, m.choices, m.rule.kind, m.eligibleHouseholds]), [['motion-bad-closed', [], 'majority', 0], ['motion-bad', [], 'majority', 0]]);
    assert.deepEqual(motions.find((m) => m.id === 'motion-bad')!.body, { 'zh-CN': '无选项', en: 'No choices' }, 'an empty body falls back to the title');
    const r = await results('motion-bad-closed');
    assert.deepEqual([r.eligibleHouseholds, r.ballots, r.turnout, r.passed], [0, 0, 0, false]);
    assert.deepEqual(r.percentages, { agree: 0, disagree: 0, abstain: 0 });
    const meetings = json<{ agenda: unknown[]; attendance: unknown; decisions: unknown[] }[]>(await get(t.app, '/api/deliberation/topics/topic-bad/meetings'));
    assert.deepEqual(meetings[0], { ...meetings[0], agenda: [], attendance: { departments: [], residents: 0 }, decisions: [] });
    const progress = json<{ overdue: boolean }[]>(await get(t.app, '/api/deliberation/topics/topic-bad/progress'));
    assert.equal(progress[0]!.overdue, false);
    assert.deepEqual(json(await get(t.app, '/api/deliberation/topics/topic-bad/proposals')), []);
  });
});

describe('deliberation v2: supports and reports', () => {
  it('lists my supports and lets a resident withdraw one (audited)', async () => {
    const token = await residentToken(t.app, 'XK0013', 'deliberation');
    const supported = json<{ supports: number }>(await post(t.app, '/api/deliberation/proposals/prop-barrier/supports', {}, { token }));
    const mine = json<{ proposalIds: string[] }>(await get(t.app, '/api/deliberation/topics/topic-parking/my-supports', token));
    assert.ok(mine.proposalIds.includes('prop-barrier'));
    const withdrawn = await del('/api/deliberation/proposals/prop-barrier/supports', token);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.deepEqual(json(withdrawn), { proposalId: 'prop-barrier', supported: false, supports: supported.supports - 1 });
    assert.ok(!json<{ proposalIds: string[] }>(await get(t.app, '/api/deliberation/topics/topic-parking/my-supports', token)).proposalIds.includes('prop-barrier'));
    // Withdrawing again changes nothing.
    assert.equal(json<{ supports: number }>(await del('/api/deliberation/proposals/prop-barrier/supports', token)).supports, supported.supports - 1);
    const residentId = (await t.store.db.selectFrom('residents').select('id').where('card_number', '=', 'XK0013').executeTakeFirstOrThrow()).id;
    const actions = (await t.store.db.selectFrom('audit_log').select('action').where('actor', '=', `resident:${residentId}`).orderBy('id').execute()).map((a) => a.action);
    assert.deepEqual(actions.filter((a) => a.startsWith('support.')), ['support.add', 'support.withdraw']);
    expectError(await get(t.app, '/api/deliberation/topics/topic-parking/my-supports'), 401, 'UNAUTHORIZED');
    expectError(await del('/api/deliberation/proposals/prop-barrier/supports'), 401, 'UNAUTHORIZED');
    expectError(await del('/api/deliberation/proposals/nope/supports', token), 404, 'NOT_FOUND');
    expectError(await get(t.app, '/api/deliberation/topics/nope/my-supports', token), 404, 'NOT_FOUND');
  });

  it('hides a comment once three residents report it (once each) and keeps the list an array', async () => {
    const author = await residentToken(t.app, 'XK0015', 'deliberation');
    const created = json<{ id: string }>(await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: '这条评论会被举报' }, { token: author }));
    const listed = async () => json<{ id: string }[]>(await get(t.app, '/api/deliberation/proposals/prop-kerbside/comments')).some((c) => c.id === created.id);
    const count = async () => json<{ id: string; comments: number }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/proposals')).find((p) => p.id === 'prop-kerbside')!.comments;
    const visibleBefore = await count();
    const reporters = await Promise.all(['XK0016', 'XK0019', 'XK0024'].map((c) => residentToken(t.app, c, 'deliberation')));
    const report = (token: string) => post(t.app, `/api/deliberation/comments/${created.id}/reports`, {}, { token });
    assert.deepEqual(json(await report(reporters[0]!)), { commentId: created.id, reported: true, hidden: false });
    // The same resident again: the same answer, still one report.
    assert.deepEqual(json(await report(reporters[0]!)), { commentId: created.id, reported: true, hidden: false });
    assert.deepEqual(json(await report(reporters[1]!)), { commentId: created.id, reported: true, hidden: false });
    assert.ok(await listed());
    assert.deepEqual(json(await report(reporters[2]!)), { commentId: created.id, reported: true, hidden: true });
    assert.equal(await listed(), false, 'hidden pending review');
    assert.equal(await count(), visibleBefore - 1);
    const reports = await t.store.db.selectFrom('audit_log').select('id').where('action', '=', 'comment.report').where('subject', '=', `comment:${created.id}`).execute();
    assert.equal(reports.length, 3, 'one audit entry per counted report');
    expectError(await post(t.app, '/api/deliberation/comments/nope/reports', {}, { token: author }), 404, 'NOT_FOUND');
    expectError(await post(t.app, `/api/deliberation/comments/${created.id}/reports`, {}), 401, 'UNAUTHORIZED');
    expectError(await post(t.app, `/api/deliberation/comments/${created.id}/reports`, { why: 'rude' }, { token: author }), 400, 'VALIDATION');
  });

  it('audits every resident write: proposal, comment, support', async () => {
    const token = await residentToken(t.app, 'XK0023', 'deliberation');
    const p = json<{ id: string }>(await post(t.app, '/api/deliberation/topics/topic-parking/proposals', { title: '夜间共享单位车位', body: '借用镇政府停车场。' }, { token }));
    const c = json<{ id: string }>(await post(t.app, `/api/deliberation/proposals/${p.id}/comments`, { body: '赞成' }, { token }));
    await post(t.app, `/api/deliberation/proposals/${p.id}/supports`, {}, { token });
    const log = await t.store.db.selectFrom('audit_log').select(['action', 'subject']).where('action', 'in', ['proposal.create', 'comment.create', 'support.add']).execute();
    assert.ok(log.some((e) => e.action === 'proposal.create' && e.subject === `proposal:${p.id}`));
    assert.ok(log.some((e) => e.action === 'comment.create' && e.subject === `comment:${c.id}`));
    assert.ok(log.some((e) => e.action === 'support.add' && e.subject === `proposal:${p.id}`));
  });
});
