import { KioskElement } from '@civic-kiosk/core';
import { msg } from '@lit/localize';
import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { icon } from './icons.js';
import type { ServiceDescriptor } from './services.js';
import type { SiteConfig } from './site-config.js';

/** Fired when a passer-by touches the attract screen. No detail. */
export const ATTRACT_DISMISS_EVENT = 'ck-attract-dismiss';

/**
 * @summary What the kiosk shows while nobody uses it (issue 14 item 3): the
 * site's name in both languages, what it offers, who answers for it, and a
 * gentle "touch to start". The whole screen is one target; the touch that
 * wakes it opens nothing else.
 * @fires ck-attract-dismiss - Someone touched the screen.
 */
export class KioskAttract extends KioskElement {
  static override styles = [
    KioskElement.styles,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 10;
        display: block;
        color: var(--ck-color-on-accent);
        background: linear-gradient(160deg, var(--ck-color-accent), color-mix(in srgb, var(--ck-color-accent) 55%, #000));
      }
      button {
        all: unset;
        box-sizing: border-box;
        width: 100%;
        height: 100%;
        display: grid;
        grid-template-rows: 1fr auto auto 1fr auto;
        justify-items: center;
        gap: calc(var(--ck-space-4) * 2);
        padding: calc(var(--ck-space-4) * 3);
        text-align: center;
        cursor: pointer;
      }
      button:focus-visible {
        outline: 4px solid var(--ck-color-on-accent);
        outline-offset: -12px;
      }
      h1 {
        grid-row: 2;
        margin: 0;
        font-size: calc(var(--ck-font-size-title) * 2);
        line-height: 1.2;
        text-wrap: balance;
      }
      .alt {
        display: block;
        margin-top: var(--ck-space-3);
        font-size: var(--ck-font-size-large);
        font-weight: 400;
        opacity: 0.9;
      }
      ul {
        grid-row: 3;
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: var(--ck-space-4);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--ck-space-2);
        padding: var(--ck-space-3) var(--ck-space-4);
        border-radius: 999px;
        background: rgb(255 255 255 / 0.16);
        font-size: var(--ck-font-size-large);
      }
      li .icon {
        width: 1.4em;
        height: 1.4em;
      }
      .start {
        grid-row: 4;
        align-self: center;
        display: flex;
        align-items: center;
        gap: var(--ck-space-3);
        padding: var(--ck-space-4) calc(var(--ck-space-4) * 2.5);
        border-radius: 999px;
        background: var(--ck-color-on-accent);
        color: var(--ck-color-accent);
        font-size: calc(var(--ck-font-size-title) * 1.25);
        font-weight: 700;
        animation: breathe 3s ease-in-out infinite;
      }
      .start .icon {
        width: 1.5em;
        height: 1.5em;
      }
      @keyframes breathe {
        50% {
          transform: scale(1.06);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .start {
          animation: none;
        }
      }
      .official {
        grid-row: 5;
        display: flex;
        align-items: center;
        gap: var(--ck-space-3);
        font-size: var(--ck-font-size-large);
      }
      .official .icon {
        width: 1.4em;
        height: 1.4em;
      }
      /*
       * A small screen in CSS px — what 200% browser zoom gives (540x960, 960x540): the visitor's zoom already made
       * everything large, so the poster's margins tighten and its headline is capped by the screen (never below the
       * large text size), and everything stays on it, words unbroken.
       */
      @media (max-width: 800px), (max-height: 800px) {
        button {
          grid-template-columns: minmax(0, 1fr);
          gap: var(--ck-space-2);
          padding: var(--ck-space-3);
        }
        h1 {
          font-size: max(var(--ck-font-size-large), min(calc(var(--ck-font-size-title) * 2), 9vw, 9vh));
        }
        .alt {
          margin-top: var(--ck-space-2);
          font-size: var(--ck-font-size-body);
        }
        ul {
          gap: var(--ck-space-2);
        }
        li {
          padding: var(--ck-space-1) var(--ck-space-3);
          font-size: var(--ck-font-size-body);
        }
        .start {
          padding: var(--ck-space-3) var(--ck-space-4);
          font-size: var(--ck-font-size-large);
        }
        .official {
          flex-wrap: wrap;
          justify-content: center;
          font-size: var(--ck-font-size-body);
        }
      }
    `,
  ];

  @property({ attribute: false }) accessor site: SiteConfig | undefined;
  @property({ attribute: false }) accessor services: readonly ServiceDescriptor[] = [];

  override render() {
    const site = this.site;
    if (!site) return html``;
    const other = this.locale === 'en' ? site.name['zh-CN'] : site.name.en;
    // The button is named by what it shows: the site's names and "touch to start" (the lists are decoration).
    return html`<button type="button" lang=${this.locale} @click=${this.#dismiss}>
      <h1>${site.name[this.locale === 'en' ? 'en' : 'zh-CN']}<span class="alt" lang=${this.locale === 'en' ? 'zh-CN' : 'en'}>${other}</span></h1>
      <ul aria-hidden="true">
        ${this.services.map((s) => html`<li>${icon(s.icon)}<span>${s.title()}</span></li>`)}
      </ul>
      <span class="start">${icon('hand')}${msg('Touch the screen to start')}</span>
      <span class="official" aria-hidden="true">${icon('official')}${site.official.name} · ${icon('phone')}${site.official.phone}</span>
    </button>`;
  }

  #dismiss = () => {
    this.dispatchEvent(new CustomEvent(ATTRACT_DISMISS_EVENT, { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-attract': KioskAttract;
  }
  interface HTMLElementEventMap {
    [ATTRACT_DISMISS_EVENT]: CustomEvent<undefined>;
  }
}
