import { updateWhenLocaleChanges } from '@lit/localize';
import { css, LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { enforceRules, type PropertyRule } from './converters.js';
import { THEMES } from './tokens.js';
import { ensureLocalization, inLocale, pageLocale, resolveLocale, type Locale } from './localization.js';
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

/** How any copy of core finds the locale of a civic-kiosk element above another one. */
const LOCALE_OF = Symbol.for('civic-kiosk.locale-of');
type LocaleCarrier = Element & { [LOCALE_OF]?: () => Locale };

/** The parent in the composed tree: through a shadow root to its host. */
function composedParent(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** A `theme` value: known theme names, space separated. */
const isThemeList = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.split(/\s+/).every((name) => !name || (THEMES as readonly string[]).includes(name)));

/**
 * Base class of every civic-kiosk element. It re-renders when the locale
 * changes, keeps its `lang` attribute on its locale (so screen readers and
 * speech pick the right language), and takes its look from the design
 * tokens, which inherit from the page or from a `theme` on the host.
 *
 * Which locale an element speaks (`locale`), first match wins:
 * 1. a `lang` the embedder put on the element itself;
 * 2. the nearest ancestor with a `lang` below `<html>` (through shadow roots;
 *    a civic-kiosk ancestor counts with its own locale), so a part of a page
 *    can be in another language (Web Awesome does the same);
 * 3. the page-wide locale: `setLocale()`; else `<html lang>`; else zh-CN.
 *
 * @cssproperty --ck-font-family - Typeface.
 * @cssproperty --ck-font-size-body - Body text size.
 * @cssproperty --ck-color-text - Text colour.
 * @cssproperty --ck-color-focus - Focus ring colour.
 */
export class KioskElement extends LitElement {
  static override styles: CSSResultGroup = [kioskStyles, hostThemeStyles];

  /** The rule of `theme`; subclasses add theirs with {@link enforceRules}. @internal */
  static readonly baseRules: Readonly<Record<string, PropertyRule>> = {
    theme: { attribute: 'theme', check: isThemeList, fallback: undefined, why: `theme names: ${THEMES.join(', ')}` },
  };

  /**
   * Themes applied to this element and its contents, space separated:
   * `standard`, `high-contrast`, `elder`. Usually set once on an ancestor as
   * `data-ck-theme` instead.
   */
  @property({ reflect: true }) accessor theme: string | undefined;

  /** The `lang` this element wrote on itself, told apart from one an embedder set. */
  #writtenLang: string | null = null;

  constructor() {
    super();
    ensureLocalization();
    registerTokens();
    updateWhenLocaleChanges(this);
    (this as unknown as LocaleCarrier)[LOCALE_OF] = () => this.locale;
  }

  /** The locale this element renders in (see the class comment for which one). */
  get locale(): Locale {
    const own = this.getAttribute('lang');
    if (own && own !== this.#writtenLang) return resolveLocale(own);
    const html = document.documentElement;
    for (let node = composedParent(this); node && node !== html; node = composedParent(node)) {
      const carrier = (node as LocaleCarrier)[LOCALE_OF];
      if (carrier) return carrier();
      const lang = node.getAttribute('lang');
      if (lang) return resolveLocale(lang);
    }
    return pageLocale();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    enforceRules(this, changed, KioskElement.baseRules);
    const current = this.getAttribute('lang');
    // An embedder's own `lang` on the element is theirs: never overwritten.
    if (current !== null && current !== this.#writtenLang) return;
    const locale = this.locale;
    this.#writtenLang = locale;
    if (current !== locale) this.setAttribute('lang', locale);
  }

  /** Renders with `msg()`, `getLocale()` and the formatters in this element's locale. */
  protected override update(changed: PropertyValues): void {
    inLocale(this.locale, () => super.update(changed));
  }
}
