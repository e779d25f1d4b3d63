import { booleanConverter, enforceRules, IdleResetController, isBoolean, isString, KioskElement, type PropertyRule } from '@civic-kiosk/core';
import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { dialogStyles } from './dialog.styles.js';
import { fire } from './events.js';
import { icon } from './icons.js';
import { controlStyles, iconStyles } from './shared.styles.js';
import './translations.js';

/** Fired on the dialog when it has closed. */
export const DIALOG_CLOSE_EVENT = 'ck-dialog-close';
/**
 * How the visitor closed the dialog: its close button, Escape, or by walking
 * away (the kiosk idle timeout). Closing from code (`open = false`, `close()`) fires nothing.
 */
export type DialogCloseReason = 'button' | 'escape' | 'idle';
export interface DialogCloseDetail {
  reason: DialogCloseReason;
}

/** The element that really has focus, looking through open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * @summary A modal dialog (native `<dialog>`): focus stays inside, it closes on Escape, its close button and the kiosk idle timeout.
 * @tagname ck-dialog
 * @fires {CustomEvent<DialogCloseDetail>} ck-dialog-close - The visitor closed the dialog (not fired when code closes it).
 * @slot - The dialog's content.
 * @slot footer - Actions, e.g. `ck-button`s, shown at the bottom right.
 * @csspart dialog - The native dialog.
 * @csspart header - The row with the heading and the close button.
 * @csspart heading - The heading.
 * @csspart close-button - The close button.
 * @csspart body - The scrolling content area.
 * @csspart footer - The actions area.
 * @cssproperty --ck-color-bg - Dialog background.
 * @cssproperty --ck-color-border - Dialog border.
 * @cssproperty --ck-touch-target - Minimum size of the close button.
 */
export class KioskDialog extends KioskElement {
  static override styles = [KioskElement.styles, iconStyles, controlStyles, dialogStyles];

  /** What each property accepts; a bad value warns once and gives the default. @internal */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    open: { attribute: 'open', check: isBoolean, fallback: false, why: 'true or false' },
    heading: { attribute: 'heading', check: isString, fallback: '', why: 'text' },
    closeOnIdle: { attribute: 'close-on-idle', check: isBoolean, fallback: true, why: 'true or false' },
  };

  /** Whether the dialog is showing. Setting it opens it as a modal; clearing it closes it (no event). */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  /** The dialog's title, also its accessible name. */
  @property() accessor heading = '';

  /**
   * Close when the kiosk goes idle (`ck-idle` on window), so a walked-away
   * visitor's dialog is not left for the next one. `close-on-idle="false"` keeps it.
   */
  @property({ type: Boolean, attribute: 'close-on-idle', converter: booleanConverter(true) })
  accessor closeOnIdle = true;

  @query('dialog') private accessor dialog!: HTMLDialogElement;

  /** An empty footer would leave a band of padding under the content. */
  @state() private accessor hasFooter = false;

  /** Set when the visitor closed it: the reason `ck-dialog-close` reports. */
  #reason: DialogCloseReason | undefined;
  #returnFocus: HTMLElement | null = null;

  constructor() {
    super();
    new IdleResetController(this, () => {
      if (this.closeOnIdle) this.#closeBy('idle');
    });
  }

  /** Opens the dialog as a modal. */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog. Code closing it fires no event. */
  close(): void {
    this.open = false;
  }

  /** The visitor closed it: close, and say how once closed. */
  #closeBy(reason: DialogCloseReason): void {
    if (!this.open) return;
    this.#reason = reason;
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    enforceRules(this, changed, KioskDialog.rules);
  }

  override render() {
    const closeLabel = msg('Close');
    return html`<dialog
      part="dialog"
      aria-labelledby=${this.heading ? 'heading' : nothing}
      aria-label=${this.heading ? nothing : msg('Dialog')}
      @cancel=${this.#onCancel}
      @close=${this.#onNativeClose}
    >
      <div part="header" class="header">
        ${this.heading ? html`<h2 id="heading" part="heading">${this.heading}</h2>` : nothing}
        <button part="close-button" class="control close" type="button" @click=${() => this.#closeBy('button')}>
          ${icon('close')}<span>${closeLabel}</span>
        </button>
      </div>
      <div part="body" class="body"><slot></slot></div>
      <footer part="footer" ?hidden=${!this.hasFooter}>
        <slot name="footer" @slotchange=${this.#onFooterChange}></slot>
      </footer>
    </dialog>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('open')) return;
    if (this.open) this.#showModal();
    else if (changed.get('open')) this.#finishClose();
  }

  #showModal(): void {
    if (this.dialog.open) return;
    this.#returnFocus = deepActiveElement();
    this.dialog.showModal();
  }

  #finishClose(): void {
    const reason = this.#reason;
    this.#reason = undefined;
    if (this.dialog.open) this.dialog.close();
    // The native dialog would restore focus too, but not reliably across shadow roots.
    const target = this.#returnFocus;
    this.#returnFocus = null;
    if (target?.isConnected) target.focus();
    if (reason) fire(this, DIALOG_CLOSE_EVENT, { reason });
  }

  #onCancel = (event: Event) => {
    // Escape: close through the property so the event carries the reason.
    event.preventDefault();
    this.#closeBy('escape');
  };

  #onNativeClose = () => {
    // The browser may close a modal without a cancelable `cancel` (e.g. a
    // second Escape); keep `open` in step. Our own closes have cleared it already.
    if (this.open) this.#closeBy('escape');
  };

  #onFooterChange = (event: Event) => {
    this.hasFooter = (event.target as HTMLSlotElement).assignedNodes().length > 0;
  };
}

declare global {
  interface HTMLElementEventMap {
    [DIALOG_CLOSE_EVENT]: CustomEvent<DialogCloseDetail>;
  }
}
