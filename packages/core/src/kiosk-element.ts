import { updateWhenLocaleChanges } from '@lit/localize';
import { css, LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { getLocale } from './localization.js';
import { hostThemeStyles, registerTokens } from './theme-styles.js';
import './translations.js';

/** Styles every civic-kiosk element shares: tokens, type, focus, motion. */
export const kioskStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--ck-font-family);
    font-size: var(--ck-font-size-body);
    line-height: var(--ck-line-height);
    color: var(--ck-color-text);
    -webkit-tap-highlight-color: transparent;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--ck-focus-width) solid var(--ck-color-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;

/**
 * Base class of every civic-kiosk element. It re-renders when the locale
 * changes, keeps its `lang` attribute on the active locale (so screen
 * readers and speech pick the right language), and takes its look from the
 * design tokens, which inherit from the page or from a `theme` on the host.
 *
 * @cssproperty --ck-font-family - Typeface.
 * @cssproperty --ck-font-size-body - Body text size.
 * @cssproperty --ck-color-text - Text colour.
 * @cssproperty --ck-color-focus - Focus ring colour.
 */
export class KioskElement extends LitElement {
  static override styles: CSSResultGroup = [kioskStyles, hostThemeStyles];

  /**
   * Themes applied to this element and its contents, space separated:
   * `standard`, `high-contrast`, `elder`. Usually set once on an ancestor as
   * `data-ck-theme` instead.
   */
  @property({ reflect: true }) accessor theme: string | undefined;

  constructor() {
    super();
    registerTokens();
    updateWhenLocaleChanges(this);
  }

  /** The locale this element renders in (the page-wide one). */
  get locale(): string {
    return getLocale();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.getAttribute('lang') !== this.locale) this.setAttribute('lang', this.locale);
  }
}
