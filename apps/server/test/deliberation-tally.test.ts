import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateCasts, loadTallyFixture, TALLY_BALLOTS, TALLY_HOUSEHOLDS, TALLY_MOTION } from '../bench/tally.js';
import { createTestApp, get, json, type TestApp } from './helpers.js';

/** The benchmark's fixture (10,000 ballots over 2,000 households) tallied by the route, against a count made here. */
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

describe('tally of 10,000 ballots over 2,000 households', () => {
  it('equals an independent count: the last vote of each household, once', { timeout: 120_000 }, async () => {
    const { households, casts } = generateCasts();
    assert.equal(casts.length, TALLY_BALLOTS);
    await loadTallyFixture(t.store.db, households, casts, new Date());

    // Independent count: replay the casts in order, a later vote of a household replacing its earlier one.
    const last = new Map<string, { choice: string; receipt: string }>();
    for (const c of casts) last.set(c.household, c);
    const expected = { agree: 0, disagree: 0, abstain: 0 } as Record<string, number>;
    for (const { choice } of last.values()) expected[choice]! += 1;
    const receipts = [...last.values()].map((c) => c.receipt).sort();

    const started = performance.now();
    const res = await get(t.app, `/api/deliberation/motions/${TALLY_MOTION}/results`);
    const ms = performance.now() - started;
    assert.equal(res.statusCode, 200, res.body);
    const r = json<{ status: string; ballots: number; eligibleHouseholds: number; turnout: number; counts: Record<string, number>; percentages: Record<string, number>; receipts: string[]; countsHidden: boolean }>(res);
    assert.equal(r.status, 'closed');
    assert.equal(r.countsHidden, false);
    assert.equal(last.size, TALLY_HOUSEHOLDS, 'every household voted');
    assert.equal(r.ballots, TALLY_HOUSEHOLDS);
    assert.equal(r.eligibleHouseholds, TALLY_HOUSEHOLDS);
    assert.equal(r.turnout, 1);
    assert.deepEqual(r.counts, expected);
    assert.deepEqual(r.percentages, Object.fromEntries(Object.entries(expected).map(([k, n]) => [k, Math.round((n / TALLY_HOUSEHOLDS) * 1000) / 10])));
    assert.deepEqual(r.receipts, receipts, 'exactly the last receipt of every household, sorted');
    // Replaced receipts are not counted.
    const replaced = casts.find((c) => last.get(c.household)!.receipt !== c.receipt)!;
    assert.equal((await get(t.app, `/api/deliberation/motions/${TALLY_MOTION}/receipts/${replaced.receipt}`)).statusCode, 404);
    console.log(`# tally route, ${process.env.TEST_DIALECT ?? 'sqlite'}: ${ms.toFixed(1)} ms for ${TALLY_BALLOTS} ballots over ${TALLY_HOUSEHOLDS} households`);
  });
});
