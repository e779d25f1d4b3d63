/**
 * The keyboard's state and what each key does to it, without any DOM: the
 * element renders `rows()` and hands every tap to `press()` or
 * `commitCandidate()`. The caret is always at the end of the text (there is
 * no way to move it on a touchscreen keyboard this simple, and none needed to
 * type a search or a short comment).
 */
import type { Candidate } from './keyboard-pinyin.js';

/** Pinyin composes Chinese; en types Latin letters. */
export type KeyboardLayout = 'pinyin' | 'en';
export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = ['pinyin', 'en'];
/** Letters, or digits and symbols (ISBNs, card numbers, punctuation). */
export type KeyboardLayer = 'letters' | 'symbols';

export type KeyboardKey =
  | { kind: 'char'; char: string }
  | { kind: 'backspace' }
  | { kind: 'space' }
  | { kind: 'enter' }
  | { kind: 'shift' }
  | { kind: 'layer' }
  | { kind: 'layout' };

export interface KeyboardState {
  /** The committed text. */
  value: string;
  /** Pinyin letters typed but not yet turned into Chinese. */
  composing: string;
  layout: KeyboardLayout;
  layer: KeyboardLayer;
  /** The next letter is a capital (English only). */
  shift: boolean;
  /** Page of the candidate bar. */
  page: number;
}

export interface PressResult {
  state: KeyboardState;
  /** The committed value changed (fire `ck-keyboard-input`). */
  input: boolean;
  /** Enter with nothing composing (fire `ck-keyboard-enter`). */
  enter: boolean;
}

export interface PressContext {
  /** Most characters (code points) the value may hold. */
  maxlength: number;
  /** Candidates of the current composition, best first (empty while the dictionary loads). */
  candidates: readonly Candidate[];
}

/** Longest composition kept: a long sentence of pinyin is not typed in one go on a kiosk. */
export const MAX_COMPOSING = 32;

const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const DIGITS = '1234567890';
/** X for ISBN-10 and ID check characters, hyphen for ISBNs. Pinyin gets full-width Chinese punctuation. */
const SYMBOL_ROWS: Record<KeyboardLayout, [string[], string[]]> = {
  en: [
    ['-', '/', ':', ';', '(', ')', '.', ',', '?', '!'],
    ['X', '@', '#', '&', "'", '"', '+', '='],
  ],
  pinyin: [
    ['-', '/', '：', '；', '（', '）', '。', '，', '？', '！'],
    ['X', '@', '#', '、', '“', '”', '+', '='],
  ],
};

const chars = (list: Iterable<string>): KeyboardKey[] => [...list].map((char) => ({ kind: 'char', char }));

/** The rows of keys to show, top to bottom. */
export function rows(layout: KeyboardLayout, layer: KeyboardLayer): KeyboardKey[][] {
  const bottom: KeyboardKey[] = [{ kind: 'layer' }, { kind: 'layout' }, { kind: 'space' }, { kind: 'enter' }];
  if (layer === 'symbols') {
    const [second, third] = SYMBOL_ROWS[layout];
    return [chars(DIGITS), chars(second), [...chars(third), { kind: 'backspace' }], bottom];
  }
  const [first, second, third] = LETTER_ROWS as [string, string, string];
  return [
    chars(first),
    chars(second),
    [...(layout === 'en' ? [{ kind: 'shift' } as KeyboardKey] : []), ...chars(third), { kind: 'backspace' }],
    bottom,
  ];
}

export function initialState(layout: KeyboardLayout, value = ''): KeyboardState {
  return { value, composing: '', layout, layer: 'letters', shift: false, page: 0 };
}

/** Code points, so a Chinese character or an emoji counts as one. */
export const length = (text: string): number => [...text].length;

/** Appends what fits under `maxlength`; the rest of `text` is dropped. */
export function append(value: string, text: string, maxlength: number): string {
  const room = maxlength - length(value);
  return room <= 0 ? value : value + [...text].slice(0, room).join('');
}

function result(before: KeyboardState, state: KeyboardState, enter = false): PressResult {
  return { state, input: state.value !== before.value, enter };
}

/** What the composition becomes when something else must happen first: its best candidate, else its letters. */
function flush(state: KeyboardState, context: PressContext): KeyboardState {
  if (!state.composing) return state;
  const best = context.candidates[0];
  if (best) return flush(commitCandidate(state, best, context.maxlength).state, { ...context, candidates: [] });
  return { ...state, value: append(state.value, state.composing.replaceAll("'", ''), context.maxlength), composing: '', page: 0 };
}

