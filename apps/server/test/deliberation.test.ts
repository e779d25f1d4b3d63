import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLOSED_MOTION, OPEN_MOTION } from '../src/db/seed/parking.js';
import { createTestApp, get, json, newKey, post, residentToken, type TestApp } from './helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

type Results = { counts: ({ agree: number; disagree: number; abstain: number } & Record<string, number>) | null; countsHidden: boolean; ballots: number; receipts: string[]; eligibleHouseholds: number; turnout: number };
const results = async () => json<Results>(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}/results`));
const ballot = (token: string, choice: string, key?: string) => post(t.app, `/api/deliberation/motions/${OPEN_MOTION}/ballots`, { choice }, { token, key });

describe('deliberation', () => {
  it('publishes the topic, its figures, proposals, meetings, motions and progress', async () => {
    const topic = json<{ figures: { cars: number; spaces: number }; eligibleHouseholds: number; officialAnswer: unknown }>(await get(t.app, '/api/deliberation/topics/topic-parking'));
    assert.deepEqual([topic.figures.cars, topic.figures.spaces, topic.eligibleHouseholds], [150, 48, 90]);
    assert.ok(topic.officialAnswer);
    const proposals = json<{ id: string; supports: number }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/proposals'));
    assert.deepEqual(proposals.map((p) => p.id).sort(), ['prop-barrier', 'prop-idle-land', 'prop-kerbside']);
    const meetings = json<{ minutes: unknown; agenda: unknown[] }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/meetings'));
    assert.ok(meetings[0]?.minutes && meetings[0].agenda.length >= 3);
    const motions = json<{ id: string; status: string }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/motions'));
    assert.deepEqual(motions.map((m) => m.status).sort(), ['closed', 'open']);
    const progress = json<{ owner: string; dueOn: string }[]>(await get(t.app, '/api/deliberation/topics/topic-parking/progress'));
    assert.ok(progress.length >= 3 && progress.every((p) => p.owner && /^\d{4}-\d{2}-\d{2}$/.test(p.dueOn)));
    assert.equal((await get(t.app, '/api/deliberation/topics/nope')).statusCode, 404);
  });

  it('lets a verified resident comment and support once', async () => {
    const token = await residentToken(t.app, 'XK0001', 'deliberation');
    const c = await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: '路口晚上要有照明 Lighting please' }, { token });
    assert.equal(c.statusCode, 201, c.body);
    const comments = json<{ body: string }[]>(await get(t.app, '/api/deliberation/proposals/prop-kerbside/comments'));
    assert.ok(comments.some((x) => x.body.startsWith('路口晚上')));
    const s1 = json<{ supports: number }>(await post(t.app, '/api/deliberation/proposals/prop-kerbside/supports', {}, { token }));
    const s2 = json<{ supports: number }>(await post(t.app, '/api/deliberation/proposals/prop-kerbside/supports', {}, { token }));
    assert.equal(s2.supports, s1.supports);
    const p = await post(t.app, '/api/deliberation/topics/topic-parking/proposals', { title: '错峰共享附近单位车位', body: '夜间借用镇政府停车场。' }, { token });
    assert.equal(p.statusCode, 201, p.body);
    assert.equal((await post(t.app, '/api/deliberation/proposals/prop-kerbside/comments', { body: 'x' })).statusCode, 401);
  });

  it('counts one ballot per household, lets it change, and lists the receipt', async () => {
    const before = await results();
    // XK0001 and the next resident live in household hh-001.
    const a = await residentToken(t.app, 'XK0001', 'deliberation');
    const first = await ballot(a, 'agree');
    assert.equal(first.statusCode, 201, first.body);
    const r1 = json<{ receipt: string }>(first).receipt;
    let now = await results();
    assert.equal(now.ballots, before.ballots + 1);
    // The vote is open: the public sees turnout and receipts, never the running counts.
    assert.equal(now.countsHidden, true);
    assert.equal(now.counts, null);
    assert.ok(now.receipts.includes(r1));
    assert.equal(json<{ counted: boolean }>(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}/receipts/${r1}`)).counted, true);

    const changed = await ballot(a, 'disagree');
    assert.equal(changed.statusCode, 200);
    const r2 = json<{ receipt: string; replacedReceipt: string }>(changed);
    assert.equal(r2.replacedReceipt, r1);
    now = await results();
    assert.equal(now.ballots, before.ballots + 1, 'still one ballot for the household');
    const rows = await t.store.db.selectFrom('ballots').select('choice').where('motion_id', '=', OPEN_MOTION).where('household_id', '=', 'hh-001').execute();
    assert.deepEqual(rows.map((x) => x.choice), ['disagree'], 'the change replaced the first ballot');
    assert.ok(now.receipts.includes(r2.receipt) && !now.receipts.includes(r1));
    assert.equal(now.eligibleHouseholds, 90);
    assert.equal(now.turnout, Math.round((now.ballots / 90) * 10000) / 10000);
    const mine = json<{ ballot: { choice: string } }>(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}/my-ballot`, a));
    assert.equal(mine.ballot.choice, 'disagree');
  });

  it('keeps one ballot when members of a household vote at the same moment', async () => {
    const before = await results();
    const tokens = await Promise.all(['XK0003', 'XK0004'].map((c) => residentToken(t.app, c, 'deliberation')));
    const hh = await t.store.db.selectFrom('residents').select('household_id').where('card_number', 'in', ['XK0003', 'XK0004']).execute();
    assert.equal(new Set(hh.map((h) => h.household_id)).size, 1, 'same household');
    const res = await Promise.all([ballot(tokens[0]!, 'agree'), ballot(tokens[1]!, 'abstain')]);
    assert.ok(res.every((r) => r.statusCode === 200 || r.statusCode === 201), res.map((r) => r.body).join());
    const after = await results();
    assert.equal(after.ballots, before.ballots + 1);
  });

  it('replays a ballot with the same key and refuses a different body under it', async () => {
    const token = await residentToken(t.app, 'XK0010', 'deliberation');
    const key = newKey();
    const a = await ballot(token, 'agree', key);
    const b = await ballot(token, 'agree', key);
    assert.deepEqual(json(b), json(a));
    const c = await ballot(token, 'disagree', key);
    assert.equal(c.statusCode, 422);
    assert.equal(json(c).code, 'IDEMPOTENCY_MISMATCH');
    const mine = json<{ ballot: { choice: string } }>(await get(t.app, `/api/deliberation/motions/${OPEN_MOTION}/my-ballot`, token));
    assert.equal(mine.ballot.choice, 'agree');
  });

  it('refuses ballots on a closed motion', async () => {
    const token = await residentToken(t.app, 'XK0012', 'deliberation');
    const res = await post(t.app, `/api/deliberation/motions/${CLOSED_MOTION}/ballots`, { choice: 'agree' }, { token });
    assert.equal(res.statusCode, 409);
    assert.equal(json(res).code, 'MOTION_CLOSED');
    t.advance(15 * 86_400_000);
    try {
      const late = await ballot(await residentToken(t.app, 'XK0012', 'deliberation'), 'agree');
      assert.equal(json(late).code, 'MOTION_CLOSED');
    } finally {
      t.advance(-15 * 86_400_000);
    }
  });

  it('computes results from the ballots, never from a stored counter', async () => {
    const r = json<Results>(await get(t.app, `/api/deliberation/motions/${CLOSED_MOTION}/results`));
    const rows = await t.store.db.selectFrom('ballots').select(['choice']).where('motion_id', '=', CLOSED_MOTION).execute();
    assert.equal(r.ballots, rows.length);
    assert.equal(r.ballots, 61);
    for (const choice of ['agree', 'disagree', 'abstain']) assert.equal(r.counts?.[choice], rows.filter((x) => x.choice === choice).length);
    assert.equal((await results()).ballots, (await t.store.db.selectFrom('ballots').select('household_id').where('motion_id', '=', OPEN_MOTION).execute()).length);
  });

  it('writes every ballot to the append-only audit log', async () => {
    const entries = await t.store.db.selectFrom('audit_log').selectAll().where('action', 'like', 'ballot.%').execute();
    assert.ok(entries.length >= 4);
    assert.ok(entries.every((e) => !e.detail.includes('"choice"')), 'the audit log does not reveal choices');
    await assert.rejects(t.store.db.updateTable('audit_log').set({ action: 'tampered' }).execute());
    await assert.rejects(t.store.db.deleteFrom('audit_log').execute());
    const count = await t.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), entries.length + (await t.store.db.selectFrom('audit_log').select('id').where('action', 'not like', 'ballot.%').execute()).length);
  });
});
