import { KioskElement } from '@civic-kiosk/core';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { icon } from './icons.js';
import { retryDelayMs } from './site-config.js';

/** Why the kiosk is out of service. */
export type OutOfServiceCause = 'offline' | 'bad-config' | 'not-found' | 'refused' | 'not-enrolled' | 'enroll-failed' | 'revoked' | 'busy';

/** Who answers for this kiosk: the last site configuration's official, kept so the screen can name them even when the server is down. */
export interface Official {
  name: string;
  phone: string;
}

/** Fired (bubbling, composed) after every retry attempt. detail: { ok } */
export const RETRY_ATTEMPT_EVENT = 'ck-retry-attempt';

const WORDS: Record<OutOfServiceCause, { zh: string; en: string }> = {
  offline: {
    zh: '本机暂时连不上服务器。它会自动重试，恢复后即可使用。',
    en: 'This kiosk cannot reach its server right now. It keeps trying by itself and will be back as soon as it can.',
  },
  'bad-config': {
    zh: '本机收到的站点设置无法使用。它会自动重试，恢复后即可使用。',
    en: 'This kiosk received site settings it cannot use. It keeps trying by itself and will be back as soon as it can.',
  },
  'not-found': {
    zh: '服务器上没有本机所属站点的设置。它会自动重试，请工作人员检查设置。',
    en: 'The server has no settings for this kiosk’s site. It keeps trying; staff, please check the set-up.',
  },
  'not-enrolled': {
    zh: '本机尚未登记。请工作人员在服务器上运行 device:add 生成登记链接，并在本机打开该链接。',
    en: 'This kiosk is not enrolled yet. Staff: create an enrollment link on the server with device:add and open it on this kiosk.',
  },
  'enroll-failed': {
    zh: '登记链接无效（已使用、已过期或输入有误）。请工作人员用 device:add 生成新的链接。',
    en: 'The enrollment link is not valid (already used, expired or mistyped). Staff: create a new one with device:add.',
  },
  revoked: {
    zh: '本机的设备凭据已被撤销。请工作人员用 device:add 重新登记本机。',
    en: 'This kiosk’s device credential was revoked. Staff: enroll it again with device:add.',
  },
  refused: {
    zh: '服务器拒绝了本机的请求。它会自动重试，请工作人员检查设备密钥。',
    en: 'The server refused this kiosk’s requests. It keeps trying; staff, please check the device key.',
  },
  busy: {
    zh: '本机向服务器发出的请求过于频繁，服务器要求稍候。时间一到它会自动重试。',
    en: 'This kiosk sent the server too many requests and was asked to wait. It tries again by itself when the wait is over.',
  },
};

/** "3 分钟" / "3 min" for waits of a minute or more, seconds below. */
function waitWords(seconds: number): { zh: string; en: string } {
  if (seconds < 60) return { zh: `${seconds} 秒`, en: `${seconds} s` };
  const minutes = Math.ceil(seconds / 60);
  return { zh: `${minutes} 分钟`, en: `${minutes} min` };
}

/**
 * @summary The kiosk's out-of-service screen, in Chinese and English at once
 * (the visitor's language is not known yet). It retries by itself with
 * backoff (1, 2, 4, 8, then every 15 s) and on "Try now".
 * @fires ck-retry-attempt - After each retry. detail: { ok }
 */
export class KioskOutOfService extends KioskElement {
  static override styles = [
    KioskElement.styles,
    css`
      /* The whole screen, scrolling inside itself when the panel is taller (elder type on 1920x1080, 200% zoom):
         'safe' keeps the top reachable instead of centring it off screen. */
      :host {
        display: grid;
        place-items: safe center;
        box-sizing: border-box;
        height: 100dvh;
        overflow: auto;
        padding: var(--ck-space-4);
        background: var(--ck-color-surface);
      }
      .panel {
        width: min(100%, 60rem);
        background: var(--ck-color-bg);
        border-top: 12px solid var(--ck-color-warning);
        border-radius: var(--ck-radius);
        box-shadow: 0 12px 40px rgb(0 0 0 / 0.12);
        padding: calc(var(--ck-space-4) * 2);
        display: grid;
        gap: var(--ck-space-4);
        text-align: center;
      }
      .mark {
        justify-self: center;
        display: grid;
        place-items: center;
        width: 8rem;
        height: 8rem;
        border-radius: 50%;
        color: var(--ck-color-warning);
        background: color-mix(in srgb, var(--ck-color-warning) 12%, transparent);
      }
      .mark svg {
        width: 5rem;
        height: 5rem;
      }
      /* Landscape and zoomed screens: a smaller mark and less padding, so the phone and Try again fit. */
      @media (max-height: 1200px) {
        .panel {
          padding: var(--ck-space-4);
          gap: var(--ck-space-3);
        }
        .mark {
          width: 5rem;
          height: 5rem;
        }
        .mark svg {
          width: 3rem;
          height: 3rem;
        }
      }
      h1 {
        margin: 0;
        font-size: calc(var(--ck-font-size-title) * 1.5);
        line-height: 1.2;
      }
      h1 span {
        display: block;
      }
      h1 [lang='en'] {
        font-size: var(--ck-font-size-title);
        color: var(--ck-color-text-muted);
        font-weight: 600;
      }
      .why {
        display: grid;
        gap: var(--ck-space-3);
        margin: 0;
      }
      .why p {
        margin: 0;
        font-size: var(--ck-font-size-large);
      }
      .why [lang='en'] {
        font-size: var(--ck-font-size-body);
        color: var(--ck-color-text-muted);
      }
      .status {
        margin: 0;
        font-size: var(--ck-font-size-body);
        color: var(--ck-color-text-muted);
        display: flex;
        justify-content: center;
        gap: var(--ck-space-3);
        flex-wrap: wrap;
      }
      .retry {
        justify-self: center;
        display: inline-flex;
        align-items: center;
        gap: var(--ck-space-3);
        min-height: calc(var(--ck-touch-target) * 1.5);
        padding: 0 calc(var(--ck-space-4) * 1.5);
        border: none;
        border-radius: 999px;
        background: var(--ck-color-accent);
        color: var(--ck-color-on-accent);
        font: inherit;
        font-size: var(--ck-font-size-large);
        font-weight: 600;
        cursor: pointer;
      }
      .retry svg {
        width: 2rem;
        height: 2rem;
      }
      .retry:disabled {
        opacity: 0.6;
      }
      .help {
        margin: 0;
        padding-top: var(--ck-space-3);
        border-top: 1px solid var(--ck-color-border);
        color: var(--ck-color-text-muted);
      }
      .help span {
        display: block;
      }
      .official {
        margin: 0;
        display: flex;
        justify-content: center;
        align-items: center;
        flex-wrap: wrap;
        gap: var(--ck-space-2) var(--ck-space-4);
        font-size: var(--ck-font-size-large);
      }
      .official strong {
        font-variant-numeric: tabular-nums;
        color: var(--ck-color-accent);
      }
      .official svg {
        width: 1.5em;
        height: 1.5em;
        color: var(--ck-color-accent);
      }
      .wait {
        margin: 0;
        font-size: var(--ck-font-size-large);
        font-weight: 700;
      }
    `,
  ];

