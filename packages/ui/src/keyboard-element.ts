import {
  enforceRules,
  isString,
  KioskElement,
  numberConverter,
  numberIn,
  OutsideValue,
  PersonalDataController,
  warnBadValue,
  type PropertyRule,
} from '@civic-kiosk/core';
import { msg } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type ComplexAttributeConverter, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fire } from './events.js';
import { icon } from './icons.js';
import {
  clampPlace,
  commitCandidate,
  initialState,
  KEYBOARD_LAYOUTS,
  length,
  moveFocus,
  press,
  rows,
  turnPage,
  type KeyboardKey,
  type KeyboardLayer,
  type KeyboardLayout,
  type KeyboardState,
  type KeyPlace,
} from './keyboard-layout.js';
import { candidatePage, loadPinyinDictionary, lookup, type Candidate, type PinyinDictionary } from './keyboard-pinyin.js';
import { keyboardStyles } from './keyboard-styles.js';
import { controlStyles, iconStyles } from './shared.styles.js';
import './translations.js';

/** Fired on every change of the committed value the visitor makes. */
export const KEYBOARD_INPUT_EVENT = 'ck-keyboard-input';
/** Fired when the visitor taps Enter (with no pinyin composing). */
export const KEYBOARD_ENTER_EVENT = 'ck-keyboard-enter';
export interface KeyboardDetail {
  /** The committed text. */
  value: string;
}

const TAG = 'ck-keyboard';
/** Candidates on one page of the bar: six words of up to four characters fit at elder sizes. */
const PAGE_SIZE = 6;

/** `layout` reads "pinyin" or "en"; absent (or bad, with a warning) follows the locale. */
const layoutConverter: ComplexAttributeConverter<KeyboardLayout | undefined> = {
  fromAttribute(value) {
    if (value === null) return undefined;
    if ((KEYBOARD_LAYOUTS as readonly string[]).includes(value)) return value as KeyboardLayout;
    warnBadValue(TAG, 'layout', value, undefined, `one of ${KEYBOARD_LAYOUTS.join(', ')}, or none to follow the locale`);
    return undefined;
  },
};

/** What the visitor has typed: held as personal data (a comment or a search in progress). */
interface Typed {
  value: string;
  composing: string;
}
const NOTHING_TYPED: Typed = { value: '', composing: '' };

/**
 * @summary An on-screen keyboard with pinyin input and a candidate bar, an English layout and digits; never opens the system keyboard.
 * @tagname ck-keyboard
 * @fires {CustomEvent<KeyboardDetail>} ck-keyboard-input - The visitor changed the committed text.
 * @fires {CustomEvent<KeyboardDetail>} ck-keyboard-enter - The visitor tapped Enter (with no pinyin composing).
 * @csspart keyboard - The whole keyboard.
 * @csspart text - The read-only text line: the value, the pinyin being composed and the caret.
 * @csspart composing - The pinyin letters being composed.
 * @csspart candidates - The candidate bar (pinyin layout only).
 * @csspart candidate - One candidate word.
 * @csspart keys - The rows of keys.
 * @csspart key - One key.
 * @csspart enter - The Enter key.
 * @cssproperty --ck-touch-target - Keys are 1.15 times this high; the keyboard is 17 times this wide at most.
 * @cssproperty --ck-color-accent - Key text and borders, the composing pinyin.
 * @cssproperty --ck-font-size-title - Size of the text line and of the candidate words.
 */
export class CkKeyboard extends KioskElement {
  static override styles = [KioskElement.styles, iconStyles, controlStyles, keyboardStyles];

