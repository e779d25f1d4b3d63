import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliberationSettings, followUrl } from '../src/deliberation/follow.js';
import { isOverdue, todayIn } from '../src/deliberation/progress.js';
import { normalizeReceipt } from '../src/deliberation/receipts.js';
import { parseChoices, parseRule, passes, percentages, publicResults } from '../src/deliberation/results.js';
import { newReceipt, tally } from '../src/deliberation/tally.js';
import { attendanceOf, figuresOf } from '../src/deliberation/views.js';

/** The deliberation's pure logic (no database). */
describe('receipt normalization', () => {
  it('forgives case, spaces, missing or misplaced hyphens, O for 0 and I or L for 1', () => {
    const issued = '7KQ2-M901-4RTB';
    for (const typed of ['7kq2-m901-4rtb', '7KQ2M9014RTB', ' 7KQ2 M9O1 4RTB ', '7kq2m9o14rtb', '7KQ2-M90I-4RTB', '7KQ2-M90L-4RTB', '7KQ-2M90-14RTB', '7KQ2--M901--4RTB'])
      assert.equal(normalizeReceipt(typed), issued, typed);
  });

  it('leaves codes of other lengths grouped as typed (they match nothing) and issued codes unchanged', () => {
    assert.equal(normalizeReceipt('abc-12'), 'ABC-12');
    for (let i = 0; i < 200; i += 1) {
      const code = newReceipt();
      assert.equal(normalizeReceipt(code), code);
      assert.doesNotMatch(code, /[ILOU]/, 'issued codes avoid the letters the check rewrites');
    }
  });
});

describe('results', () => {
  const ballots = (agree: number, disagree: number, abstain: number) =>
    [...Array<string>(agree).fill('agree'), ...Array<string>(disagree).fill('disagree'), ...Array<string>(abstain).fill('abstain')].map((choice, i) => ({ household_id: `hh-${i}`, choice, receipt: `R${i}` }));

  it('percentages of ballots cast with one decimal, all zero without ballots', () => {
    assert.deepEqual(percentages({ agree: 2, disagree: 1, abstain: 0 }, 3), { agree: 66.7, disagree: 33.3, abstain: 0 });
    assert.deepEqual(percentages({ agree: 0, disagree: 0, abstain: 0 }, 0), { agree: 0, disagree: 0, abstain: 0 });
  });

  it('majority: more agree than disagree, abstentions not counted against', () => {
    assert.equal(passes({ agree: 3, disagree: 2, abstain: 50 }, 55, 90, { kind: 'majority' }), true);
    assert.equal(passes({ agree: 2, disagree: 2, abstain: 0 }, 4, 90, { kind: 'majority' }), false);
  });

  it('quorum: turnout must reach it (exactly reaching it is enough) and agree must beat disagree', () => {
    const q = { kind: 'quorum', quorum: 0.5 } as const;
    assert.equal(passes({ agree: 30, disagree: 14, abstain: 0 }, 44, 90, q), false, '44/90 < 0.5');
    assert.equal(passes({ agree: 30, disagree: 15, abstain: 0 }, 45, 90, q), true, '45/90 = 0.5');
    assert.equal(passes({ agree: 20, disagree: 25, abstain: 0 }, 45, 90, q), false);
    assert.equal(passes({ agree: 0, disagree: 0, abstain: 0 }, 0, 0, q), false, 'nobody eligible');
  });

  it('hides counts, percentages and passed while open unless the motion shows them', () => {
    const t = tally(ballots(3, 1, 1), 10);
    const open = publicResults(t, { kind: 'majority' }, 'open', false);
    assert.deepEqual([open.countsHidden, open.counts, open.percentages, open.passed, open.ballots, open.turnout, open.receipts.length], [true, null, null, null, 5, 0.5, 5]);
    const shown = publicResults(t, { kind: 'majority' }, 'open', true);
    assert.deepEqual([shown.countsHidden, shown.counts, shown.passed], [false, { agree: 3, disagree: 1, abstain: 1 }, true]);
    assert.equal(publicResults(t, { kind: 'majority' }, 'closed', false).countsHidden, false);
    assert.equal(publicResults(tally([], 0), { kind: 'majority' }, 'closed', false).turnout, 0, 'eligible 0 gives turnout 0');
  });

  it('reads a malformed rule as a majority and malformed choices as none', () => {
    assert.deepEqual(parseRule('{"kind":"quorum","quorum":0.25}'), { kind: 'quorum', quorum: 0.25 });
    for (const bad of ['', 'x', 'null', '{"kind":"quorum"}', '{"kind":"quorum","quorum":2}', '{"kind":"veto"}']) assert.deepEqual(parseRule(bad), { kind: 'majority' }, bad);
    assert.deepEqual(parseChoices('["abstain","agree","maybe"]'), ['agree', 'abstain']);
    for (const bad of ['', '[]', '{}', 'null', 'x']) assert.deepEqual(parseChoices(bad), [], bad);
  });
});

describe('progress, follow URLs and stored JSON', () => {
  it('takes today in the site\'s time zone: 20:00 UTC is already tomorrow in Shanghai', () => {
    const at = new Date('2026-03-10T20:00:00Z');
    assert.equal(todayIn('Asia/Shanghai', at), '2026-03-11');
    assert.equal(todayIn('America/New_York', at), '2026-03-10');
    assert.equal(todayIn('Not/AZone', at), '2026-03-11', 'an unknown zone falls back to Asia/Shanghai');
    assert.equal(isOverdue('2026-03-10', 'in_progress', todayIn('Asia/Shanghai', at)), true);
    assert.equal(isOverdue('2026-03-10', 'in_progress', todayIn('America/New_York', at)), false, 'due today is not overdue');
    assert.equal(isOverdue('2026-03-01', 'done', '2026-03-11'), false);
    assert.equal(isOverdue('soon', 'planned', '2026-03-11'), false);
  });

  it('builds follow URLs from the configurable template', () => {
    const settings = deliberationSettings('https://kiosk.example', {});
    assert.equal(followUrl(settings.followTemplate, settings.publicUrl, 'proposal', 'prop-1'), 'https://kiosk.example/follow/proposal/prop-1');
    const custom = deliberationSettings('https://kiosk.example', { PUBLIC_FOLLOW_URL_TEMPLATE: 'https://gov.example/p?kind={kind}&id={id}', COMMENT_REPORT_THRESHOLD: '5' });
    assert.equal(followUrl(custom.followTemplate, custom.publicUrl, 'progress', 'a b'), 'https://gov.example/p?kind=progress&id=a%20b');
    assert.equal(custom.reportThreshold, 5);
    assert.equal(deliberationSettings('x', { COMMENT_REPORT_THRESHOLD: '0' }).reportThreshold, 3, 'a nonsense threshold keeps the default');
  });

  it('keeps only well-formed figures and attendance', () => {
    assert.deepEqual(figuresOf('{"cars":150,"spaces":"48","households":-1,"extra":3}'), { cars: 150 });
    assert.deepEqual(figuresOf(null), {});
    assert.deepEqual(attendanceOf('{"departments":[{"zh":"镇政府","en":"Town"},{"zh":1}],"residents":12}'), { departments: [{ 'zh-CN': '镇政府', en: 'Town' }], residents: 12 });
  });
});
