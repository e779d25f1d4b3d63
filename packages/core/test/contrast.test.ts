import { expect } from '@open-wc/testing';
import { AA_MINIMUM, checkContrast, contrastLevel, CONTRAST_PAIRS, formatRatio } from '../src/contrast.js';
import { resolveTheme, THEMES, type ThemeName } from '../src/tokens.js';

describe('contrast checks (WCAG 2.x)', () => {
  it('levels: AAA from 7, AA from 4.5, large text only from 3 (text); AA from 3 (non-text)', () => {
    expect([7, 6.99, 4.5, 4.499, 3, 2.99].map((r) => contrastLevel(r, 'text'))).to.deep.equal(['AAA', 'AA', 'AA', 'AA large text only', 'AA large text only', 'fails']);
    expect([4.5, 3, 2.99].map((r) => contrastLevel(r, 'large-text'))).to.deep.equal(['AAA', 'AA', 'fails']);
    expect([21, 3, 2.99].map((r) => contrastLevel(r, 'non-text'))).to.deep.equal(['AA', 'AA', 'fails']);
    expect(AA_MINIMUM).to.deep.equal({ text: 4.5, 'large-text': 3, 'non-text': 3 });
  });

  it('rounds a shown ratio down, so a failing pair never reads 4.50:1', () => {
    expect(formatRatio(4.497)).to.equal('4.49:1');
    expect(formatRatio(21)).to.equal('21.00:1');
  });

  it('checks a theme: black on white passes, #777 on white fails AA for text (4.48:1)', () => {
    const [good] = checkContrast({ '--ck-color-text': '#000', '--ck-color-bg': '#ffffff' }, [CONTRAST_PAIRS[0]!]);
    expect([good!.ratio, good!.level, good!.passesAA]).to.deep.equal([21, 'AAA', true]);
    const [grey] = checkContrast({ '--ck-color-text': '#777777', '--ck-color-bg': '#ffffff' }, [CONTRAST_PAIRS[0]!]);
    expect(grey!.ratio).to.be.closeTo(4.48, 0.01);
    expect([grey!.passesAA, grey!.level, grey!.required]).to.deep.equal([false, 'AA large text only', 4.5]);
  });

  it('a border needs 3:1 only; a colour that is not hex fails with no ratio', () => {
    const checks = checkContrast({ '--ck-color-border': '#949494', '--ck-color-bg': '#ffffff', '--ck-color-focus': 'rgba(0, 0, 0, 0.5)' });
    const border = checks.find((c) => c.foreground === '--ck-color-border')!;
    expect(border.ratio).to.be.closeTo(3.03, 0.01);
    expect(border.passesAA).to.equal(true);
    const focus = checks.find((c) => c.foreground === '--ck-color-focus')!;
    expect([focus.ratio, focus.passesAA]).to.deep.equal([undefined, false]);
  });

  it('missing tokens come from the standard theme', () => {
    expect(checkContrast({}).map((c) => c.foregroundColor)).to.deep.equal(checkContrast(resolveTheme('standard')).map((c) => c.foregroundColor));
  });

  it('every shipped theme (and elder + high contrast) passes AA on every pair', () => {
    const sets: ThemeName[][] = [...THEMES.map((t) => [t]), ['elder', 'high-contrast']];
    for (const names of sets) {
      const failing = checkContrast(resolveTheme(...names)).filter((c) => !c.passesAA);
      expect(failing.map((c) => `${names.join('+')}: ${c.foreground} on ${c.background} ${c.ratio?.toFixed(2)}`)).to.deep.equal([]);
    }
  });
});
