import {
  enforceRules,
  isBoolean,
  isString,
  KioskElement,
  numberConverter,
  numberIn,
  PersonalDataController,
  type PropertyRule,
} from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fire } from './events.js';
import { icon } from './icons.js';
import { acceptsX, pressKey, sanitize, type KeypadRules } from './keypad-input.js';
import { keypadStyles } from './keypad.styles.js';
import { controlStyles, iconStyles } from './shared.styles.js';
import './translations.js';

/** Fired on every change a key press makes. */
export const KEYPAD_INPUT_EVENT = 'ck-keypad-input';
/** Fired when the visitor confirms a value of at least `minlength` characters. */
export const KEYPAD_SUBMIT_EVENT = 'ck-keypad-submit';
/** How many characters are entered. The value itself (a PIN, an ID number) is never in an event: read `keypad.value`. */
export interface KeypadDetail {
  length: number;
}

/** The 3 x 4 grid, row by row; arrow keys move through it. */
const GRID = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Clear', '0', 'Backspace'] as const;
const COLUMNS = 3;
const DEFAULT_MAXLENGTH = 32;
const LONGEST = 64;
const TAG = 'ck-keypad';

/**
 * @summary A numeric keypad for ID numbers and PINs, with no system keyboard; masks PINs and wipes itself when the visitor leaves.
 * @tagname ck-keypad
 * @fires {CustomEvent<KeypadDetail>} ck-keypad-input - A key the visitor pressed changed the value (read `value` for the digits).
 * @fires {CustomEvent<KeypadDetail>} ck-keypad-submit - OK (or Enter on the display) with at least `minlength` characters.
 * @csspart keypad - The whole keypad.
 * @csspart label - The visible label.
 * @csspart display - What has been entered (dots when masked); focus it to type on a physical keypad.
 * @csspart hint - How many digits are needed.
 * @csspart keys - The 3 x 4 grid of keys.
 * @csspart submit - The OK button.
 * @cssproperty --ck-touch-target - Keys are 1.25 times this high.
 * @cssproperty --ck-color-accent - Key text and borders, OK background.
 */
export class KioskKeypad extends KioskElement {
  static override styles = [KioskElement.styles, iconStyles, controlStyles, keypadStyles];

