import { expect } from '@open-wc/testing';
import { ApiError, setLocale } from '@civic-kiosk/core';
import { blocksCard, contractCode, describeError, isLibraryOffline, isLost, reasonOf, whatToDo } from '../src/reasons.js';
import { receiptText } from '../src/receipt.js';
import { retryLost } from '../src/retry.js';
import { cardNumberFrom, readScan } from '../src/scan.js';
import { ScanList } from '../src/scan-list.js';
import { coverHue, coverLetter, day, money, titleIn } from '../src/labels.js';

describe('scan reading', () => {
  it('passes a library label through', () => {
    expect(readScan('CK000101')).to.deep.equal({ kind: 'code', code: 'CK000101' });
    expect(readScan('  LIB00001\t')).to.deep.equal({ kind: 'code', code: 'LIB00001' });
  });
  it('calls control characters, punctuation and over-long codes garbage', () => {
    expect(readScan('CK00\u001d0101').kind).to.equal('garbage');
    expect(readScan('#$%^&*').kind).to.equal('garbage');
    expect(readScan('').kind).to.equal('garbage');
    expect(readScan('A'.repeat(33)).kind).to.equal('garbage');
  });
  it('calls a code shorter than the shortest label half a code', () => {
    expect(readScan('CK0').kind).to.equal('partial');
    expect(readScan('CK0001', { minLength: 8 }).kind).to.equal('partial');
  });
  it('recognises the book’s ISBN bar instead of the library label', () => {
    expect(readScan('9787020002207')).to.deep.equal({ kind: 'isbn', isbn: '9787020002207' });
    // Thirteen digits with a wrong check digit are not an ISBN: a label like any other.
    expect(readScan('9787020002208').kind).to.equal('code');
  });
  it('puts the card prefix back when only digits were typed', () => {
    expect(cardNumberFrom('00001', 'LIB')).to.equal('LIB00001');
    expect(cardNumberFrom('00001', '')).to.equal('00001');
    expect(cardNumberFrom('LIB00001', 'LIB')).to.equal('LIB00001');
  });
});

describe('scan list', () => {
  it('shows a row at once, ignores the same item while it is checked, and asks again once settled', () => {
    const list = new ScanList<{ n: number }>();
    const first = list.start('CK1', 'k1')!;
    expect(list.rows.map((r) => [r.barcode, r.state])).to.deep.equal([['CK1', 'checking']]);
    expect(list.start('CK1', 'k2')).to.equal(undefined);
    expect(list.checking).to.equal(true);
    list.start('CK2', 'k3');
    list.settle(first, { state: 'done', answer: { n: 1 } });
    expect(list.done.map((r) => r.barcode)).to.deep.equal(['CK1']);
    const again = list.start('CK1', 'k4')!;
    expect(again.idempotencyKey).to.equal('k4');
    expect(list.rows.map((r) => r.barcode)).to.deep.equal(['CK1', 'CK2']);
    list.clear();
    expect(list.rows).to.deep.equal([]);
  });
});

describe('retry of a lost answer', () => {
  const lost = () => new ApiError(0, 'NETWORK');
  it('retries only lost answers, up to the limit, and gives the first real answer', async () => {
    const waits: number[] = [];
    let calls = 0;
    const answer = await retryLost(
      () => {
        calls++;
        return calls < 3 ? Promise.reject(lost()) : Promise.resolve('ok');
      },
      { sleep: (ms) => Promise.resolve(void waits.push(ms)) },
    );
    expect([answer, calls, waits]).to.deep.equal(['ok', 3, [400, 1200]]);
  });
  it('never retries a server answer', async () => {
    let calls = 0;
    const refused = new ApiError(403, 'LOAN_LIMIT');
    const error = await retryLost(() => {
      calls++;
      return Promise.reject(refused);
    }).catch((e: unknown) => e);
    expect([error, calls]).to.deep.equal([refused, 1]);
  });
  it('gives up after the last try with the lost error', async () => {
    let calls = 0;
    const error = await retryLost(
      () => {
        calls++;
        return Promise.reject(lost());
      },
      { attempts: 2, sleep: () => Promise.resolve() },
    ).catch((e: unknown) => e);
    expect((error as ApiError).code).to.equal('NETWORK');
    expect(calls).to.equal(2);
  });
});