/** The state after a key is tapped. */
export function press(state: KeyboardState, key: KeyboardKey, context: PressContext): PressResult {
  const { maxlength } = context;
  switch (key.kind) {
    case 'char': {
      const letter = /^[a-z]$/i.test(key.char);
      if (state.layout === 'pinyin' && state.layer === 'letters' && letter) {
        // Composing needs room for at least one character to come of it.
        if (length(state.value) >= maxlength || state.composing.length >= MAX_COMPOSING) return result(state, state);
        return result(state, { ...state, composing: state.composing + key.char.toLowerCase(), page: 0 });
      }
      // An apostrophe typed on a physical keyboard splits syllables ("xi'an"), as on every pinyin keyboard.
      if (state.layout === 'pinyin' && key.char === "'" && state.composing) {
        if (state.composing.endsWith("'")) return result(state, state);
        return result(state, { ...state, composing: `${state.composing}'`, page: 0 });
      }
      const flushed = flush(state, context);
      const char = state.layout === 'en' && state.shift && letter ? key.char.toUpperCase() : key.char;
      return result(state, { ...flushed, value: append(flushed.value, char, maxlength), shift: letter ? false : state.shift });
    }
    case 'space':
      if (state.composing) {
        const best = context.candidates[0];
        return result(state, best ? commitCandidate(state, best, maxlength).state : flush(state, context));
      }
      return result(state, { ...state, value: append(state.value, ' ', maxlength) });
    case 'backspace':
      if (state.composing) return result(state, { ...state, composing: state.composing.slice(0, -1), page: 0 });
      return result(state, { ...state, value: [...state.value].slice(0, -1).join('') });
    case 'enter':
      // As on every pinyin keyboard, Enter while composing types the letters themselves ("hlm" for a search by initials).
      if (state.composing) return result(state, flush(state, { ...context, candidates: [] }));
      return result(state, state, true);
    case 'shift':
      return result(state, { ...state, shift: !state.shift });
    case 'layer':
      return result(state, { ...state, layer: state.layer === 'letters' ? 'symbols' : 'letters' });
    case 'layout': {
      // Switching away from pinyin keeps what was typed, as letters.
      const flushed = flush(state, { ...context, candidates: [] });
      return result(state, { ...flushed, layout: state.layout === 'pinyin' ? 'en' : 'pinyin', layer: 'letters', shift: false });
    }
  }
}

/** The state after a candidate is tapped: it is committed, and the letters it used leave the composition. */
export function commitCandidate(state: KeyboardState, candidate: Candidate, maxlength: number): PressResult {
  const value = append(state.value, candidate.text, maxlength);
  // A full value can take no more Chinese: the rest of the letters would compose for nothing.
  const composing = length(value) >= maxlength ? '' : state.composing.slice(candidate.consumed);
  return result(state, { ...state, value, composing, page: 0 });
}

/** Turns the candidate page, clamped by the element against the candidates there are. */
export function turnPage(state: KeyboardState, delta: number): KeyboardState {
  return { ...state, page: Math.max(0, state.page + delta) };
}

/** A key's place: row and column in `rows()`. */
export interface KeyPlace {
  row: number;
  column: number;
}

/**
 * Where an arrow key (or Home / End) moves the focus among the keys, the rows
 * being `lengths` long; `undefined` for other keys. Up and down keep the same
 * place across the row (the 10th letter goes to the 4th key of the bottom row).
 */
export function moveFocus(lengths: readonly number[], at: KeyPlace, key: string): KeyPlace | undefined {
  const { row, column } = clampPlace(lengths, at);
  const across = (to: number) => {
    const target = Math.min(lengths.length - 1, Math.max(0, to));
    const place = Math.floor(((column + 0.5) / lengths[row]!) * lengths[target]!);
    return { row: target, column: Math.min(lengths[target]! - 1, place) };
  };
  switch (key) {
    case 'ArrowLeft':
      return { row, column: Math.max(0, column - 1) };
    case 'ArrowRight':
      return { row, column: Math.min(lengths[row]! - 1, column + 1) };
    case 'ArrowUp':
      return across(row - 1);
    case 'ArrowDown':
      return across(row + 1);
    case 'Home':
      return { row, column: 0 };
    case 'End':
      return { row, column: lengths[row]! - 1 };
    default:
      return undefined;
  }
}

/** A place kept inside the rows there are (after a switch of layer or layout). */
export function clampPlace(lengths: readonly number[], at: KeyPlace): KeyPlace {
  const row = Math.min(lengths.length - 1, Math.max(0, at.row));
  return { row, column: Math.min(lengths[row]! - 1, Math.max(0, at.column)) };
}