  /** What each property accepts; a bad value warns once and gives the default. @internal */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    value: { attribute: 'value', check: (v) => typeof v === 'string' || typeof v === 'number', fallback: '', secret: true },
    masked: { attribute: 'masked', check: isBoolean, fallback: false, why: 'true or false' },
    maxlength: { attribute: 'maxlength', check: numberIn({ min: 1, max: LONGEST, integer: true }), fallback: DEFAULT_MAXLENGTH, why: `a whole number from 1 to ${LONGEST}` },
    minlength: { attribute: 'minlength', check: numberIn({ min: 0, max: LONGEST, integer: true }), fallback: 1, why: `a whole number from 0 to ${LONGEST}` },
    allowX: { attribute: 'allow-x', check: isBoolean, fallback: false, why: 'true or false' },
    label: { attribute: 'label', check: isString, fallback: '', why: 'text' },
  };

  /** The digits live here only: wiped on idle, page hide and when the keypad leaves the page. */
  #entered = new PersonalDataController<string>(this, { empty: '' });

  /**
   * What has been entered. A property only, never an attribute, so personal
   * data stays out of the DOM. Values set by code keep only what typing could produce.
   */
  @property({ attribute: false })
  set value(value: string) {
    this.#entered.value = value;
  }

  get value(): string {
    return this.#entered.value;
  }

  /** PIN mode: shows ● per digit, and screen readers hear only how many digits there are. */
  @property({ type: Boolean, reflect: true }) accessor masked = false;

  /** Most characters accepted; further presses are ignored. */
  @property({ type: Number, converter: numberConverter(TAG, 'maxlength', DEFAULT_MAXLENGTH, { min: 1, max: LONGEST, integer: true }) })
  accessor maxlength = DEFAULT_MAXLENGTH;

  /** Fewest characters for OK to be enabled. */
  @property({ type: Number, converter: numberConverter(TAG, 'minlength', 1, { min: 0, max: LONGEST, integer: true }) }) accessor minlength = 1;

  /** Adds an X key, accepted only as the final character at `maxlength` (Chinese resident ID check character). */
  @property({ type: Boolean, attribute: 'allow-x' }) accessor allowX = false;

  /** Visible label and accessible name. Defaults to "Enter your PIN" or "Enter the number". */
  @property() accessor label = '';

  /** Which grid key takes Tab focus (roving tabindex). */
  @state() private accessor activeKey = 0;

  constructor() {
    super();
    this.addEventListener('keydown', this.#onKeydown);
  }

  /** Empties the value without firing `ck-keypad-input`. */
  clear(): void {
    this.#entered.wipe('api');
  }

  get #rules(): KeypadRules {
    return { maxlength: this.maxlength, allowX: this.allowX };
  }

  get #complete(): boolean {
    return this.value.length > 0 && this.value.length >= this.minlength;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    enforceRules(this, changed, KioskKeypad.rules);
    if (changed.has('value') || changed.has('maxlength') || changed.has('allowX')) {
      this.value = sanitize(this.value, this.#rules);
    }
  }

  override render() {
    const label = this.label || (this.masked ? msg('Enter your PIN') : msg('Enter the number'));
    const hint = this.#hint();
    return html`<div part="keypad" class="keypad" role="group" aria-labelledby="label">
      <div id="label" part="label" class="label">${label}</div>
      <div
        part="display"
        class="display"
        role="textbox"
        tabindex="0"
        aria-labelledby="label"
        aria-describedby=${hint ? 'hint' : nothing}
        aria-live="polite"
      >
        ${this.masked ? this.#maskedValue() : this.value}
      </div>
      ${hint ? html`<p id="hint" part="hint" class="hint">${hint}</p>` : nothing}
      <div part="keys" class="keys">${GRID.map((key, index) => this.#gridKey(key, index))}</div>
      <div class="actions">
        ${this.allowX
          ? html`<button
              type="button"
              class="control x"
              aria-disabled=${acceptsX(this.value, this.#rules) ? 'false' : 'true'}
              @click=${() => this.#press('X')}
            >
              X
            </button>`
          : nothing}
        <button
          part="submit"
          type="button"
          class="control primary submit"
          aria-disabled=${this.#complete ? 'false' : 'true'}
          @click=${this.#submit}
        >
          ${icon('check')}<span>${msg('OK')}</span>
        </button>
      </div>
    </div>`;
  }

  #maskedValue() {
    const count = this.value.length;
    const spoken = count === 0 ? msg('No digits entered') : msg(str`${count} digits entered`);
    return html`<span aria-hidden="true">${'●'.repeat(count)}</span><span class="visually-hidden">${spoken}</span>`;
  }

  #hint(): string {
    const min = this.minlength;
    if (min <= 1) return '';
    return min === this.#rules.maxlength ? msg(str`${min} digits`) : msg(str`At least ${min} digits`);
  }

  #gridKey(key: (typeof GRID)[number], index: number) {
    const content =
      key === 'Clear'
        ? html`<span>${msg('Clear')}</span>`
        : key === 'Backspace'
          ? html`${icon('backspace')}<span>${msg('Delete')}</span>`
          : key;
    return html`<button
      type="button"
      class="control ${key.length === 1 ? 'digit' : 'edit'}"
      tabindex=${index === this.activeKey ? 0 : -1}
      @click=${() => {
        this.activeKey = index;
        this.#press(key);
      }}
      @keydown=${(event: KeyboardEvent) => this.#moveInGrid(event, index)}
    >
      ${content}
    </button>`;
  }

  #press(key: string): void {
    const next = pressKey(this.value, key, this.#rules);
    if (next === undefined) return;
    this.value = next;
    this.#emit(KEYPAD_INPUT_EVENT);
  }

  #submit = () => {
    if (this.#complete) this.#emit(KEYPAD_SUBMIT_EVENT);
  };

  #emit(type: typeof KEYPAD_INPUT_EVENT | typeof KEYPAD_SUBMIT_EVENT): void {
    fire(this, type, { length: this.value.length });
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case 'Enter':
        // On a key button Enter presses that key, as Space does.
        if (event.composedPath()[0] instanceof HTMLButtonElement) return;
        this.#submit();
        break;
      case 'Escape':
        // Nothing to clear: let Escape reach an enclosing dialog.
        if (!this.value) return;
        this.#press('Clear');
        break;
      case 'Backspace':
      case 'Delete':
        this.#press('Backspace');
        break;
      default:
        if (!/^[0-9xX]$/.test(event.key)) return;
        this.#press(event.key);
    }
    event.preventDefault();
  };

  #moveInGrid(event: KeyboardEvent, index: number): void {
    const moves: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowRight: index + 1,
      ArrowUp: index - COLUMNS,
      ArrowDown: index + COLUMNS,
      Home: 0,
      End: GRID.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.activeKey = Math.min(GRID.length - 1, Math.max(0, target));
    void this.updateComplete.then(() => {
      this.renderRoot.querySelectorAll<HTMLButtonElement>('.keys button')[this.activeKey]?.focus();
    });
  }
}

declare global {
  interface HTMLElementEventMap {
    [KEYPAD_INPUT_EVENT]: CustomEvent<KeypadDetail>;
    [KEYPAD_SUBMIT_EVENT]: CustomEvent<KeypadDetail>;
  }
}
