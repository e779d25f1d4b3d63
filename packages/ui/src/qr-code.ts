import { KioskElement } from '@civic-kiosk/core';
import { msg } from '@lit/localize';
import { html, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { icon } from './icons.js';
import { qrCodeStyles } from './qr-code.styles.js';
import { ERROR_CORRECTION_LEVELS, fitsInQrCode, QUIET_ZONE, qrPath, type ErrorCorrectionLevel, type ModuleMatrix } from './qr-matrix.js';
import { iconStyles } from './shared.styles.js';
import './translations.js';

type Encode = (text: string, level: ErrorCorrectionLevel) => ModuleMatrix;
type QrStatus = 'loading' | 'ready' | 'empty' | 'too-long' | 'failed';

const DEFAULT_SIZE = 240;
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

  /** The text or URL to encode. */
  @property() accessor value = '';

  /** Accessible name of the code, e.g. "Route to Dongqiao Park station". */
  @property() accessor label = '';

  /** Width and height in CSS pixels. */
  @property({ type: Number }) accessor size = DEFAULT_SIZE;

  /** Error correction: L (7%), M (15%), Q (25%) or H (30%) of the code may be damaged and still scan. */
  @property({ attribute: 'error-correction' }) accessor errorCorrection: ErrorCorrectionLevel = 'M';

  @state() private accessor status: QrStatus = 'empty';
  @state() private accessor code: { side: number; path: string } | undefined;

  /** Guards against an older, slower encoding overwriting a newer one. */
  #ticket = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('value') || changed.has('errorCorrection')) this.#encode();
  }

  get #side(): number {
    return Number.isFinite(this.size) && this.size > 0 ? this.size : DEFAULT_SIZE;
  }

  override render() {
    return html`<div class="wrap">${this.#body(this.#side)}<slot></slot></div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Sized through CSSOM: a style attribute (as styleMap writes on first
    // render) is blocked by a strict style-src CSP.
    const placeholder = this.renderRoot.querySelector<HTMLElement>('.placeholder');
    placeholder?.style.setProperty('width', `${this.#side}px`);
    placeholder?.style.setProperty('height', `${this.#side}px`);
  }

  #body(side: number) {
    switch (this.status) {
      case 'ready':
        return html`<svg
          part="code"
          class="code"
          role="img"
          aria-label=${this.label || msg('QR code')}
          width=${side}
          height=${side}
          viewBox="0 0 ${this.code!.side} ${this.code!.side}"
          shape-rendering="crispEdges"
        >${svg`<path d=${this.code!.path}></path>`}</svg>`;
      case 'loading':
        return html`<div part="placeholder" class="placeholder" role="status">${msg('Making the QR code…')}</div>`;
      default:
        return html`<p part="message" class="message" role="status">${icon('error')}<span>${this.#message()}</span></p>`;
    }
  }

  #message(): string {
    if (this.status === 'empty') return msg('There is nothing to show as a QR code.');
    if (this.status === 'too-long') return msg('This link is too long for a QR code.');
    return msg('The QR code could not be made. Please try again.');
  }

  #encode(): void {
    const ticket = ++this.#ticket;
    const value = this.value ?? '';
    const level = ERROR_CORRECTION_LEVELS.includes(this.errorCorrection) ? this.errorCorrection : 'M';
    this.code = undefined;
    if (!value) this.status = 'empty';
    else if (!fitsInQrCode(value, level)) this.status = 'too-long';
    else {
      this.status = 'loading';
      void this.#draw(value, level, ticket);
    }
  }

  async #draw(value: string, level: ErrorCorrectionLevel, ticket: number): Promise<void> {
    try {
      const modules = (await loadEncoder())(value, level);
      if (ticket !== this.#ticket) return;
      this.code = { side: modules.size + 2 * QUIET_ZONE, path: qrPath(modules) };
      this.status = 'ready';
    } catch {
      if (ticket === this.#ticket) this.status = 'failed';
    }
  }
}
