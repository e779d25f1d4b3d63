import { expect } from '@open-wc/testing';
import { formatDate, formatDistance, formatMinutes, formatNumber, formatPercent, formatTime } from '../src/format.js';

describe('formatting through Intl', () => {
  it('formats distances in metres below a kilometre and kilometres above', () => {
    expect(formatDistance(42, 'en')).to.equal('42 m');
    expect(formatDistance(846, 'en')).to.equal('850 m');
    expect(formatDistance(1234, 'en')).to.equal('1.2 km');
    expect(formatDistance(846, 'zh-CN')).to.equal('850米');
    expect(formatDistance(1234, 'zh-CN')).to.equal('1.2公里');
  });

  it('formats walking minutes, never below one', () => {
    expect(formatMinutes(0.2, 'en')).to.equal('1 min');
    expect(formatMinutes(12.4, 'zh-CN')).to.equal('12分钟');
  });

  it('formats numbers, percentages, dates and times for the locale', () => {
    expect(formatNumber(12345.6, undefined, 'en')).to.equal('12,345.6');
    expect(formatPercent(0.32, 'en')).to.equal('32%');
    expect(formatDate('2026-11-27T08:00:00Z', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }, 'zh-CN')).to.equal('2026年11月27日');
    expect(formatTime('2026-11-27T08:05:00Z', 'Asia/Shanghai', 'en')).to.equal('16:05');
  });

  it('uses the active locale (zh-CN) by default', () => {
    expect(formatDistance(500)).to.equal('500米');
    expect(formatMinutes(3)).to.equal('3分钟');
    expect(formatNumber(1000)).to.equal('1,000');
    expect(formatPercent(0.5)).to.equal('50%');
    expect(formatDate(0, { year: 'numeric', timeZone: 'UTC' })).to.equal('1970年');
    expect(formatTime(0, 'UTC')).to.equal('00:00');
  });
});
