import { formatDate, formatTime, KioskElement } from '@civic-kiosk/core';
import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { icon } from './icons.js';
import { serverClock } from './server-clock.js';
import type { ServiceDescriptor } from './services.js';
import type { ServiceId, SiteConfig } from './site-config.js';

/** Fired when a service tile is tapped. detail: { id } */
export const OPEN_SERVICE_EVENT = 'ck-open-service';
export interface OpenServiceDetail {
  id: ServiceId;
}

/**
 * @summary The kiosk's home screen: the site, its responsible official and phone, and a large tile per offered service.
 * @fires ck-open-service - A service tile was tapped. detail: { id }
 */
export class KioskHome extends KioskElement {
  static override styles = [
    KioskElement.styles,
    css`
      :host {
        display: grid;
        grid-template-columns: 1fr;
        grid-template-rows: auto minmax(0, 1fr) auto;
        grid-template-areas: 'hero' 'services' 'official';
        gap: var(--ck-space-4);
        /* Exactly the screen between the top bar and the footer: everything fits in every language, theme and
           orientation; when the tiles need more room than is left, they scroll in their own panel (below). */
        height: 100%;
        min-height: 0;
        padding: calc(var(--ck-space-4) * 1.5);
      }
      h1,
      h2,
      p {
        margin: 0;
      }
      .hero {
        grid-area: hero;
        display: grid;
        grid-template-columns: 1fr auto;
        grid-template-areas: 'welcome clock' 'name name' 'alt alt';
        align-items: center;
        column-gap: calc(var(--ck-space-4) * 2);
        row-gap: var(--ck-space-2);
        padding: calc(var(--ck-space-4) * 1.5) calc(var(--ck-space-4) * 2);
        border-radius: calc(var(--ck-radius) * 2);
        color: var(--ck-color-on-accent);
        background: linear-gradient(135deg, var(--ck-color-accent), color-mix(in srgb, var(--ck-color-accent) 70%, #000));
      }
      .welcome {
        grid-area: welcome;
        font-size: var(--ck-font-size-large);
        letter-spacing: 0.04em;
      }
      h1 {
        grid-area: name;
        font-size: calc(var(--ck-font-size-title) * 1.25 + 0.5rem);
        line-height: 1.2;
        font-weight: 700;
        text-wrap: balance;
      }
      .alt-name {
        grid-area: alt;
        font-size: var(--ck-font-size-large);
      }
      .clock {
        grid-area: clock;
        display: flex;
        flex-direction: column;
        align-items: flex-end;
        font-size: var(--ck-font-size-body);
        font-variant-numeric: tabular-nums;
        text-align: end;
      }
      .clock .time {
        font-size: var(--ck-font-size-title);
        font-weight: 700;
        line-height: 1.1;
      }
      .services {
        grid-area: services;
        display: flex;
        flex-direction: column;
        gap: var(--ck-space-4);
        min-height: 0;
      }
      h2 {
        font-size: var(--ck-font-size-title);
        line-height: 1.25;
      }
      .prompt {
        display: flex;
        align-items: center;
        gap: var(--ck-space-3);
      }
      .prompt .icon {
        flex-shrink: 0;
        width: 1.25em;
        height: 1.25em;
        color: var(--ck-color-accent);
      }
      .offers {
        display: flex;
        align-items: center;
        gap: var(--ck-space-3);
        padding: var(--ck-space-3) var(--ck-space-4);
        border-radius: calc(var(--ck-radius) * 2);
        background: color-mix(in srgb, var(--ck-color-accent) 8%, var(--ck-color-bg));
        font-size: var(--ck-font-size-large);
      }
      .offers .icon {
        flex-shrink: 0;
        width: 1.5em;
        height: 1.5em;
        color: var(--ck-color-accent);
      }
      .offers strong {
        color: var(--ck-color-accent);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--ck-space-4);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
        grid-auto-rows: minmax(16rem, auto);
        align-content: start;
      }
      /*
       * Several services: the prompt and the tiles scroll in their own panel when the screen has no room for all of
       * them (elder type in landscape). The list keeps its height (a grid that scrolls itself would clamp its rows).
       */
      .services:has(ul.many) {
        overflow-y: auto;
        overscroll-behavior: contain;
      }
      ul.many {
        flex: none;
      }
      ul.many li {
        container-type: inline-size;
      }
      /* A narrow tile (two columns of elder type): a smaller icon, no arrow, so that the words have the room. */
      @container (max-width: 40rem) {
        ul.many .tile {
          grid-template-columns: auto minmax(0, 1fr);
          gap: var(--ck-space-3);
          padding: var(--ck-space-4);
        }
        ul.many .tile-icon {
          width: 5rem;
          height: 5rem;
        }
        ul.many .tile-icon .icon {
          width: 3rem;
          height: 3rem;
        }
        ul.many .tile .go {
          display: none;
        }
        ul.many .tile-title {
          font-size: var(--ck-font-size-title);
          overflow-wrap: break-word;
        }
      }
      /* One service: a large tile of its own size (not stretched over the whole screen). */
      ul.single {
        grid-auto-rows: auto;
      }
      /* One service: one inviting, poster-sized tile. */
      ul.single .tile {
        grid-template-columns: 1fr;
        justify-items: center;
        align-content: center;
        text-align: center;
        gap: calc(var(--ck-space-4) * 1.25);
        padding: calc(var(--ck-space-4) * 2) calc(var(--ck-space-4) * 1.5);
      }
      ul.single .tile-icon {
        width: 14rem;
        height: 14rem;
      }
      ul.single .tile-icon .icon {
        width: 60%;
        height: 60%;
      }
      ul.single .tile-title {
        font-size: calc(var(--ck-font-size-title) * 1.75);
      }
      ul.single .tile-desc {
        max-width: 36rem;
      }
      ul.single .go {
        width: auto;
        padding-inline: calc(var(--ck-space-4) * 1.5);
        border-radius: 999px;
        min-height: calc(var(--ck-touch-target) * 1.5);
        display: inline-flex;
        gap: var(--ck-space-2);
        font-size: var(--ck-font-size-large);
        font-weight: 700;
      }
      ul.single .go .icon {
        width: 1.1em;
        height: 1.1em;
      }
      .tile {
        width: 100%;
        height: 100%;
        min-height: calc(var(--ck-touch-target) * 3);
        display: grid;
        grid-template-columns: auto 1fr auto;
        align-items: center;
        gap: calc(var(--ck-space-4) * 1.5);
        padding: calc(var(--ck-space-4) * 1.5);
        border: var(--ck-border-width) solid transparent;
        border-radius: calc(var(--ck-radius) * 2);
        background: var(--ck-color-bg);
        color: var(--ck-color-text);
        box-shadow:
          0 1px 2px rgb(0 0 0 / 0.08),
          0 8px 24px rgb(0 0 0 / 0.08);
        font: inherit;
        text-align: start;
        cursor: pointer;
        transition: transform 120ms ease, box-shadow 120ms ease;
      }
      .tile:active {
        transform: scale(0.98);
        box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
        border-color: var(--ck-color-accent);
      }
      .tile-icon {
        display: grid;
        place-items: center;
        width: 9rem;
        height: 9rem;
        border-radius: 50%;
        color: var(--ck-color-accent);
        background: color-mix(in srgb, var(--ck-color-accent) 10%, var(--ck-color-bg));
      }
      .tile-icon .icon {
        width: 5.5rem;
        height: 5.5rem;
      }
      .tile-text {
        display: grid;
        gap: var(--ck-space-2);
      }
      .tile-title {
        font-size: calc(var(--ck-font-size-title) * 1.25);
        font-weight: 700;
        line-height: 1.2;
      }
      .tile-desc {
        font-size: var(--ck-font-size-body);
        color: var(--ck-color-text-muted);
      }
      .go {
        display: grid;
        place-items: center;
        width: calc(var(--ck-touch-target) * 1.25);
        height: calc(var(--ck-touch-target) * 1.25);
        border-radius: 50%;
        color: var(--ck-color-on-accent);
        background: var(--ck-color-accent);
      }
      .go .icon {
        width: 60%;
        height: 60%;
      }
      .none {
        padding: var(--ck-space-4);
        border-radius: calc(var(--ck-radius) * 2);
        background: var(--ck-color-bg);
        font-size: var(--ck-font-size-large);
      }
      .official {
        grid-area: official;
        display: grid;
        grid-template-columns: auto 1fr;
        align-items: center;
        column-gap: calc(var(--ck-space-4) * 1.5);
        row-gap: var(--ck-space-2);
        padding: calc(var(--ck-space-4) * 1.25) calc(var(--ck-space-4) * 1.5);
        border-radius: calc(var(--ck-radius) * 2);
        background: var(--ck-color-bg);
        border-inline-start: 10px solid var(--ck-color-accent);
      }
      .official .badge {
        grid-row: span 3;
        display: grid;
        place-items: center;
        width: 6rem;
        height: 6rem;
        border-radius: 50%;
        color: var(--ck-color-accent);
        background: color-mix(in srgb, var(--ck-color-accent) 10%, var(--ck-color-bg));
      }
      .official .badge .icon {
        width: 60%;
        height: 60%;
      }
      .official h2 {
        font-size: var(--ck-font-size-large);
        color: var(--ck-color-accent);
      }
      .who {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        column-gap: var(--ck-space-3);
        font-size: var(--ck-font-size-body);
        color: var(--ck-color-text-muted);
      }
      .who strong {
        font-size: var(--ck-font-size-title);
        color: var(--ck-color-text);
      }
      .phone {
        display: flex;
        align-items: center;
        gap: var(--ck-space-2);
        font-size: var(--ck-font-size-title);
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.02em;
      }
      .phone .icon {
        width: 1.1em;
        height: 1.1em;
        color: var(--ck-color-accent);
      }
      .note {
        grid-column: 1 / -1;
        color: var(--ck-color-text-muted);
      }
      /* Portrait: the room the tile no longer stretches over goes to what this kiosk offers and a larger official card. */
      @media (orientation: portrait) {
        .hero {
          padding: calc(var(--ck-space-4) * 1.5) calc(var(--ck-space-4) * 2);
        }
        /* The tile takes the room there is, up to a poster's height, with what the kiosk offers right below it. */
        ul.single {
          flex: 1 1 auto;
          max-height: 50rem;
          grid-auto-rows: minmax(0, 1fr);
        }
        :host([data-elder]) .hero {
          padding: var(--ck-space-3) calc(var(--ck-space-4) * 1.5);
        }
        /* Elder type needs the room: the tile itself says what the kiosk offers. */
        :host([data-elder]) .offers {
          display: none;
        }
        /* Elder type: the tile lies across (icon beside the text) so that the official stays on screen. */
        :host([data-elder]) ul.single .tile {
          grid-template-columns: auto 1fr;
          justify-items: start;
          text-align: start;
          gap: var(--ck-space-3) var(--ck-space-4);
          padding: calc(var(--ck-space-4) * 1.25);
        }
        :host([data-elder]) ul.single .tile-icon {
          grid-row: span 2;
          width: 10rem;
          height: 10rem;
        }
        :host([data-elder]) ul.single .tile-title {
          font-size: calc(var(--ck-font-size-title) * 1.25);
        }
        :host([data-elder]) ul.single .tile .go {
          grid-column: 2;
        }
        .official {
          padding: calc(var(--ck-space-4) * 1.5) calc(var(--ck-space-4) * 2);
          row-gap: var(--ck-space-3);
        }
        .official .badge {
          width: 8rem;
          height: 8rem;
        }
        /* safe: when the tiles overflow their panel, centring would push the prompt above its top, out of reach. */
        .services {
          justify-content: safe center;
        }
        :host(:not([data-elder])) .official .phone {
          font-size: calc(var(--ck-font-size-title) * 1.25);
        }
        :host(:not([data-elder])) .offers {
          padding: var(--ck-space-4);
        }
        :host(:not([data-elder])) ul.single {
          max-height: 46rem;
        }
        :host(:not([data-elder])) ul.single .tile-icon {
          width: 16rem;
          height: 16rem;
        }
        :host(:not([data-elder])) ul.single .tile-desc {
          font-size: var(--ck-font-size-large);
          max-width: 44rem;
        }
      }
      /* Landscape: the site as a band across the top, the services and the official side by side below. */
      @media (orientation: landscape) {
        :host {
          grid-template-columns: minmax(0, 7fr) minmax(0, 5fr);
          grid-template-rows: auto 1fr;
          grid-template-areas: 'hero hero' 'services official';
          column-gap: calc(var(--ck-space-4) * 1.5);
        }
        :host {
          gap: var(--ck-space-3);
          row-gap: var(--ck-space-3);
          padding: var(--ck-space-4) calc(var(--ck-space-4) * 1.5);
        }
        .hero {
          grid-template-areas: 'welcome clock' 'name clock' 'alt clock';
        }
        /* Elder type: a slimmer site band so that the tile and its Start button stay above the footer. */
        :host([data-elder]) .hero {
          row-gap: var(--ck-space-1);
          padding: var(--ck-space-3) calc(var(--ck-space-4) * 2);
        }
        :host([data-elder]) .welcome,
        :host([data-elder]) .alt-name {
          font-size: var(--ck-font-size-body);
        }
        :host([data-elder]) h1 {
          font-size: calc(var(--ck-font-size-title) * 1.25);
        }
        .services {
          gap: var(--ck-space-3);
        }
        :host([data-elder]) h2.prompt {
          font-size: var(--ck-font-size-large);
        }
        .offers {
          display: none;
        }
        ul.single {
          flex: 1;
          grid-auto-rows: minmax(0, 1fr);
        }
        .official {
          align-content: center;
        }
        ul.single .tile {
          grid-template-columns: auto 1fr;
          justify-items: start;
          text-align: start;
          gap: var(--ck-space-3) calc(var(--ck-space-4) * 1.25);
          padding: var(--ck-space-4) calc(var(--ck-space-4) * 1.25);
        }
        ul.single .tile-icon {
          grid-row: span 2;
          width: min(12rem, 20dvh);
          height: min(12rem, 20dvh);
        }
        :host([data-elder]) ul.single .tile-title {
          font-size: calc(var(--ck-font-size-title) * 1.25);
        }
        ul.single .tile .go {
          grid-column: 2;
        }
      }
      /*
       * A small screen in CSS px — what 200% browser zoom gives (540x960, 960x540): the site's band, the tiles and the
       * official cannot all share it, so the home screen takes the height of its content and the app's content area
       * scrolls (home is not a service: item 10's no-scroll rule is for a service's main screen). The site's name is
       * capped by the screen's width (never below the large text size) so no word runs off its edge.
       */
      @media (max-width: 800px), (max-height: 800px) {
        :host {
          height: auto;
          min-height: 100%;
          padding: var(--ck-space-3);
          gap: var(--ck-space-3);
          grid-template-columns: minmax(0, 1fr);
          grid-template-rows: auto;
          grid-template-areas: 'hero' 'services' 'official';
        }
        .services:has(ul.many) {
          overflow-y: visible;
        }
        /* One column: the clock and its long date (English) below the name, not squeezing it. */
        .hero {
          grid-template-columns: minmax(0, 1fr);
          grid-template-areas: 'welcome' 'name' 'alt' 'clock';
          padding: var(--ck-space-3) var(--ck-space-4);
        }
        .clock {
          align-items: flex-start;
          text-align: start;
        }
        h1 {
          font-size: max(var(--ck-font-size-large), min(calc(var(--ck-font-size-title) * 1.25 + 0.5rem), 8vw));
        }
        .tile {
          gap: var(--ck-space-3);
          padding: var(--ck-space-3);
        }
        .tile-icon {
          width: 5rem;
          height: 5rem;
        }
        .tile-icon .icon {
          width: 3rem;
          height: 3rem;
        }
        ul {
          grid-auto-rows: auto;
        }
        .official {
          padding: var(--ck-space-3) var(--ck-space-4);
          column-gap: var(--ck-space-3);
        }
        .official .badge {
          width: 4rem;
          height: 4rem;
        }
      }
    `,
  ];

