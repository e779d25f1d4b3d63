import { expect } from '@open-wc/testing';
import { contrastRatio, parseHex } from '../src/color.js';
import { themeFiles } from '../src/theme-styles.js';
import { declarations, resolveTheme, standard, type ThemeName } from '../src/tokens.js';

const textPairs = [
  ['--ck-color-text', '--ck-color-bg'],
  ['--ck-color-text', '--ck-color-surface'],
  ['--ck-color-text-muted', '--ck-color-bg'],
  ['--ck-color-on-accent', '--ck-color-accent'],
  ['--ck-color-on-danger', '--ck-color-danger'],
  ['--ck-color-accent', '--ck-color-bg'],
  ['--ck-color-danger', '--ck-color-bg'],
  ['--ck-color-success', '--ck-color-bg'],
  ['--ck-color-warning', '--ck-color-bg'],
] as const;

function worstContrast(...themes: ThemeName[]): number {
  const tokens = resolveTheme(...themes);
  return Math.min(...textPairs.map(([fg, bg]) => contrastRatio(tokens[fg], tokens[bg])));
}

describe('design tokens', () => {
  it('meets WCAG AA (4.5:1) for every text pair in the standard theme', () => {
    expect(worstContrast('standard')).to.be.at.least(4.5);
  });

  it('meets WCAG AAA (7:1) for every text pair in the high-contrast theme, alone and with elder', () => {
    expect(worstContrast('high-contrast')).to.be.at.least(7);
    expect(worstContrast('elder', 'high-contrast')).to.be.at.least(7);
  });

  it('keeps the focus ring visible (3:1) against the background in every theme', () => {
    for (const theme of ['standard', 'high-contrast', 'elder'] as const) {
      const tokens = resolveTheme(theme);
      expect(contrastRatio(tokens['--ck-color-focus'], tokens['--ck-color-bg']), theme).to.be.at.least(3);
      expect(contrastRatio(tokens['--ck-color-border'], tokens['--ck-color-bg']), theme).to.be.at.least(3);
    }
  });

  it('makes elder type at least 1.5x, targets at least 64 px and line spacing at least 1.5', () => {
    const elder = resolveTheme('elder');
    for (const size of ['--ck-font-size-small', '--ck-font-size-body', '--ck-font-size-large', '--ck-font-size-title'] as const) {
      expect(parseFloat(elder[size]) / parseFloat(standard[size]), size).to.be.at.least(1.5);
    }
    expect(parseFloat(elder['--ck-touch-target'])).to.be.at.least(64);
    expect(parseFloat(elder['--ck-line-height'])).to.be.at.least(1.5);
    expect(parseFloat(standard['--ck-touch-target'])).to.be.at.least(48);
  });

  it('writes plain CSS theme files keyed on data-ck-theme', () => {
    const files = themeFiles();
    expect(Object.keys(files)).to.have.members(['standard.css', 'elder.css', 'high-contrast.css', 'themes.css']);
    expect(files['elder.css']).to.contain('[data-ck-theme~="elder"]').and.contain('--ck-touch-target: 64px;');
    expect(files['themes.css']!.indexOf('elder')).to.be.below(files['themes.css']!.indexOf('high-contrast'));
    expect(declarations({ '--ck-radius': '4px' })).to.equal('--ck-radius: 4px;');
  });
});

describe('contrastRatio', () => {
  it('gives 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000', '#ffffff')).to.be.closeTo(21, 0.01);
    expect(contrastRatio('#0a58a8', '#0a58a8')).to.equal(1);
  });

  it('rejects what is not a hex colour', () => {
    expect(() => parseHex('red')).to.throw(/Not a hex colour/);
    expect(parseHex(' #AbC ')).to.deep.equal([0xaa, 0xbb, 0xcc]);
  });
});