  /** What each property accepts; a bad value warns once and gives the default. @internal */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    maxlength: { attribute: 'maxlength', check: (v) => v === undefined || numberIn({ min: 1, integer: true })(v), fallback: undefined, why: 'a whole number of at least 1' },
    enterLabel: { attribute: 'enter-label', check: isString, fallback: '', why: 'text' },
    placeholder: { attribute: 'placeholder', check: isString, fallback: '', why: 'text' },
  };

  /** The text and the composition live here only: wiped on idle, page hide and when the keyboard leaves the page. */
  #typed = new PersonalDataController<Typed>(this, { empty: NOTHING_TYPED, onWipe: () => this.#reset() });
  #layout = new OutsideValue<KeyboardLayout | undefined>(this, undefined);

  /** Letters, or digits and symbols. */
  @state() private accessor layer: KeyboardLayer = 'letters';
  /** The next letter is a capital (English). */
  @state() private accessor shift = false;
  /** Page of the candidate bar. */
  @state() private accessor page = 0;
  /** Which key takes Tab focus. */
  @state() private accessor activeKey: KeyPlace = { row: 0, column: 0 };
  /** Set by the first pinyin letter: only then is the dictionary downloaded. */
  @state() private accessor wantsDictionary = false;

  #dictionary = new Task(this, {
    task: ([wanted]): Promise<PinyinDictionary | undefined> => (wanted ? loadPinyinDictionary() : Promise.resolve(undefined)),
    args: () => [this.wantsDictionary] as const,
  });

  /** The candidates of the composition, kept until it changes. */
  #candidates: { letters: string; dictionary: PinyinDictionary | undefined; list: Candidate[] } = { letters: '', dictionary: undefined, list: [] };

  /**
   * `pinyin` or `en`. Absent, it follows the element's locale (zh-CN → pinyin).
   * The visitor switches with the layout key; reading the property gives the layout shown.
   */
  @property({ converter: layoutConverter })
  set layout(value: KeyboardLayout | undefined) {
    this.#layout.outside = (KEYBOARD_LAYOUTS as readonly unknown[]).includes(value) ? value : this.#badLayout(value);
  }

  get layout(): KeyboardLayout {
    return this.#layout.current ?? (this.locale === 'zh-CN' ? 'pinyin' : 'en');
  }

  /** The committed text. Setting it (from code) fires nothing and drops any pinyin being composed. */
  @property({ attribute: 'value' })
  set value(value: string) {
    const text = typeof value === 'string' ? value : this.#badValue(value);
    this.#typed.value = { value: this.maxlength ? [...text].slice(0, this.maxlength).join('') : text, composing: '' };
  }

  get value(): string {
    return this.#typed.value.value;
  }

  /** Most characters the value may hold (a Chinese character counts as one); further keys are ignored. */
  @property({ type: Number, converter: numberConverter(TAG, 'maxlength', undefined, { min: 1, integer: true }) })
  accessor maxlength: number | undefined = undefined;

  /** Label of the Enter key ("Search", "Send"); defaults to "OK". */
  @property({ attribute: 'enter-label' }) accessor enterLabel = '';

  /** Shown in the text line while it is empty; also its accessible name. */
  @property() accessor placeholder = '';

  constructor() {
    super();
    this.addEventListener('keydown', this.#onKeydown);
  }

  /** Empties the text and any composition. Fires nothing. */
  clear(): void {
    this.#typed.value = NOTHING_TYPED;
    this.page = 0;
  }

  /** Settles when the pinyin dictionary is loaded (or at once when it is not wanted yet). @internal */
  get dictionaryComplete(): Promise<unknown> {
    return this.#dictionary.taskComplete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    enforceRules(this, changed, CkKeyboard.rules);
    if (changed.has('maxlength') && this.maxlength && length(this.value) > this.maxlength) {
      this.#typed.value = { ...this.#typed.value, value: [...this.value].slice(0, this.maxlength).join('') };
    }
  }

  override render() {
    const { value, composing } = this.#typed.value;
    const empty = !value && !composing;
    const name = this.placeholder || msg('Typed text');
    const keyRows = rows(this.layout, this.layer);
    // The keys are one Tab stop (roving tabindex); arrow keys move among them.
    const focusable = clampPlace(keyRows.map((row) => row.length), this.activeKey);
    return html`<div part="keyboard" class="keyboard" role="group" aria-label=${msg('On-screen keyboard')}>
      <div part="text" class="text" role="textbox" aria-readonly="true" aria-label=${name} tabindex="0" aria-live="polite">
        <span class="value">${value}</span>${composing ? html`<span part="composing" class="composing">${composing}</span>` : nothing}<span
          class="caret"
          aria-hidden="true"
        ></span
        >${empty && this.placeholder ? html`<span class="placeholder" aria-hidden="true">${this.placeholder}</span>` : nothing}
      </div>
      ${this.layout === 'pinyin' ? this.#candidateBar() : nothing}
      <div part="keys" class="keys">
        ${keyRows.map((row, r) => html`<div class="row">${row.map((key, c) => this.#key(key, { row: r, column: c }, focusable))}</div>`)}
      </div>
    </div>`;
  }

  #candidateBar() {
    const { composing } = this.#typed.value;
    let content: unknown = nothing;
    if (composing) {
      const status = this.#dictionary.status;
      if (status === TaskStatus.ERROR) {
        content = html`<p class="note" role="status">${msg('The Chinese dictionary could not be loaded. Tap a letter to try again.')}</p>`;
      } else if (status !== TaskStatus.COMPLETE || !this.#dictionary.value) {
        content = html`<p class="note" role="status">${msg('Loading Chinese words…')}</p>`;
      } else {
        content = this.#candidateButtons();
      }
    }
    return html`<div part="candidates" class="candidates" role="group" aria-label=${msg('Chinese candidates')}>${content}</div>`;
  }

  #candidateButtons() {
    const list = this.#currentCandidates();
    if (list.length === 0) return html`<p class="note" role="status">${msg('No Chinese words for these letters')}</p>`;
    const shown = candidatePage(list, this.page, PAGE_SIZE);
    return html`<button
        type="button"
        class="control page"
        aria-label=${msg('Previous candidates')}
        aria-disabled=${shown.hasPrevious ? 'false' : 'true'}
        @click=${() => shown.hasPrevious && this.#turn(shown.page - 1)}
      >
        ‹
      </button>
      <div class="words">
        ${shown.items.map(
          (candidate) =>
            html`<button type="button" part="candidate" class="control candidate" lang="zh-CN" @click=${() => this.#commit(candidate)}>
              ${candidate.text}
            </button>`,
        )}
      </div>
      <button
        type="button"
        class="control page"
        aria-label=${msg('More candidates')}
        aria-disabled=${shown.hasNext ? 'false' : 'true'}
        @click=${() => shown.hasNext && this.#turn(shown.page + 1)}
      >
        ›
      </button>`;
  }

  #key(key: KeyboardKey, place: KeyPlace, focusable: KeyPlace) {
    const layout = this.layout;
    let content: unknown;
    let pressed: 'true' | 'false' | undefined;
    switch (key.kind) {
      case 'char':
        content = layout === 'en' && this.shift ? key.char.toUpperCase() : key.char;
        break;
      case 'backspace':
        content = html`${icon('backspace')}<span class="visually-hidden">${msg('Delete')}</span>`;
        break;
      case 'space':
        content = msg('Space');
        break;
      case 'enter':
        content = this.enterLabel || msg('OK');
        break;
      case 'shift':
        content = html`<span class="glyph" aria-hidden="true">⇧</span><span class="visually-hidden">${msg('Capital letter')}</span>`;
        pressed = this.shift ? 'true' : 'false';
        break;
      case 'layer':
        content = this.layer === 'letters' ? '123' : layout === 'pinyin' ? msg('Pinyin') : 'ABC';
        break;
      case 'layout':
        // Named after the layout it switches to, in that layout's own language.
        content = layout === 'pinyin' ? html`<span lang="en">English</span>` : html`<span lang="zh-CN">中文</span>`;
        break;
    }
    return html`<button
      type="button"
      part="key${key.kind === 'enter' ? ' enter' : ''}"
      class="control key ${key.kind}${key.kind === 'enter' ? ' primary' : ''}"
      aria-pressed=${ifDefined(pressed)}
      tabindex=${place.row === focusable.row && place.column === focusable.column ? 0 : -1}
      @click=${() => {
        this.activeKey = place;
        this.#press(key);
      }}
      @keydown=${(event: KeyboardEvent) => this.#moveAmongKeys(event, place)}
    >
      ${content}
    </button>`;
  }

  #moveAmongKeys(event: KeyboardEvent, at: KeyPlace): void {
    const lengths = rows(this.layout, this.layer).map((row) => row.length);
    const target = moveFocus(lengths, at, event.key);
    if (!target) return;
    event.preventDefault();
    this.activeKey = target;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelectorAll<HTMLElement>('.row')[target.row]?.querySelectorAll('button')[target.column]?.focus();
    });
  }

  #currentCandidates(): Candidate[] {
    const letters = this.#typed.value.composing;
    const dictionary = this.#dictionary.value;
    const cached = this.#candidates;
    if (cached.letters !== letters || cached.dictionary !== dictionary) {
      this.#candidates = { letters, dictionary, list: letters && dictionary ? lookup(letters, dictionary) : [] };
    }
    return this.#candidates.list;
  }

  get #state(): KeyboardState {
    return { ...initialState(this.layout), ...this.#typed.value, layer: this.layer, shift: this.shift, page: this.page };
  }

  #apply(next: KeyboardState, input: boolean): void {
    this.#typed.value = { value: next.value, composing: next.composing };
    if (next.layout !== this.layout) this.#layout.current = next.layout;
    this.layer = next.layer;
    this.shift = next.shift;
    this.page = next.page;
    if (next.composing && next.layout === 'pinyin') {
      // The first pinyin letter asks for the dictionary; a failed load is retried by the next one.
      if (!this.wantsDictionary) this.wantsDictionary = true;
      else if (this.#dictionary.status === TaskStatus.ERROR) void this.#dictionary.run();
    }
    if (input) fire(this, KEYBOARD_INPUT_EVENT, { value: next.value });
  }

  #press(key: KeyboardKey): void {
    const { state: next, input, enter } = press(this.#state, key, { maxlength: this.maxlength ?? Infinity, candidates: this.#currentCandidates() });
    this.#apply(next, input);
    if (enter) fire(this, KEYBOARD_ENTER_EVENT, { value: next.value });
  }

  #commit(candidate: Candidate): void {
    const { state: next, input } = commitCandidate(this.#state, candidate, this.maxlength ?? Infinity);
    this.#apply(next, input);
  }

  #turn(page: number): void {
    this.page = turnPage(this.#state, page - this.page).page;
  }

  #reset(): void {
    this.#layout.reset();
    this.activeKey = { row: 0, column: 0 };
    this.layer = 'letters';
    this.shift = false;
    this.page = 0;
  }

  #badLayout(value: unknown): undefined {
    if (value !== undefined && value !== null) {
      warnBadValue(TAG, 'layout', value, undefined, `one of ${KEYBOARD_LAYOUTS.join(', ')}, or none to follow the locale`);
    }
    return undefined;
  }

  #badValue(value: unknown): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'number') return String(value);
    warnBadValue(TAG, 'value', value, '', 'text');
    return '';
  }

  /** A physical keyboard (a maintenance keyboard, a USB scanner) types as the keys do. */
  #onKeydown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const onButton = event.composedPath()[0] instanceof HTMLButtonElement;
    let key: KeyboardKey | undefined;
    if (event.key === 'Backspace') key = { kind: 'backspace' };
    // On a key button, Enter and Space press that button.
    else if (event.key === 'Enter' && !onButton) key = { kind: 'enter' };
    else if (event.key === ' ' && !onButton) key = { kind: 'space' };
    else if (event.key.length === 1 && event.key !== ' ') key = { kind: 'char', char: event.key };
    if (!key) return;
    event.preventDefault();
    this.#press(key);
  };
}

declare global {
  interface HTMLElementEventMap {
    [KEYBOARD_INPUT_EVENT]: CustomEvent<KeyboardDetail>;
    [KEYBOARD_ENTER_EVENT]: CustomEvent<KeyboardDetail>;
  }
}
