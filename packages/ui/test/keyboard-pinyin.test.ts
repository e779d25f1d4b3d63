import { expect } from '@open-wc/testing';
import { candidatePage, loadPinyinDictionary, lookup, parseDictionary, segment } from '../src/keyboard-pinyin.js';

/** A tiny dictionary in the generated format, most frequent first. */
const small = parseDictionary(
  [
    '你 ni',
    '好 hao',
    '中 zhong',
    '国 guo',
    '西 xi',
    '安 an',
    '先 xian',
    '号 hao',
    '泥 ni',
    '红 hong',
    '楼 lou',
    '梦 meng',
    '中国 zhong\'guo',
    '你好 ni\'hao',
    '西安 xi\'an',
    '红楼梦 hong\'lou\'meng',
    'bad line without syllables',
    '坏 BAD',
    '',
  ].join('\n'),
);

const texts = (letters: string) => lookup(letters, small).map((candidate) => candidate.text);

describe('pinyin composition', () => {
  it('reads the generated format and skips bad lines', () => {
    expect(small.words).to.have.length(16);
    expect(small.known.has('zhong')).to.equal(true);
    expect(small.prefixes.has('zh')).to.equal(true);
    expect(small.known.has('zh')).to.equal(false);
    expect(small.byInitials.get('nh')).to.deep.equal([13]);
  });

  it('splits letters into as few syllables as it can', () => {
    expect(segment('nihao', small)).to.deep.equal(['ni', 'hao']);
    expect(segment('zhongguo', small)).to.deep.equal(['zhong', 'guo']);
    expect(segment('xian', small), 'one syllable before two').to.deep.equal(['xian']);
    expect(segment("xi'an", small), 'an apostrophe splits').to.deep.equal(['xi', 'an']);
    expect(segment('nih', small), 'a beginning at the end').to.deep.equal(['ni', 'h']);
    expect(segment('hlm', small), 'initials').to.deep.equal(['h', 'l', 'm']);
    expect(segment('NiHao', small)).to.deep.equal(['ni', 'hao']);
    expect(segment('vvni', small), 'letters that begin nothing stand alone').to.deep.equal(['v', 'v', 'ni']);
    expect(segment('', small)).to.deep.equal([]);
  });

  it('offers whole words first, then words for the first syllables, by frequency', () => {
    expect(texts('nihao')).to.deep.equal(['你好', '你', '泥']);
    expect(lookup('nihao', small).map((c) => c.consumed)).to.deep.equal([5, 2, 2]);
    expect(texts('ni')).to.deep.equal(['你', '泥']);
    expect(texts('hao')).to.deep.equal(['好', '号']);
  });

  it('finds words from the beginnings or initials of their syllables', () => {
    expect(texts('nih')).to.deep.equal(['你好', '你', '泥']);
    expect(texts('hlm')[0]).to.equal('红楼梦');
    expect(texts('zg')[0]).to.equal('中国');
    expect(texts("xi'an")).to.deep.equal(['西安', '西']);
    expect(lookup("xi'an", small)[1]!.consumed, 'the apostrophe goes with the syllable before it').to.equal(3);
  });

  it('reads a whole syllable exactly before reading it as the beginning of a longer one', () => {
    const dictionary = parseDictionary("先 xian\n西 xi\n先生 xian'sheng\n习 xi");
    expect(lookup('xi', dictionary).map((c) => c.text), 'xi may still become xian').to.deep.equal(['西', '习', '先']);
    expect(lookup("xi'", dictionary).map((c) => c.text), 'an apostrophe ends the syllable').to.deep.equal(['西', '习']);
    expect(lookup('xis', dictionary).map((c) => c.text), 'a finished syllable is read exactly').to.deep.equal(['西', '习']);
    expect(lookup('xians', dictionary).map((c) => c.text)).to.deep.equal(['先生', '先']);
  });

  it('finds nothing for letters no word has, and stops at the limit', () => {
    expect(texts('vvv')).to.deep.equal([]);
    expect(lookup('nihao', small, 1).map((c) => c.text)).to.deep.equal(['你好']);
  });

  it('pages candidates, clamping a stale page', () => {
    const list = ['一', '二', '三', '四', '五'].map((text) => ({ text, consumed: 1 }));
    expect(candidatePage(list, 0, 2)).to.deep.equal({ items: list.slice(0, 2), page: 0, hasPrevious: false, hasNext: true });
    expect(candidatePage(list, 2, 2)).to.deep.equal({ items: list.slice(4), page: 2, hasPrevious: true, hasNext: false });
    expect(candidatePage(list, 9, 2).page).to.equal(2);
    expect(candidatePage(list, -1, 2).page).to.equal(0);
    expect(candidatePage([], 3, 6)).to.deep.equal({ items: [], page: 0, hasPrevious: false, hasNext: false });
  });

  it('loads the generated dictionary once, with everyday words ranked first', async () => {
    const first = loadPinyinDictionary();
    expect(loadPinyinDictionary(), 'one load for every keyboard').to.equal(first);
    const dictionary = await first;
    expect(dictionary.words.length).to.be.greaterThan(15000);
    const top = (letters: string) => lookup(letters, dictionary)[0]?.text;
    expect(top('nihao')).to.equal('你好');
    expect(top('zhongguo')).to.equal('中国');
    expect(top('tushuguan')).to.equal('图书馆');
    expect(top('tingchewei')).to.equal('停车位');
    expect(top('hlm')).to.equal('红楼梦');
    // Characters rank by how often they are written, inside words too: 毫 (毫米, 丝毫) before the rare 灏.
    const hao = lookup('hao', dictionary).map((c) => c.text);
    expect(hao.slice(0, 2)).to.deep.equal(['好', '号']);
    expect(hao.indexOf('毫')).to.be.below(hao.indexOf('灏'));
    // A polyphonic character is found under each of its readings.
    expect(lookup('hang', dictionary).map((c) => c.text)).to.include('行');
    expect(lookup('xing', dictionary).map((c) => c.text)).to.include('行');
    expect(lookup('yinhang', dictionary)[0]?.text).to.equal('银行');
  });
});
