import { expect } from '@open-wc/testing';
import { HoursEvaluator, wallClock } from '../src/hours.js';
import type { Station } from '../src/types.js';
import { parseStations } from '../src/parse.js';
import { beijing, feature } from './helpers.js';

const at = (openingHours: string | undefined) => ({ id: 'x', openingHours }) as Station;

describe('opening hours', () => {
  const hours = new HoursEvaluator('Asia/Shanghai');

  it('reads the wall clock in the kiosk time zone', () => {
    const local = wallClock(new Date('2025-05-06T02:30:00Z'), 'Asia/Shanghai');
    expect([local.getHours(), local.getMinutes(), local.getDay()]).to.deep.equal([10, 30, 2]);
    expect(wallClock(new Date('2025-05-06T02:30:00Z'), 'Europe/London').getHours()).to.equal(3);
  });

  it('says open, and when it closes', () => {
    expect(hours.state(at('06:00-22:00'), beijing('2025-05-06T12:00:00'))).to.deep.equal({ state: 'open', closesAt: '22:00' });
    expect(hours.state(at('24/7'), beijing('2025-05-06T12:00:00'))).to.deep.equal({ state: 'open', allDay: true });
    expect(hours.isOpen(at('06:00-22:00'), beijing('2025-05-06T21:59:00'))).to.equal(true);
  });

  it('says closed, and when it opens', () => {
    expect(hours.state(at('06:00-22:00'), beijing('2025-05-06T23:00:00'))).to.deep.equal({ state: 'closed', opensAt: '06:00' });
    expect(hours.state(at('Mo-Fr 08:00-18:00'), beijing('2025-05-10T12:00:00'))).to.deep.equal({ state: 'closed', opensAt: undefined });
    expect(hours.state(at('off'), beijing('2025-05-10T12:00:00'))).to.deep.equal({ state: 'closed', opensAt: undefined });
    expect(hours.isOpen(at('06:00-22:00'), beijing('2025-05-06T05:00:00'))).to.equal(false);
  });

  it('reads opening_hours=off and =closed (any case, spaces) as closed every day, never as unknown', () => {
    const evaluator = new HoursEvaluator();
    for (const value of ['off', 'closed', ' Closed ', 'OFF']) {
      expect(evaluator.state(at(value), beijing('2025-05-06T12:00:00')), value).to.deep.equal({ state: 'closed', opensAt: undefined });
      expect(evaluator.unknown(at(value)), value).to.equal(false);
      expect(evaluator.week(at(value), beijing('2025-05-06T12:00:00')), value).to.deep.equal([{ days: [1, 2, 3, 4, 5, 6, 0], intervals: [] }]);
    }
    expect(evaluator.countUnreadable([at('closed'), at('off')])).to.equal(0);
  });

  it('is open without a known closing time when that is days away', () => {
    expect(hours.state(at('Mo-Fr 00:00-24:00'), beijing('2025-05-05T12:00:00'))).to.deep.equal({ state: 'open', closesAt: undefined });
  });

  it('says "hours unknown" for missing, malformed or unknown-state values, and counts them', () => {
    const evaluator = new HoursEvaluator();
    expect(evaluator.state(at(undefined))).to.deep.equal({ state: 'unknown' });
    expect(evaluator.state(at('sometimes, ask the guard'))).to.deep.equal({ state: 'unknown' });
    expect(evaluator.state(at('06:00-22:00 unknown'), beijing('2025-05-06T12:00:00'))).to.deep.equal({ state: 'unknown' });
    expect(evaluator.unknown(at('sometimes, ask the guard'))).to.equal(true);
    expect(evaluator.unknown(at('24/7'))).to.equal(false);
    expect(evaluator.countUnreadable([at('nonsense!'), at('nonsense!'), at('24/7'), at(undefined)])).to.equal(2);
    const { table } = parseStations([feature('p', 119.5, 26.6, { opening_hours: 'nonsense!' }), feature('q', 119.5, 26.6, { opening_hours: '24/7' }), feature('r', 119.5, 26.6, {})]);
    expect(evaluator.countUnreadable(table)).to.equal(1);
    expect([...evaluator.malformed]).to.deep.equal(['sometimes, ask the guard', 'nonsense!']);
    expect(evaluator.week(at('nonsense!'))).to.equal(undefined);
  });

  it('groups a week into lines, Monday first', () => {
    const week = hours.week(at('Mo-Fr 07:00-21:00; Sa,Su 06:00-12:00,14:00-22:00'), beijing('2025-05-07T12:00:00'));
    expect(week).to.deep.equal([
      { days: [1, 2, 3, 4, 5], intervals: [['07:00', '21:00']] },
      { days: [6, 0], intervals: [['06:00', '12:00'], ['14:00', '22:00']] },
    ]);
    expect(hours.week(at('24/7'), beijing('2025-05-07T12:00:00'))).to.deep.equal([{ days: [1, 2, 3, 4, 5, 6, 0], intervals: [['00:00', '24:00']] }]);
    expect(hours.week(at('Mo 08:00-12:00'), beijing('2025-05-07T12:00:00'))![0]).to.deep.equal({ days: [1], intervals: [['08:00', '12:00']] });
  });
});
