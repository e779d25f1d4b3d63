import { enforceRules, enumConverter, isBoolean, isString, KioskElement, oneOf, type PropertyRule } from '@civic-kiosk/core';
import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { fire } from './events.js';
import { icon, type IconName } from './icons.js';
import { controlStyles, iconStyles } from './shared.styles.js';
import { statusBannerStyles } from './status-banner.styles.js';
import './translations.js';

/** Fired when the visitor presses "Try again". */
export const RETRY_EVENT = 'ck-retry';
export const BANNER_STATES = ['loading', 'offline', 'error', 'info', 'success'] as const;
export type BannerState = (typeof BANNER_STATES)[number];

const ICONS: Record<Exclude<BannerState, 'loading'>, IconName> = {
  offline: 'offline',
  error: 'error',
  info: 'info',
  success: 'check',
};

/**
 * @summary Tells the visitor what is going on (loading, offline, error, information, success) with an icon and words, never colour alone.
 * @tagname ck-status-banner
 * @fires {CustomEvent<null>} ck-retry - The visitor pressed "Try again" (only with `retryable`).
 * @csspart banner - The whole banner.
 * @csspart icon - The state's icon, or the spinner while loading.
 * @csspart message - The text.
 * @csspart retry - The "Try again" button.
 * @cssproperty --ck-color-danger - Edge and icon colour of errors.
 * @cssproperty --ck-color-warning - Edge and icon colour when offline.
 * @cssproperty --ck-color-success - Edge and icon colour of success.
 * @cssproperty --ck-color-surface - Background.
 */
export class KioskStatusBanner extends KioskElement {
  static override styles = [KioskElement.styles, iconStyles, controlStyles, statusBannerStyles];

  /** What each property accepts; a bad value warns once and gives the default. @internal */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    state: { attribute: 'state', check: oneOf(BANNER_STATES), fallback: 'info', why: `one of ${BANNER_STATES.join(', ')}` },
    reason: { attribute: 'reason', check: isString, fallback: '', why: 'text' },
    retryable: { attribute: 'retryable', check: isBoolean, fallback: false, why: 'true or false' },
  };

  /** What is going on. Errors and offline are announced at once (`role="alert"`), the rest politely. */
  @property({ reflect: true, converter: enumConverter('ck-status-banner', 'state', BANNER_STATES, 'info') }) accessor state: BannerState = 'info';

  /** The exact reason to show, e.g. an `ApiError.reason`; a default text per state otherwise. */
  @property() accessor reason = '';

  /** Shows a "Try again" button that fires `ck-retry`. */
  @property({ type: Boolean, reflect: true }) accessor retryable = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    enforceRules(this, changed, KioskStatusBanner.rules);
  }

  override render() {
    const urgent = this.state === 'error' || this.state === 'offline';
    return html`<div part="banner" class="banner">
      <div class="status" role=${urgent ? 'alert' : 'status'}>
        ${this.state === 'loading'
          ? html`<span part="icon" class="spinner" aria-hidden="true"></span>`
          : html`<span part="icon">${icon(ICONS[this.state] ?? 'info')}</span>`}
        <p part="message" class="message">
          ${this.reason
            ? html`<span class="visually-hidden">${this.#stateName()}</span>${this.reason}`
            : this.#defaultText()}
        </p>
      </div>
      ${this.retryable
        ? html`<button part="retry" class="control" type="button" @click=${this.#retry}>${msg('Try again')}</button>`
        : nothing}
    </div>`;
  }

  /** Spoken before a given reason, as the icon is not; the default texts already say it. */
  #stateName(): string {
    switch (this.state) {
      case 'error':
        return msg('Error: ');
      case 'offline':
        return msg('Offline: ');
      case 'success':
        return msg('Done: ');
      default:
        return '';
    }
  }

  #defaultText(): string {
    switch (this.state) {
      case 'loading':
        return msg('Loading…');
      case 'offline':
        return msg('Offline — showing the last saved information.');
      case 'error':
        return msg('Something went wrong. Please try again.');
      case 'success':
        return msg('Done.');
      default:
        return msg('Information');
    }
  }

  #retry = () => {
    fire(this, RETRY_EVENT, null);
  };
}

declare global {
  interface HTMLElementEventMap {
    [RETRY_EVENT]: CustomEvent<null>;
  }
}