  /** What went wrong; picks the words. */
  @property() accessor cause: OutOfServiceCause = 'offline';

  /** Tries again; resolves true when the kiosk can run (then the shell replaces this screen). */
  @property({ attribute: false }) accessor retry: (() => Promise<boolean>) | undefined;

  /** The site's official (name and phone), when the kiosk knows its site: staff or the visitor can call them. */
  @property({ attribute: false }) accessor official: Official | undefined;

  /** For `busy`: how many seconds the server asked the kiosk to wait; no retry comes sooner. */
  @property({ type: Number, attribute: 'wait-seconds' }) accessor waitSeconds = 0;

  /** Base of the backoff, in ms (tests shorten it). */
  @property({ type: Number, attribute: 'retry-base-ms' }) accessor retryBaseMs = 1000;

  @state() private accessor secondsLeft = 0;
  @state() private accessor busy = false;

  #attempt = 0;
  #due = 0;
  #tick: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#attempt = 0;
    this.#schedule();
    this.#tick = setInterval(() => this.#onTick(), 250);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Keep the page language right for screen readers: this screen leads in Chinese.
    if (this.getAttribute('lang') !== 'zh-CN') this.setAttribute('lang', 'zh-CN');
  }

  override render() {
    const words = WORDS[this.cause];
    return html`<main class="panel" aria-labelledby="title">
      <div class="mark">${icon('outOfService')}</div>
      <h1 id="title"><span>暂停服务</span><span lang="en">Out of service</span></h1>
      <div class="why">
        <p>${words.zh}</p>
        <p lang="en">${words.en}</p>
      </div>
      ${this.cause === 'busy' && this.waitSeconds > 0
        ? html`<p class="wait"><span>需等待 ${waitWords(this.waitSeconds).zh}</span> · <span lang="en">Wait ${waitWords(this.waitSeconds).en}</span></p>`
        : nothing}
      <p class="status" role="status">
        ${this.busy
          ? html`<span>正在重试…</span><span lang="en">Trying again…</span>`
          : html`<span>${this.secondsLeft} 秒后自动重试</span><span lang="en">Next try in ${this.secondsLeft} s</span>`}
      </p>
      <button class="retry" type="button" ?disabled=${this.busy} @click=${() => void this.tryNow()}>
        ${icon('retry')}<span>立即重试</span><span lang="en">Try now</span>
      </button>
      ${this.official
        ? html`<p class="help"><span>如需帮助，请致电本站负责人：</span><span lang="en">For help, call this station’s official:</span></p>
            <p class="official" data-official>${icon('phone')}<span>${this.official.name}</span><strong>${this.official.phone}</strong></p>`
        : html`<p class="help"><span>如需帮助，请联系现场工作人员。</span><span lang="en">For help, please ask the staff on site.</span></p>`}
    </main>`;
  }

  /** One attempt now; on failure the backoff continues from where it was. */
  async tryNow(): Promise<boolean> {
    if (this.busy || !this.retry) return false;
    this.busy = true;
    let ok = false;
    try {
      ok = await this.retry();
    } catch {
      ok = false;
    }
    this.busy = false;
    this.dispatchEvent(new CustomEvent(RETRY_ATTEMPT_EVENT, { detail: { ok }, bubbles: true, composed: true }));
    if (!ok) {
      this.#attempt += 1;
      this.#schedule();
    }
    return ok;
  }

  #schedule(): void {
    // Monotonic time: a kiosk clock that is wrong, or corrected while this screen shows, does not stall the retries.
    const wait = this.cause === 'busy' ? Math.max(this.waitSeconds * 1000, retryDelayMs(this.#attempt, this.retryBaseMs)) : retryDelayMs(this.#attempt, this.retryBaseMs);
    this.#due = performance.now() + wait;
    this.#onTick();
  }

  #onTick(): void {
    if (this.busy) return;
    const left = this.#due - performance.now();
    this.secondsLeft = Math.max(0, Math.ceil(left / 1000));
    if (left <= 0) void this.tryNow();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-out-of-service': KioskOutOfService;
  }
}
