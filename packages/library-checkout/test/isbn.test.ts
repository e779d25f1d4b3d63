import { expect } from '@open-wc/testing';
import { checkIsbn, compactIsbn, isbn10CheckDigit, isbn10To13, isbn13CheckDigit, isbn13To10, looksLikeIsbn } from '../src/isbn.js';

/** The naive definition, written out digit by digit: the module must agree with it. */
function naiveValid(text: string): boolean {
  const d = text.replace(/[- ]/g, '').toUpperCase();
  if (d.length === 10) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (d[i] === 'X' ? 10 : Number(d[i])) * (10 - i);
    return /^\d{9}[\dX]$/.test(d) && sum % 11 === 0;
  }
  if (d.length === 13) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += Number(d[i]) * (i % 2 ? 3 : 1);
    return /^97[89]\d{10}$/.test(d) && sum % 10 === 0;
  }
  return false;
}

describe('isbn', () => {
  it('accepts ISBN-13 with hyphens and spaces, and gives both forms', () => {
    expect(checkIsbn('978-7-02-000220-7')).to.deep.equal({ ok: true, isbn13: '9787020002207', isbn10: '702000220X' });
    expect(checkIsbn(' 978 7536692930 ')).to.deep.include({ ok: true, isbn13: '9787536692930' });
  });

  it('accepts ISBN-10 with a lower-case x check character and full-width digits', () => {
    expect(checkIsbn('0-8044-2957-x')).to.deep.equal({ ok: true, isbn13: '9780804429573', isbn10: '080442957X' });
    expect(checkIsbn('７０２０００２２０ｘ')).to.deep.include({ ok: true, isbn13: '9787020002207' });
  });

  it('says when the check digit is wrong, and which one was expected', () => {
    expect(checkIsbn('978-7-02-000220-8')).to.deep.equal({ ok: false, problem: 'check-digit', expected: '7' });
    expect(checkIsbn('7020002208')).to.deep.equal({ ok: false, problem: 'check-digit', expected: 'X' });
  });

  it('says when the length or the characters are wrong', () => {
    expect(checkIsbn('97870200022')).to.deep.equal({ ok: false, problem: 'length' });
    expect(checkIsbn('978702000220A')).to.deep.equal({ ok: false, problem: 'characters' });
    expect(checkIsbn('12X4567890')).to.deep.equal({ ok: false, problem: 'characters' });
    expect(checkIsbn('1234567890123')).to.deep.equal({ ok: false, problem: 'characters' });
  });

  it('979 ISBNs have no ISBN-10', () => {
    const body = '979100000000';
    const isbn = body + isbn13CheckDigit(body);
    expect(checkIsbn(isbn)).to.deep.equal({ ok: true, isbn13: isbn, isbn10: undefined });
    expect(isbn13To10(isbn)).to.equal(undefined);
  });

  it('agrees with the naive definition on 2,000 generated numbers, valid and not', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 10;
    for (let n = 0; n < 2000; n++) {
      const thirteen = n % 2 === 0;
      const digits = Array.from({ length: thirteen ? 12 : 9 }, next).join('');
      const body = thirteen ? `978${digits.slice(3)}` : digits;
      const check = thirteen ? isbn13CheckDigit(body) : isbn10CheckDigit(body);
      const good = body + check;
      const bad = body + (check === '0' ? '1' : check === 'X' ? '0' : '0');
      for (const candidate of [good, bad]) expect(checkIsbn(candidate).ok, candidate).to.equal(naiveValid(candidate));
      if (!thirteen) expect(checkIsbn(isbn10To13(good)).ok).to.equal(true);
    }
  });

  it('tells an ISBN from a title or a barcode', () => {
    expect(looksLikeIsbn('978-7-02-000220-7')).to.equal(true);
    expect(looksLikeIsbn('080442957x')).to.equal(true);
    expect(looksLikeIsbn('hlm')).to.equal(false);
    expect(looksLikeIsbn('CK000101')).to.equal(false);
    expect(looksLikeIsbn('1984')).to.equal(false);
    expect(compactIsbn('978–7 02.000220-7')).to.equal('9787020002207');
  });
});
