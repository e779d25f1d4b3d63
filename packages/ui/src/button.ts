import { enforceRules, enumConverter, isBoolean, KioskElement, oneOf, type PropertyRule } from '@civic-kiosk/core';
import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { buttonStyles } from './button.styles.js';
import './translations.js';

export const BUTTON_VARIANTS = ['primary', 'secondary', 'danger', 'quiet'] as const;
export type ButtonVariant = (typeof BUTTON_VARIANTS)[number];
export const BUTTON_SIZES = ['normal', 'large'] as const;
export type ButtonSize = (typeof BUTTON_SIZES)[number];

/**
 * @summary A large touch button: a native `<button>` in four variants, never smaller than the touch target.
 * @tagname ck-button
 * @slot - The button's text.
 * @slot icon - An optional leading icon (decorative: the text carries the meaning).
 * @csspart button - The native button.
 * @cssproperty --ck-touch-target - Minimum height and width (48px; 64px in elder mode).
 * @cssproperty --ck-color-accent - Background of primary, text of secondary and quiet buttons.
 * @cssproperty --ck-color-danger - Background of danger buttons.
 * @cssproperty --ck-radius - Corner radius.
 */
export class KioskButton extends KioskElement {
  static override styles = [KioskElement.styles, buttonStyles];
  /** Focusing the element focuses the native button inside it. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** What each property accepts; a bad value warns once and gives the default. @internal */
  static readonly rules: Readonly<Record<string, PropertyRule>> = {
    variant: { attribute: 'variant', check: oneOf(BUTTON_VARIANTS), fallback: 'primary', why: `one of ${BUTTON_VARIANTS.join(', ')}` },
    size: { attribute: 'size', check: oneOf(BUTTON_SIZES), fallback: 'normal', why: `one of ${BUTTON_SIZES.join(', ')}` },
    disabled: { attribute: 'disabled', check: isBoolean, fallback: false, why: 'true or false' },
    label: { attribute: 'label', check: (v) => v === undefined || typeof v === 'string', fallback: undefined, why: 'text' },
  };

  /** How prominent the button is; `danger` is for actions that cannot be undone. */
  @property({ reflect: true, converter: enumConverter('ck-button', 'variant', BUTTON_VARIANTS, 'primary') }) accessor variant: ButtonVariant = 'primary';

  /** `large` for the one main action of a screen. */
  @property({ reflect: true, converter: enumConverter('ck-button', 'size', BUTTON_SIZES, 'normal') }) accessor size: ButtonSize = 'normal';

  /** A disabled button cannot be pressed and fires no `click`. */
  @property({ type: Boolean, reflect: true }) accessor disabled = false;

  /** Accessible name when the button shows only an icon. */
  @property() accessor label: string | undefined;

  constructor() {
    super();
    // A click on the host itself (el.click(), or a tap on its edge) must not
    // reach listeners while disabled, just as with a native disabled button.
    this.addEventListener('click', this.#blockWhenDisabled, { capture: true });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    enforceRules(this, changed, KioskButton.rules);
  }

  override render() {
    return html`<button part="button" type="button" ?disabled=${this.disabled} aria-label=${ifDefined(this.label || undefined)}>
      <slot name="icon"></slot><slot></slot>
    </button>`;
  }

  #blockWhenDisabled = (event: Event) => {
    if (!this.disabled) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
}
