import { expect } from '@open-wc/testing';
import { acceptsX, pressKey, sanitize } from '../src/keypad-input.js';

const pin = { maxlength: 6, allowX: false };
const residentId = { maxlength: 18, allowX: true };

describe('keypad rules', () => {
  it('appends digits up to maxlength and ignores the rest', () => {
    expect(pressKey('12', '3', pin)).to.equal('123');
    expect(pressKey('123456', '7', pin)).to.equal(undefined);
    expect(pressKey('12', 'a', pin)).to.equal(undefined);
    expect(pressKey('12', '١', pin), 'non-ASCII digits').to.equal(undefined);
  });

  it('deletes and clears, ignoring both on an empty value', () => {
    expect(pressKey('123', 'Backspace', pin)).to.equal('12');
    expect(pressKey('123', 'Clear', pin)).to.equal('');
    expect(pressKey('', 'Backspace', pin)).to.equal(undefined);
    expect(pressKey('', 'Clear', pin)).to.equal(undefined);
  });

  it('accepts X (either case) only as the final character at maxlength', () => {
    const seventeen = '11010519491231002';
    expect(acceptsX(seventeen, residentId)).to.equal(true);
    expect(pressKey(seventeen, 'x', residentId)).to.equal(seventeen + 'X');
    expect(pressKey('1101', 'X', residentId)).to.equal(undefined);
    expect(pressKey(seventeen + 'X', '1', residentId)).to.equal(undefined);
    expect(pressKey('12345', 'X', pin)).to.equal(undefined);
  });

  it('keeps only what typing could produce from a value set by code', () => {
    expect(sanitize('12ab34', pin)).to.equal('1234');
    expect(sanitize('123456789', pin)).to.equal('123456');
    expect(sanitize('1X2', residentId)).to.equal('12');
    expect(sanitize('11010519491231002x', residentId)).to.equal('11010519491231002X');
    expect(sanitize(null, pin)).to.equal('');
    expect(sanitize(42, pin)).to.equal('42');
  });
});
