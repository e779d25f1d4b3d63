import { expect } from '@open-wc/testing';
import { isOverdue, localized, parseMeetings, parseMotions, parseProgress, parseResults, parseTopic, passedUnder, percentagesOf } from '../src/parse.js';
import { findReceipt, normalizeReceipt, receiptKey } from '../src/receipt.js';
import type { Choice } from '../src/types.js';

/** A naive count, to prove the percentages and the verdict against. */
function naive(choices: Choice[]) {
  const n = (c: Choice) => choices.filter((x) => x === c).length;
  return { agree: n('agree'), disagree: n('disagree'), abstain: n('abstain') };
}

describe('receipt codes', () => {
  it('normalizes case, spaces and confusable characters, and inserts hyphens', () => {
    expect(normalizeReceipt(' 7kq2 m9xd 4rtb ')).to.equal('7KQ2-M9XD-4RTB');
    expect(normalizeReceipt('7KQ2-M9XD-4RTB')).to.equal('7KQ2-M9XD-4RTB');
    expect(normalizeReceipt('ab0o-il1x')).to.equal('AB00-111X');
    expect(normalizeReceipt('')).to.equal('');
  });

  it('finds the counted code a visitor meant, whatever the case and O/0, I/L/1', () => {
    const list = ['DEMO-0001-1389', 'OPEN-0002-2034', '7KQ2-M9XD-4RTB'];
    expect(findReceipt(list, 'demo 0001 1389')).to.equal('DEMO-0001-1389');
    expect(findReceipt(list, 'DEM0-OOOI-I389')).to.equal('DEMO-0001-1389');
    expect(findReceipt(list, '7kq2m9xd4rtb')).to.equal('7KQ2-M9XD-4RTB');
    expect(findReceipt(list, '7KQ2')).to.equal(undefined);
    expect(findReceipt(list, 'XXXX-XXXX-XXXX')).to.equal(undefined);
    expect(receiptKey('a-b c')).to.equal('ABC');
  });
});

describe('tally helpers', () => {
  it('gives percentages of ballots cast to one decimal, equal to a naive count', () => {
    for (let seed = 1; seed < 40; seed++) {
      const choices = Array.from({ length: seed * 7 }, (_, i) => (['agree', 'disagree', 'abstain'] as const)[(i * seed * 31 + seed) % 3]!);
      const c = naive(choices);
      const p = percentagesOf(c);
      expect(p.agree).to.equal(Math.round((c.agree / choices.length) * 1000) / 10);
      expect(Math.abs(p.agree + p.disagree + p.abstain - 100)).to.be.at.most(0.2);
    }
    expect(percentagesOf({ agree: 0, disagree: 0, abstain: 0 })).to.deep.equal({ agree: 0, disagree: 0, abstain: 0 });
  });

  it('passes a motion under its rule', () => {
    expect(passedUnder({ kind: 'majority' }, { agree: 3, disagree: 2, abstain: 9 }, 0.1)).to.equal(true);
    expect(passedUnder({ kind: 'majority' }, { agree: 2, disagree: 2, abstain: 0 }, 1)).to.equal(false);
    expect(passedUnder({ kind: 'quorum', quorum: 0.5 }, { agree: 3, disagree: 0, abstain: 0 }, 0.49)).to.equal(false);
    expect(passedUnder({ kind: 'quorum', quorum: 0.5 }, { agree: 3, disagree: 0, abstain: 0 }, 0.5)).to.equal(true);
  });
});

describe('parsing the API defensively', () => {
  it('reads texts in every shape it meets', () => {
    expect(localized({ zh: '中', en: 'E' })).to.deep.equal({ 'zh-CN': '中', en: 'E' });
    expect(localized({ en: 'E' })).to.deep.equal({ 'zh-CN': 'E', en: 'E' });
    expect(localized('x')).to.deep.equal({ 'zh-CN': 'x', en: 'x' });
    expect(localized(3)).to.equal(undefined);
    expect(localized({})).to.equal(undefined);
  });

  it('keeps only numeric figures and never throws on junk', () => {
    expect(parseTopic({ figures: { cars: 150, spaces: '48', x: Infinity } }).figures).to.deep.equal([{ key: 'cars', value: 150 }]);
    expect(parseTopic(null).eligibleHouseholds).to.equal(0);
    expect(parseMeetings([{ id: 'm', attendance: { departments: ['A', 4], residents: -1 } }])[0]!.attendance).to.deep.equal({ departments: [{ 'zh-CN': 'A', en: 'A' }], residents: 0 });
    const [motion] = parseMotions([{ id: 'm', title: 'T', choices: ['agree', 'maybe'], rule: { kind: 'quorum', quorum: 2 }, status: 'weird' }], 9);
    expect(motion).to.include({ status: 'closed', eligibleHouseholds: 9 });
    expect(motion!.choices).to.deep.equal(['agree']);
    expect(motion!.rule).to.deep.equal({ kind: 'majority' });
    expect(motion!.body).to.deep.equal(motion!.title);
  });

  it('hides the counts of an open vote even when a server sends them, unless the motion shows them', () => {
    const [motion] = parseMotions([{ id: 'm', status: 'open', choices: ['agree'] }]);
    const open = parseResults({ status: 'open', ballots: 2, eligibleHouseholds: 4, counts: { agree: 2, disagree: 0, abstain: 0 }, receipts: ['A', 3] }, motion);
    expect(open).to.include({ countsHidden: true, counts: null, passed: null, turnout: 0.5 });
    expect(open.receipts).to.deep.equal(['A']);
    const shown = parseResults({ status: 'open', ballots: 2, counts: { agree: 2, disagree: 0, abstain: 0 } }, { ...motion!, showCountsWhileOpen: true });
    expect(shown).to.include({ countsHidden: false, passed: true });
    const closed = parseResults({ status: 'closed', ballots: 3, eligibleHouseholds: 10, turnout: 0.3, counts: { agree: 1, disagree: 1, abstain: 1 }, percentages: { agree: 33.3, disagree: 33.3, abstain: 33.3 }, passed: false, rule: { kind: 'quorum', quorum: 0.2 } });
    expect(closed.percentages).to.deep.equal({ agree: 33.3, disagree: 33.3, abstain: 33.3 });
    expect(closed.rule).to.deep.equal({ kind: 'quorum', quorum: 0.2 });
    expect(parseResults(undefined).countsHidden).to.equal(true);
  });

  it('marks progress overdue in the site’s time zone unless it is done', () => {
    const now = new Date('2025-05-06T17:00:00Z'); // 7 May, 01:00 in Shanghai
    expect(isOverdue('2025-05-06', 'in_progress', now)).to.equal(true);
    expect(isOverdue('2025-05-06', 'in_progress', now, 'UTC')).to.equal(false);
    expect(isOverdue('2025-05-01', 'done', now)).to.equal(false);
    expect(isOverdue('later', 'planned', now)).to.equal(false);
    expect(parseProgress([{ id: 'p', dueOn: '2025-05-01', status: 'planned' }], now)[0]!.overdue).to.equal(true);
    expect(parseProgress([{ id: 'p', dueOn: '2025-05-01', status: 'planned', overdue: false }], now)[0]!.overdue).to.equal(false);
  });
});