describe('reasons', () => {
  before(() => setLocale('en'));
  after(() => setLocale('zh-CN'));
  it('maps older server codes to the contract’s and says what to do for each refusal', () => {
    expect(contractCode('OVERDUE')).to.equal('CARD_BLOCKED_OVERDUE');
    expect(contractCode('FINE_LIMIT')).to.equal('CARD_BLOCKED_FINES');
    expect(contractCode('ON_HOLD_FOR_OTHER')).to.equal('ON_HOLD_FOR_ANOTHER');
    const codes = ['ON_HOLD_FOR_ANOTHER', 'NOT_FOR_LOAN', 'LOAN_LIMIT', 'CARD_BLOCKED_OVERDUE', 'CARD_BLOCKED_FINES', 'CARD_EXPIRED', 'ON_LOAN', 'NOT_FOUND', 'NOT_ON_LOAN', 'OVERDUE_RENEWAL_REFUSED', 'RENEW_LIMIT', 'ITEM_AVAILABLE', 'HOLD_LIMIT', 'WRONG_PIN', 'PIN_REQUIRED', 'PIN_LOCKED', 'PIN_WAIT'];
    for (const code of codes) expect(whatToDo(code), code).to.not.equal('');
    expect(new Set(codes.map(whatToDo)).size).to.be.greaterThan(14);
    expect(whatToDo('SOMETHING_NEW')).to.equal('');
    expect(blocksCard('FINE_LIMIT')).to.equal(true);
    expect(blocksCard('LOAN_LIMIT')).to.equal(false);
  });
  it('keeps the server’s reasons and details, and words the rest itself', () => {
    const error = new ApiError(403, 'LOAN_LIMIT', { code: 'LOAN_LIMIT', reasons: { en: 'Limit of 5.', 'zh-CN': '上限 5 本。' }, details: { limit: 5 } });
    const refusal = describeError(error);
    expect(refusal).to.deep.include({ code: 'LOAN_LIMIT', details: { limit: 5 } });
    expect(reasonOf(refusal)).to.equal('Limit of 5.');
    expect(reasonOf(describeError(new TypeError('x')))).to.contain('Something went wrong');
    expect(isLost(new ApiError(0, 'TIMEOUT'))).to.equal(true);
    expect(isLost(error)).to.equal(false);
    expect(isLibraryOffline(new ApiError(503, 'LIBRARY_OFFLINE'))).to.equal(true);
    expect(isLibraryOffline(new ApiError(503, 'SERVER_ERROR'))).to.equal(true);
    expect(isLibraryOffline(error)).to.equal(false);
  });
});

describe('labels and receipt', () => {
  it('formats titles, money, days and covers', async () => {
    await setLocale('en');
    expect(titleIn({ 'zh-CN': '红楼梦', en: 'Dream of the Red Chamber' }, 'en')).to.equal('Dream of the Red Chamber');
    expect(titleIn({ 'zh-CN': '红楼梦', en: '' }, 'en')).to.equal('红楼梦');
    expect(titleIn(undefined, 'zh-CN')).to.equal('');
    expect(money(1250)).to.equal('CN¥12.50');
    expect(day('2025-06-05T16:30:00Z', 'Asia/Shanghai')).to.equal('June 6, 2025');
    expect(day('not a date', 'Asia/Shanghai')).to.equal('');
    expect(day(null, 'Asia/Shanghai')).to.equal('');
    expect(coverLetter({ 'zh-CN': '红楼梦', en: 'x' })).to.equal('红');
    expect(coverLetter(undefined)).to.equal('?');
    expect(coverHue('9787020002207')).to.be.within(0, 7);
    await setLocale('zh-CN');
  });
  it('writes a receipt with what was borrowed and renewed', () => {
    const text = receiptText(
      { borrowed: [{ title: 'To Live', dueOn: 'June 5' }], renewed: [{ title: 'Teahouse', dueOn: 'July 1' }] },
      { heading: 'Library receipt', borrowed: 'Borrowed', renewed: 'Renewed', due: 'due' },
      'May 6',
    );
    expect(text).to.equal('Library receipt May 6\nBorrowed:\n- To Live · due June 5\nRenewed:\n- Teahouse · due July 1');
  });
});
