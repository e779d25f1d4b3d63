// defineElement / mayDefine: a second copy of a package warns once per tag instead of throwing.
import { expect } from '@open-wc/testing';
import { defineElement, mayDefine } from '../src/define.js';

class First extends HTMLElement {}
class Second extends HTMLElement {}
class Third extends HTMLElement {}

function capture(run: () => void): string[] {
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

describe('defineElement', () => {
  it('defines a free tag, silently', () => {
    const warnings = capture(() => expect(defineElement('ck-define-a', First)).to.equal(true));
    expect(customElements.get('ck-define-a')).to.equal(First);
    expect(warnings).to.deep.equal([]);
  });

  it('the same class again (ui\'s own define and a service\'s) is no conflict: silent, still true', () => {
    const warnings = capture(() => expect(defineElement('ck-define-a', First)).to.equal(true));
    expect(warnings).to.deep.equal([]);
  });

  it('another class for a taken tag: no throw, the first stays, ONE warning naming the tag', () => {
    const warnings = capture(() => {
      expect(defineElement('ck-define-a', Second)).to.equal(false);
      expect(defineElement('ck-define-a', Second)).to.equal(false);
      expect(defineElement('ck-define-a', Third)).to.equal(false);
    });
    expect(customElements.get('ck-define-a')).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<ck-define-a>').and.to.contain('another copy or version');
  });

  it('warns per tag: another taken tag gets its own warning', () => {
    defineElement('ck-define-b', Third);
    const warnings = capture(() => defineElement('ck-define-b', Second));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<ck-define-b>');
  });
});

describe('mayDefine (for define modules that spell out customElements.define)', () => {
  it('true for a free tag, false for the same class, false with a warning for another class', () => {
    class Own extends HTMLElement {}
    class Other extends HTMLElement {}
    expect(mayDefine('ck-define-c', Own)).to.equal(true);
    customElements.define('ck-define-c', Own);
    const warnings = capture(() => {
      expect(mayDefine('ck-define-c', Own)).to.equal(false);
      expect(mayDefine('ck-define-c', Other)).to.equal(false);
    });
    expect(warnings).to.have.length(1);
  });
});
