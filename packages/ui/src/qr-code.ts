import { enforceRules, enumConverter, isString, KioskElement, numberConverter, numberIn, oneOf, type PropertyRule } from '@civic-kiosk/core';
import { Task, TaskStatus } from '@lit/task';
import { msg } from '@lit/localize';
import { html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { icon } from './icons.js';
import { qrCodeStyles } from './qr-code.styles.js';
import { ERROR_CORRECTION_LEVELS, fitsInQrCode, QUIET_ZONE, qrPath, type ErrorCorrectionLevel, type ModuleMatrix } from './qr-matrix.js';
import { iconStyles } from './shared.styles.js';
import './translations.js';

type Encode = (text: string, level: ErrorCorrectionLevel) => ModuleMatrix;
interface QrCode {
  side: number;
  path: string;
}

const DEFAULT_SIZE = 240;
const TAG = 'ck-qr-code';
let encoder: Promise<Encode> | undefined;

/** Loads the encoder on first use, so `qrcode` stays out of the initial bundle. */
function loadEncoder(): Promise<Encode> {
  encoder ??= import('qrcode').then(
    (module) => {
      // CommonJS through a bundler: the functions may sit on `default`.
      const api = typeof module.create === 'function' ? module : module.default;
      return (text, errorCorrectionLevel) => api.create(text, { errorCorrectionLevel }).modules;
    },
    (error: unknown) => {
      encoder = undefined;
      throw error;
    },
  );
  return encoder;
}

/**
 * @summary A QR code that hands a link (e.g. a walking route) to the visitor's phone; black on white in every theme.
 * @tagname ck-qr-code
 * @slot - An optional caption under the code, e.g. "Scan with your phone".
 * @csspart code - The `<svg>` of the code.
 * @csspart placeholder - Shown while the encoder loads.
 * @csspart message - Shown instead of a code when the value is empty or too long.
 * @cssproperty --ck-color-surface - Background of the placeholder and the message.
 */
export class KioskQrCode extends KioskElement {
  static override styles = [KioskElement.styles, iconStyles, qrCodeStyles];

  /** What each property accepts; a bad value warns once and gives the default. @internal */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    value: { attribute: 'value', check: isString, fallback: '', why: 'text' },
    label: { attribute: 'label', check: isString, fallback: '', why: 'text' },
    size: { attribute: 'size', check: numberIn({ min: 1, max: 4096 }), fallback: DEFAULT_SIZE, why: 'a number of pixels from 1 to 4096' },
    errorCorrection: { attribute: 'error-correction', check: oneOf(ERROR_CORRECTION_LEVELS), fallback: 'M', why: 'L, M, Q or H' },
  };

  /** The text or URL to encode. */
  @property() accessor value = '';

  /** Accessible name of the code, e.g. "Route to Dongqiao Park station". */
  @property() accessor label = '';

  /** Width and height in CSS pixels. */
  @property({ type: Number, converter: numberConverter(TAG, 'size', DEFAULT_SIZE, { min: 1, max: 4096 }) }) accessor size = DEFAULT_SIZE;

  /** Error correction: L (7%), M (15%), Q (25%) or H (30%) of the code may be damaged and still scan. */
  @property({ attribute: 'error-correction', converter: enumConverter(TAG, 'error-correction', ERROR_CORRECTION_LEVELS, 'M') })
  accessor errorCorrection: ErrorCorrectionLevel = 'M';

  /**
   * Encodes the value (loading the encoder on first use). A Task keeps only
   * the newest value's result: a slower, older encoding never overwrites it.
   */
  #encoding = new Task(this, {
    task: async ([value, level]): Promise<QrCode | undefined> => {
      if (!value || !fitsInQrCode(value, level)) return undefined;
      const modules = (await loadEncoder())(value, level);
      return { side: modules.size + 2 * QUIET_ZONE, path: qrPath(modules) };
    },
    args: () => [this.value, this.errorCorrection] as const,
  });

  /** Resolves when the code (or the message instead of it) is shown. */
  get codeComplete(): Promise<unknown> {
    return this.#encoding.taskComplete.then(
      () => this.updateComplete,
      () => this.updateComplete,
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    enforceRules(this, changed, KioskQrCode.rules);
  }

  override render() {
    return html`<div class="wrap">${this.#body(this.size)}<slot></slot></div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Sized through CSSOM: a style attribute (as styleMap writes on first
    // render) is blocked by a strict style-src CSP.
    const placeholder = this.renderRoot.querySelector<HTMLElement>('.placeholder');
    placeholder?.style.setProperty('width', `${this.size}px`);
    placeholder?.style.setProperty('height', `${this.size}px`);
  }

  #body(side: number) {
    if (!this.value) return this.#message(msg('There is nothing to show as a QR code.'));
    if (!fitsInQrCode(this.value, this.errorCorrection)) return this.#message(msg('This link is too long for a QR code.'));
    const code = this.#encoding.status === TaskStatus.COMPLETE ? this.#encoding.value : undefined;
    if (code) {
      return html`<svg
        part="code"
        class="code"
        role="img"
        aria-label=${this.label || msg('QR code')}
        width=${side}
        height=${side}
        viewBox="0 0 ${code.side} ${code.side}"
        shape-rendering="crispEdges"
      >${svg`<path d=${code.path}></path>`}</svg>`;
    }
    if (this.#encoding.status === TaskStatus.ERROR) return this.#message(msg('The QR code could not be made. Please try again.'));
    return html`<div part="placeholder" class="placeholder" role="status">${msg('Making the QR code…')}</div>`;
  }

  #message(text: string) {
    return html`<p part="message" class="message" role="status">${icon('error')}<span>${text}</span></p>`;
  }
}
