import { expect } from '@open-wc/testing';
import {
  append,
  clampPlace,
  moveFocus,
  commitCandidate,
  initialState,
  length,
  MAX_COMPOSING,
  press,
  rows,
  turnPage,
  type KeyboardKey,
  type KeyboardState,
  type PressContext,
} from '../src/keyboard-layout.js';

const char = (c: string): KeyboardKey => ({ kind: 'char', char: c });
const open: PressContext = { maxlength: Infinity, candidates: [] };
const nihao: PressContext = { maxlength: Infinity, candidates: [{ text: '你好', consumed: 5 }, { text: '你', consumed: 2 }] };

/** Presses keys one after the other with the same context. */
function pressAll(state: KeyboardState, keys: KeyboardKey[], context = open) {
  const results = [];
  for (const key of keys) {
    const result = press(state, key, context);
    results.push(result);
    state = result.state;
  }
  return { state, results };
}

const label = (key: KeyboardKey) => (key.kind === 'char' ? key.char : `[${key.kind}]`);

describe('keyboard layout and keys', () => {
  it('lays out letters, with shift in English only, and a digits layer with X and hyphen', () => {
    expect(rows('en', 'letters').map((row) => row.map(label).join(' '))).to.deep.equal([
      'q w e r t y u i o p',
      'a s d f g h j k l',
      '[shift] z x c v b n m [backspace]',
      '[layer] [layout] [space] [enter]',
    ]);
    expect(rows('pinyin', 'letters')[2]!.map(label)[0]).to.equal('z');
    const symbols = rows('en', 'symbols').flat().map(label);
    for (const needed of ['0', '1', '9', 'X', '-']) expect(symbols).to.include(needed);
    expect(rows('pinyin', 'symbols').flat().map(label), 'Chinese punctuation in pinyin').to.include('，');
  });

  it('composes pinyin letters without changing the value', () => {
    const { state, results } = pressAll(initialState('pinyin'), [...'NiHao'].map(char));
    expect(state.composing).to.equal('nihao');
    expect(state.value).to.equal('');
    expect(results.some((r) => r.input)).to.equal(false);
  });

  it('takes an apostrophe into the composition to split syllables, once', () => {
    const { state } = pressAll(initialState('pinyin'), [char('x'), char('i'), char("'"), char("'"), char('a'), char('n')]);
    expect(state.composing).to.equal("xi'an");
    expect(press(initialState('pinyin'), char("'"), open).state.value, 'nothing composing: a plain apostrophe').to.equal("'");
  });

  it('commits a candidate and keeps the letters it did not use', () => {
    const composing = { ...initialState('pinyin'), composing: 'nihao', page: 2 };
    const { state, input } = commitCandidate(composing, { text: '你', consumed: 2 }, Infinity);
    expect(state).to.include({ value: '你', composing: 'hao', page: 0 });
    expect(input).to.equal(true);
  });

  it('commits the first candidate with space, or the letters when there is none', () => {
    const composing = { ...initialState('pinyin'), composing: 'nihao' };
    expect(press(composing, { kind: 'space' }, nihao).state.value).to.equal('你好');
    expect(press(composing, { kind: 'space' }, open).state).to.include({ value: 'nihao', composing: '' });
    expect(press(initialState('pinyin', '你'), { kind: 'space' }, open).state.value).to.equal('你 ');
  });

  it('commits the best candidate before a digit or punctuation', () => {
    const composing = { ...initialState('pinyin'), composing: 'nihao', layer: 'symbols' as const };
    const { state, input } = press(composing, char('，'), nihao);
    expect(state).to.include({ value: '你好，', composing: '' });
    expect(input).to.equal(true);
    // A best candidate that leaves letters: they are typed as letters.
    const partly = press({ ...composing }, char('1'), { maxlength: Infinity, candidates: [{ text: '你', consumed: 2 }] });
    expect(partly.state.value).to.equal('你hao1');
  });

  it('deletes a composing letter first, then committed characters, whole', () => {
    let state: KeyboardState = { ...initialState('pinyin', '中国'), composing: 'a' };
    let result = press(state, { kind: 'backspace' }, open);
    expect(result.state.composing).to.equal('');
    expect(result.input).to.equal(false);
    state = result.state;
    result = press(state, { kind: 'backspace' }, open);
    expect(result.state.value).to.equal('中');
    expect(result.input).to.equal(true);
    expect(press(initialState('en'), { kind: 'backspace' }, open).input, 'nothing to delete').to.equal(false);
    expect(press(initialState('en', 'a😀'), { kind: 'backspace' }, open).state.value, 'an emoji is one character').to.equal('a');
  });

  it('types letters in English, a capital after shift', () => {
    const { state, results } = pressAll(initialState('en'), [{ kind: 'shift' }, char('h'), char('i')]);
    expect(state.value).to.equal('Hi');
    expect(state.shift).to.equal(false);
    expect(results.map((r) => r.input)).to.deep.equal([false, true, true]);
    // Shift stays on over a digit.
    const digit = pressAll({ ...initialState('en'), layer: 'symbols' }, [{ kind: 'shift' }, char('1')]);
    expect(digit.state.shift).to.equal(true);
  });

  it('fires Enter only with nothing composing; Enter while composing types the letters', () => {
    const composing = { ...initialState('pinyin'), composing: 'hlm' };
    const typed = press(composing, { kind: 'enter' }, nihao);
    expect(typed).to.deep.include({ input: true, enter: false });
    expect(typed.state.value).to.equal('hlm');
    expect(press(typed.state, { kind: 'enter' }, open)).to.deep.include({ input: false, enter: true });
  });

  it('switches layer and layout; leaving pinyin keeps the letters typed', () => {
    const symbols = press(initialState('pinyin'), { kind: 'layer' }, open).state;
    expect(symbols.layer).to.equal('symbols');
    expect(press(symbols, { kind: 'layer' }, open).state.layer).to.equal('letters');
    const english = press({ ...symbols, composing: 'ab', shift: true }, { kind: 'layout' }, nihao);
    expect(english.state).to.include({ layout: 'en', layer: 'letters', value: 'ab', composing: '', shift: false });
    expect(english.input).to.equal(true);
    expect(press(english.state, { kind: 'layout' }, open).state.layout).to.equal('pinyin');
  });

  it('never goes past maxlength', () => {
    const context = { maxlength: 3, candidates: [{ text: '中华人民', consumed: 3 }] };
    const almost = { ...initialState('pinyin', '我们'), composing: 'zhrm' };
    const committed = press(almost, { kind: 'space' }, context).state;
    expect(committed.value).to.equal('我们中');
    expect(committed.composing, 'a full value drops the rest of the letters').to.equal('');
    expect(press(committed, char('a'), context).state.composing, 'no composing when full').to.equal('');
    expect(press({ ...committed, layout: 'en' }, char('a'), context).input).to.equal(false);
    expect(press(committed, { kind: 'space' }, context).input).to.equal(false);
    expect(append('ab', 'cdef', 4)).to.equal('abcd');
    expect(append('abcd', 'e', 4)).to.equal('abcd');
    expect(length('中国😀')).to.equal(3);
  });

  it('stops composing at a sensible length', () => {
    const long = { ...initialState('pinyin'), composing: 'a'.repeat(MAX_COMPOSING) };
    expect(press(long, char('b'), open).state.composing).to.have.length(MAX_COMPOSING);
  });

  it('turns candidate pages, never below the first', () => {
    const state = { ...initialState('pinyin'), page: 1 };
    expect(turnPage(state, 1).page).to.equal(2);
    expect(turnPage(state, -5).page).to.equal(0);
  });

  it('moves the focus among the keys with arrows, Home and End', () => {
    const lengths = [10, 9, 9, 4];
    expect(moveFocus(lengths, { row: 0, column: 0 }, 'ArrowLeft')).to.deep.equal({ row: 0, column: 0 });
    expect(moveFocus(lengths, { row: 0, column: 0 }, 'ArrowRight')).to.deep.equal({ row: 0, column: 1 });
    expect(moveFocus(lengths, { row: 0, column: 9 }, 'ArrowRight')).to.deep.equal({ row: 0, column: 9 });
    expect(moveFocus(lengths, { row: 0, column: 0 }, 'ArrowUp')).to.deep.equal({ row: 0, column: 0 });
    expect(moveFocus(lengths, { row: 2, column: 8 }, 'ArrowDown'), 'the last key over the bottom row').to.deep.equal({ row: 3, column: 3 });
    expect(moveFocus(lengths, { row: 3, column: 2 }, 'ArrowUp'), 'space is under the middle').to.deep.equal({ row: 2, column: 5 });
    expect(moveFocus(lengths, { row: 3, column: 3 }, 'ArrowDown')).to.deep.equal({ row: 3, column: 3 });
    expect(moveFocus(lengths, { row: 1, column: 4 }, 'Home')).to.deep.equal({ row: 1, column: 0 });
    expect(moveFocus(lengths, { row: 1, column: 4 }, 'End')).to.deep.equal({ row: 1, column: 8 });
    expect(moveFocus(lengths, { row: 1, column: 4 }, 'a')).to.equal(undefined);
    expect(clampPlace(lengths, { row: 7, column: 9 }), 'after a switch to fewer keys').to.deep.equal({ row: 3, column: 3 });
  });
});