  /** The site this kiosk stands in. */
  @property({ attribute: false }) accessor site: SiteConfig | undefined;

  /** The services to show as tiles, in order. */
  @property({ attribute: false }) accessor services: readonly ServiceDescriptor[] = [];

  @state() private accessor now = serverClock.now();
  #clock: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The server's time when the kiosk's own clock is off by minutes (server-clock.ts says why).
    this.now = serverClock.now();
    this.#clock = setInterval(() => (this.now = serverClock.now()), 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  override render() {
    const site = this.site;
    if (!site) return nothing;
    const en = this.locale === 'en';
    const name = en ? site.name.en : site.name['zh-CN'];
    const other = en ? site.name['zh-CN'] : site.name.en;
    return html`
      <section class="hero" aria-labelledby="site-name">
        <p class="welcome">${msg('Welcome to')}</p>
        <h1 id="site-name">${name}</h1>
        <p class="alt-name" lang=${en ? 'zh-CN' : 'en'}>${other}</p>
        <p class="clock">
          <span class="time">${formatTime(this.now, site.timeZone)}</span>
          <span>${formatDate(this.now, { weekday: 'long', month: 'long', day: 'numeric', timeZone: site.timeZone })}</span>
        </p>
      </section>
      <section class="services" aria-labelledby="services-title">
        ${this.services.length
          ? html`<h2 id="services-title" class="prompt">${icon('hand')}<span>${msg('Touch a service to begin')}</span></h2>`
          : html`<h2 id="services-title" class="visually-hidden">${msg('Services')}</h2>`}
        ${this.services.length
          ? html`<ul class=${this.services.length === 1 ? 'single' : 'many'}>
              ${this.services.map(
                (service) => html`<li>
                  <button class="tile" type="button" data-service=${service.id} @click=${() => this.#open(service.id)}>
                    <span class="tile-icon">${icon(service.icon)}</span>
                    <span class="tile-text">
                      <span class="tile-title">${service.title()}</span>
                      <span class="tile-desc">${service.description()}</span>
                    </span>
                    <span class="go">${this.services.length === 1 ? html`<span>${msg('Start')}</span>` : nothing}${icon('chevron')}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : html`<p class="none">${msg("No service is available at this kiosk yet. For help, contact this station's official.")}</p>`}
        ${this.services.length
          ? html`<p class="offers">${icon('station')}<span>${msg('This kiosk offers:')} <strong>${this.services.map((s) => s.title()).join(' · ')}</strong></span></p>`
          : nothing}
      </section>
      <section class="official" aria-labelledby="official-title">
        <span class="badge">${icon('official')}</span>
        <h2 id="official-title">${msg('One station, one official')}</h2>
        <p class="who"><span>${msg('Responsible official')}</span><strong>${site.official.name}</strong></p>
        <p class="phone">${icon('phone')}<span>${site.official.phone}</span></p>
        <p class="note">${msg('Something wrong with this station? Call the official; the number is also posted on the wall.')}</p>
      </section>
    `;
  }

  #open(id: ServiceId): void {
    this.dispatchEvent(new CustomEvent<OpenServiceDetail>(OPEN_SERVICE_EVENT, { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-home': KioskHome;
  }
}
