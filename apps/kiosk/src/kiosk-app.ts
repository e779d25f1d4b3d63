import { ApiError, createSession, IDLE_EVENT, IdleController, KioskElement, provideSession, setLocale, type KioskSession } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { ATTRACT_DISMISS_EVENT } from './attract.js';
import { contrastIcon, themeAttribute } from './contrast.js';
import { deviceIdOf, enrollmentCode, parseEnrollment, storeCredential, storedCredential, storedOfficial, storeOfficial, withoutEnrollmentCode } from './enrollment.js';
import { Heartbeat } from './heartbeat.js';
import { OPEN_SERVICE_EVENT, type OpenServiceDetail } from './home.js';
import { icon } from './icons.js';
import type { Official, OutOfServiceCause } from './out-of-service.js';
import { watchingFetch, type ResponseSignal } from './response-watch.js';
import { serverClock } from './server-clock.js';
import { speakableText, voiceFor } from './read-aloud.js';
import { offeredServices, type ServiceDescriptor } from './services.js';
import { attractDelayMs, idleTiming, parseSiteConfig, readSettings, type KioskLocale, type KioskSettings, type SiteConfig } from './site-config.js';

type Phase = 'starting' | 'ready' | 'out-of-service';
type ServiceStatus = 'loading' | 'ready' | 'error';

/**
 * @summary The kiosk app: reads its site configuration from the server, shows
 * the home screen, opens services full-screen, and resets everything after
 * the visitor has gone. Out of service (with automatic retries) while the
 * server cannot give it a usable configuration.
 */
export class KioskApp extends KioskElement {
  static override styles = [
    KioskElement.styles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100dvh;
        overflow: hidden;
        background: var(--ck-color-surface);
      }
      .topbar {
        display: flex;
        align-items: center;
        gap: var(--ck-space-4);
        min-height: calc(var(--ck-touch-target) * 2);
        padding: var(--ck-space-3) calc(var(--ck-space-4) * 1.5);
        background: var(--ck-color-bg);
        border-bottom: 1px solid color-mix(in srgb, var(--ck-color-border) 45%, transparent);
        box-shadow: 0 2px 12px rgb(0 0 0 / 0.06);
        position: relative;
        z-index: 1;
        /* A container, so the switches and the title follow the bar's own width (a 200% zoom halves it);
           what does not fit wraps onto a second row instead of running off the edge. */
        container: topbar / inline-size;
        flex-wrap: wrap;
        row-gap: var(--ck-space-2);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: var(--ck-space-3);
        flex: 1;
        min-width: 0;
        font-size: var(--ck-font-size-large);
        font-weight: 700;
        line-height: 1.15;
        color: var(--ck-color-accent);
        margin: 0;
      }
      .brand .icon {
        flex-shrink: 0;
        width: 1.75em;
        height: 1.75em;
      }
      /* Wraps onto a second line rather than being cut off (English in elder mode, portrait). */
      .brand span {
        min-width: 0;
        text-wrap: balance;
        overflow-wrap: anywhere;
      }
      /* The service's name wraps (balanced) instead of being cut with an ellipsis. */
      .title {
        margin: 0;
        font-size: var(--ck-font-size-title);
        line-height: 1.2;
        flex: 1 1 6em;
        min-width: 0;
        overflow-wrap: anywhere;
        text-wrap: balance;
      }
      /* A service open (or elder type) on a screen narrower than landscape at 100%: read aloud and high contrast
         show their icons only (named for screen readers; read aloud stays accent-coloured in elder mode), so Home
         and the service's name keep their room. */
      @container topbar (width < 1500px) {
        .in-service .read-aloud .label,
        .in-service .contrast .label,
        :host([data-ck-theme~='elder']) .read-aloud .label,
        :host([data-ck-theme~='elder']) .contrast .label {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
      }
      /* Narrower still (200% zoom on a landscape screen): elder mode shows its icon only too, and the switches
         sit closer, so the service's name still fits beside Home. With elder type there, and on a phone-wide bar
         (200% zoom on a portrait screen), the name is left to the service's own heading right below, so the bar
         keeps one row of switches and the service its height. */
      @container topbar (width < 1000px) {
        .elder .label,
        :host([data-ck-theme~='elder']) .title {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
        .switches {
          gap: var(--ck-space-2);
        }
        .switches .switch {
          min-width: calc(var(--ck-touch-target) * 1.25);
          padding-inline: var(--ck-space-2);
        }
      }
      @container topbar (width < 800px) {
        .title {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
      }
      /* Elder type in portrait: the brand beside the switches keeps whole words, and the bar wraps rather than cut. */
      @media (orientation: portrait) {
        :host([data-ck-theme~='elder']) .brand {
          font-size: var(--ck-font-size-body);
          /* The name keeps its words' width, so the switches beside it wrap onto a second row instead of covering it. */
          min-width: min-content;
        }
        /* Whole words: "service" must not break into "servic / e". */
        :host([data-ck-theme~='elder']) .brand span {
          overflow-wrap: normal;
          min-width: min-content;
        }
        :host([data-ck-theme~='elder']) .topbar {
          gap: var(--ck-space-3);
          padding-inline: var(--ck-space-4);
        }
      }
      .spacer {
        flex: 1;
      }
      /* The library's screen scrolls in its own panel inside the service's fixed height, never the page. */
      ck-library-checkout::part(screen) {
        max-height: 100%;
        overflow: auto;
        overscroll-behavior: contain;
      }
      .home-button::part(button) {
        min-height: calc(var(--ck-touch-target) * 1.5);
        padding-inline: calc(var(--ck-space-4) * 1.25);
        font-size: var(--ck-font-size-large);
        border-radius: 999px;
      }
      .home-button .icon {
        width: 1.5em;
        height: 1.5em;
      }
      /* On the right, also when they wrap under Home and the title (portrait). */
      .switches {
        display: flex;
        align-items: center;
        gap: var(--ck-space-3);
        margin-inline-start: auto;
        flex-wrap: wrap;
        justify-content: flex-end;
        row-gap: var(--ck-space-2);
      }
      .segmented {
        display: flex;
        padding: 4px;
        border-radius: 999px;
        background: var(--ck-color-surface);
        border: 1px solid color-mix(in srgb, var(--ck-color-border) 60%, transparent);
      }
      .switch {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: var(--ck-space-2);
        min-width: calc(var(--ck-touch-target) * 2);
        min-height: calc(var(--ck-touch-target) * 1.25);
        padding: 0 var(--ck-space-4);
        border: none;
        border-radius: 999px;
        background: transparent;
        color: var(--ck-color-text);
        font: inherit;
        font-size: var(--ck-font-size-body);
        font-weight: 600;
        white-space: nowrap;
        cursor: pointer;
      }
      .switch .icon {
        flex-shrink: 0;
      }
      .switch[aria-pressed='true'] {
        background: var(--ck-color-accent);
        color: var(--ck-color-on-accent);
      }
      .elder {
        border: 1px solid color-mix(in srgb, var(--ck-color-border) 60%, transparent);
        background: var(--ck-color-surface);
        padding: 4px var(--ck-space-4) 4px var(--ck-space-3);
      }
      .elder .icon {
        width: 1.6em;
        height: 1.6em;
      }
      .content {
        flex: 1;
        min-height: 0;
        overflow: auto;
        overscroll-behavior: contain;
        touch-action: pan-x pan-y;
      }
      /* With a service open, a notice (offline, a server problem) takes its own height and the service the rest: nothing scrolls. */
      .content.in-service {
        display: flex;
        flex-direction: column;
      }
      .content.in-service > * {
        flex: none;
      }
      .content.in-service > .service {
        flex: 1 1 0;
        min-height: 0;
        height: auto;
      }
      /* A service fills what the top bar leaves, exactly: it scrolls inside its own panels, never the page. */
      .service {
        height: 100%;
        padding: var(--ck-space-4) calc(var(--ck-space-4) * 1.5);
        display: flex;
        flex-direction: column;
      }
      .service > * {
        flex: 1 1 0;
        min-height: 0;
      }
      .footer {
        display: flex;
        justify-content: center;
        align-items: center;
        gap: var(--ck-space-2);
        padding: var(--ck-space-2) var(--ck-space-4);
        color: var(--ck-color-text-muted);
        /* Readable from a step back: 20 px standard, 24 px elder (never below the small size). */
        font-size: max(var(--ck-font-size-small), 1.25rem);
        text-align: center;
        background: var(--ck-color-bg);
        border-top: 1px solid color-mix(in srgb, var(--ck-color-border) 45%, transparent);
      }
      .footer .icon {
        width: 1.25em;
        height: 1.25em;
      }
      .starting {
        display: grid;
        place-items: center;
        height: 100%;
        padding: var(--ck-space-4);
      }
      .starting ck-status-banner {
        min-width: min(100%, 40rem);
      }
      /* Notices above the service: the network is down (warning), or a server problem (danger). */
      .offline-note,
      .service-problem {
        margin: var(--ck-space-3) calc(var(--ck-space-4) * 1.5) 0;
        padding: var(--ck-space-3) var(--ck-space-4);
        border-radius: var(--ck-radius);
        color: var(--ck-color-text);
        font-size: var(--ck-font-size-body);
      }
      .offline-note {
        background: color-mix(in srgb, var(--ck-color-warning) 12%, var(--ck-color-bg));
        border: 2px solid var(--ck-color-warning);
        font-weight: 600;
      }
      .service-problem {
        background: color-mix(in srgb, var(--ck-color-danger) 10%, var(--ck-color-bg));
        border: 2px solid var(--ck-color-danger);
        display: grid;
        gap: var(--ck-space-2);
      }
      .service-problem p {
        margin: 0;
      }
      .service-problem p:first-child {
        font-weight: 600;
      }
      .service-problem .call {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--ck-space-2);
      }
      .service-problem .call strong {
        font-variant-numeric: tabular-nums;
        font-size: var(--ck-font-size-large);
      }
      .service-problem .icon {
        width: 1.4em;
        height: 1.4em;
      }
      .read-aloud-note {
        margin: var(--ck-space-3) calc(var(--ck-space-4) * 1.5) 0;
        padding: var(--ck-space-3) var(--ck-space-4);
        border-radius: var(--ck-radius);
        background: var(--ck-color-bg);
        border: 1px solid var(--ck-color-border);
        font-size: var(--ck-font-size-body);
      }
      /* Elder mode offers read aloud prominently: with its words, in the accent colour. */
      :host([data-ck-theme~='elder']) .read-aloud {
        background: var(--ck-color-accent);
        color: var(--ck-color-on-accent);
      }
      /* Icon-only in the standard top bar and in elder portrait: square, not the width of a word switch. */
      .read-aloud {
        min-width: calc(var(--ck-touch-target) * 1.25);
        padding: 0 var(--ck-space-3);
      }
      .read-aloud .icon {
        width: 1.6em;
        height: 1.6em;
      }
      .countdown {
        font-size: var(--ck-font-size-large);
        margin: 0 0 var(--ck-space-3);
      }
      .countdown strong {
        font-size: calc(var(--ck-font-size-title) * 1.5);
        color: var(--ck-color-accent);
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @state() private accessor phase: Phase = 'starting';
  @state() private accessor cause: OutOfServiceCause = 'offline';
  @state() private accessor site: SiteConfig | undefined;
  @state() private accessor serviceId: string | undefined;
  @state() private accessor serviceStatus: ServiceStatus = 'loading';
  @state() private accessor elder = false;
  /** The visitor's high-contrast switch: for this visit only, like elder mode and the language. */
  @state() private accessor contrast = false;
  /** What the server said went wrong for the open service (5xx, or a device-wide wait), said with the official's phone. */
  @state() private accessor serviceProblem: ServiceProblem | undefined;
  /** For `busy` (429 on the site configuration): the server's wait in seconds. */
  @state() private accessor waitSeconds = 0;
  /** Whom the out-of-service screen names: the site's official, or the last one this kiosk knew. */
  @state() private accessor official: Official | undefined = storedOfficial();
  @state() private accessor warning = false;
  @state() private accessor secondsLeft = 0;
  /** Nobody has touched the home screen for a while: the attract screen shows (issue 14 item 3). */
  @state() private accessor attract = false;
  @state() private accessor speaking = false;
  /** The browser's view of the network: when it is gone, a banner says what still works. */
  @state() private accessor online = navigator.onLine;
  /** Said once when read aloud has no voice for the language; the button is then not offered again. */
  @state() private accessor readAloudNote = '';
  readonly #noVoice = new Set<string>();
  #attractTimer: ReturnType<typeof setTimeout> | undefined;
  #noteTimer: ReturnType<typeof setTimeout> | undefined;

  readonly settings: KioskSettings = readSettings(location.search);
  /** Every request of every service goes through this: the shell hears revocation, 5xx and throttles, and the server's clock. */
  readonly #fetch = watchingFetch({ signal: (signal) => this.#onSignal(signal), date: (header, at) => serverClock.observe(header, at) });
  #problemTimer: ReturnType<typeof setTimeout> | undefined;
  /** A service worker controlled this page when it loaded: a later controllerchange is a new version taking over. */
  #hadController = Boolean(navigator.serviceWorker?.controller);
  /** A new version took over: the page reloads at the next moment nobody is using it. */
  #reloadPending = false;
  /**
   * The one session of this kiosk, provided (with `@lit/context`) to every service below the app:
   * its HTTP client carries the device credential, so no service can be opened without it.
   */
  #session: KioskSession = createSession({ api: '/api', timeoutMs: this.settings.requestTimeoutMs, fetch: this.#fetch });
  readonly #provision = provideSession(this, this.#session);
  #idle: IdleController | undefined;
  #lastInteraction: Date | undefined;
  #warningDeadline = 0;
  #countdown: ReturnType<typeof setInterval> | undefined;
  #heartbeat: Heartbeat | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(OPEN_SERVICE_EVENT, this.#onOpenService as EventListener);
    this.addEventListener(ATTRACT_DISMISS_EVENT, this.#onAttractDismiss);
    window.addEventListener('pointerdown', this.#onInteraction, { capture: true, passive: true });
    window.addEventListener('keydown', this.#onInteraction, { capture: true, passive: true });
    window.addEventListener('online', this.#onNetwork);
    window.addEventListener('offline', this.#onNetwork);
    navigator.serviceWorker?.addEventListener('controllerchange', this.#onNewServiceWorker);
    this.#heartbeat?.start();
    void this.#applyDefaults();
    if (this.phase === 'starting') void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(OPEN_SERVICE_EVENT, this.#onOpenService as EventListener);
    this.removeEventListener(ATTRACT_DISMISS_EVENT, this.#onAttractDismiss);
    window.removeEventListener('pointerdown', this.#onInteraction, { capture: true });
    window.removeEventListener('keydown', this.#onInteraction, { capture: true });
    window.removeEventListener('online', this.#onNetwork);
    window.removeEventListener('offline', this.#onNetwork);
    navigator.serviceWorker?.removeEventListener('controllerchange', this.#onNewServiceWorker);
    this.#heartbeat?.stop();
    clearInterval(this.#countdown);
    clearTimeout(this.#attractTimer);
    clearTimeout(this.#noteTimer);
    clearTimeout(this.#problemTimer);
    this.#stopSpeaking();
  }

  /** Where the visitor is in the idle countdown: active, warning or idle (before the configuration: undefined). */
  get idleState(): string | undefined {
    return this.#idle?.state;
  }

  /** The locale and elder mode a new visitor is greeted with: the URL's, else the site's. */
  get defaults(): { locale: KioskLocale; elder: boolean; contrast: boolean } {
    return {
      locale: this.settings.locale ?? this.site?.defaultLocale ?? 'zh-CN',
      elder: this.settings.elder ?? this.site?.defaultElder ?? false,
      contrast: false,
    };
  }

  /**
   * Enrolls when opened with an enrollment link, takes the kiosk's own device
   * credential, then reads its site. True when the kiosk can run; out of
   * service (not enrolled, a bad link, revoked, offline, ...) otherwise.
   */
  async start(): Promise<boolean> {
    const code = enrollmentCode(location.search);
    if (code && !(await this.#enroll(code))) return false;
    const credential = storedCredential();
    if (!credential) {
      this.#outOfService('not-enrolled');
      return false;
    }
    if (!this.#session.client.hasDeviceCredential) this.#useCredential(credential);
    return this.loadConfig();
  }

  /** Trades the one-time code for this kiosk's credential; false (out of service) when that fails. */
  async #enroll(code: string): Promise<boolean> {
    try {
      const enrollment = parseEnrollment(await this.#session.client.post<unknown>('/devices/enroll', { code }));
      if (!enrollment) throw new ApiError(0, 'BAD_RESPONSE');
      storeCredential(enrollment.credential);
      this.#useCredential(enrollment.credential);
    } catch (error) {
      // Offline: keep the link in the address, so a retry can still use it.
      const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
      if (refused) this.#forgetEnrollmentLink();
      // A kiosk that boots into its (used) enrollment link every morning keeps the credential it already has.
      if (refused && storedCredential()) return true;
      this.#outOfService(refused ? 'enroll-failed' : causeOf(error));
      return false;
    }
    this.#forgetEnrollmentLink();
    return true;
  }

  /** The one-time code leaves the address: not bookmarked, not in history for Back. */
  #forgetEnrollmentLink(): void {
    history.replaceState(history.state, '', `${location.pathname}${withoutEnrollmentCode(location.search)}${location.hash}`);
  }

  /** From now on every request of every service carries this kiosk's credential (one session, handed down by context). */
  #useCredential(credential: string): void {
    this.#session = createSession({ api: '/api', deviceCredential: credential, timeoutMs: this.settings.requestTimeoutMs, fetch: this.#fetch });
    this.#provision.set(this.#session);
    this.#heartbeat?.stop();
    this.#heartbeat = new Heartbeat({
      client: this.#session.client,
      deviceId: deviceIdOf(credential),
      version: __KIOSK_VERSION__,
      intervalMs: this.settings.heartbeatMs,
      lastInteraction: () => this.#lastInteraction,
    });
    if (this.isConnected) this.#heartbeat.start();
  }

  #outOfService(cause: OutOfServiceCause): void {
    // A running kiosk keeps the configuration it has; only a kiosk without one goes out of service.
    if (this.phase === 'ready') return;
    this.cause = cause;
    this.phase = 'out-of-service';
    this.#reloadIfPending();
  }

  /**
   * The credential was revoked while the kiosk ran, perhaps with a visitor in a service: every
   * service wipes and signs out (the idle signal they all obey), the screen goes, and the kiosk
   * says it was revoked, with the official's phone. Its retries recover it without a restart when
   * the credential is accepted again; a new enrollment link (a navigation) brings a new one.
   */
  #revoked(): void {
    if (this.phase === 'out-of-service' && this.cause === 'revoked') return;
    this.#endWarning();
    this.goHome();
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    this.attract = false;
    this.cause = 'revoked';
    this.phase = 'out-of-service';
    void this.#applyDefaults();
  }

  /** What an answer to a service says: revoked, a server failure, a wait for the whole kiosk, or fine again. */
  #onSignal(signal: ResponseSignal): void {
    if (signal.kind === 'revoked') {
      this.#revoked();
      return;
    }
    if (signal.kind === 'ok') {
      if (this.serviceProblem?.path === signal.path) this.#clearProblem();
      return;
    }
    // Only what a visitor in a service meets: the heartbeat and the site configuration have their own paths.
    if (!this.serviceId || /\/api\/kiosk\//.test(signal.path)) return;
    this.serviceProblem = signal.kind === 'wait' ? { kind: 'wait', path: signal.path, seconds: signal.seconds } : { kind: 'server-error', path: signal.path, status: signal.status };
    clearTimeout(this.#problemTimer);
    // A wait ends by itself; a failure is said until the service's own retry succeeds (or the visitor leaves it).
    if (signal.kind === 'wait' && signal.seconds) this.#problemTimer = setTimeout(() => this.#clearProblem(), signal.seconds * 1000);
  }

  #clearProblem(): void {
    clearTimeout(this.#problemTimer);
    this.serviceProblem = undefined;
  }

  /** Reloads for the new version only when nobody is using the kiosk: idle reset, attract screen, out of service. */
  #reloadIfPending(): void {
    if (this.#reloadPending && !(this.phase === 'ready' && this.#dirty && !this.attract)) {
      this.#reloadPending = false;
      location.reload();
    }
  }

  /** Reads this kiosk's own site configuration; true when the kiosk can run on it. Out of service otherwise. */
  async loadConfig(): Promise<boolean> {
    let problem: OutOfServiceCause;
    try {
      const data = await this.#session.client.get<unknown>('/kiosk/site');
      const parsed = parseSiteConfig(data);
      if (parsed.ok) {
        this.#useConfig(parsed.config);
        return true;
      }
      console.warn(`civic-kiosk: the site configuration cannot be used (${parsed.problem}).`);
      problem = 'bad-config';
    } catch (error) {
      problem = causeOf(error);
      this.waitSeconds = problem === 'busy' && error instanceof ApiError ? (error.retryAfterSeconds ?? 0) : 0;
    }
    this.#outOfService(problem);
    return false;
  }

  #useConfig(config: SiteConfig): void {
    const first = this.phase !== 'ready';
    this.site = config;
    this.official = config.official;
    storeOfficial(config.official);
    this.phase = 'ready';
    if (first) {
      // The timeout is fixed for the life of the page: the URL's, else the site's, else 90 s.
      this.#idle ??= new IdleController(this, {
        ...idleTiming(this.settings, config),
        onWarning: (ms) => this.#onWarning(ms),
        onActive: () => this.#endWarning(),
        onIdle: () => void this.resetSession(),
      });
      void this.#applyDefaults();
      if (this.settings.service) void this.openService(this.settings.service);
      else this.#scheduleAttract();
    } else if (this.serviceId && !this.#offered.some((s) => s.id === this.serviceId)) {
      this.goHome();
    }
  }

  get #offered(): ServiceDescriptor[] {
    return this.site ? offeredServices(this.site) : [];
  }

  /** Opens a service full-screen, loading its element first. */
  async openService(id: string): Promise<void> {
    const service = this.#offered.find((s) => s.id === id);
    if (!service) return;
    // One mark, the latest tap (benchmarks read it): a kiosk that runs all day must not pile them up.
    performance.clearMarks('ck-service-open');
    performance.mark('ck-service-open');
    this.#stopSpeaking();
    this.#clearProblem();
    this.serviceId = id;
    this.serviceStatus = 'loading';
    try {
      await service.load();
      if (this.serviceId === id) this.serviceStatus = 'ready';
    } catch (error) {
      console.warn('civic-kiosk: a service could not be loaded.', error);
      if (this.serviceId === id) this.serviceStatus = 'error';
    }
  }

  goHome(): void {
    this.#stopSpeaking();
    this.#clearProblem();
    this.#endVisit();
    this.serviceId = undefined;
  }

  /** The open service's visitor is signed out on the server before its element goes (services.ts, endVisit). */
  #endVisit(): void {
    const service = this.#offered.find((s) => s.id === this.serviceId);
    const element = this.renderRoot.querySelector('.service > *');
    if (service?.endVisit && element && this.serviceStatus === 'ready') {
      try {
        service.endVisit(element);
      } catch (error) {
        console.warn('civic-kiosk: a service could not end its visit.', error);
      }
    }
  }

  /** The visitor has gone: home screen, site defaults, every service back to its start. */
  async resetSession(): Promise<void> {
    this.#endWarning();
    this.goHome();
    await this.#applyDefaults();
    this.renderRoot.querySelector('.content')?.scrollTo({ top: 0 });
    this.#scheduleAttract();
    // A quiet moment: a new version that took over meanwhile loads now; else pick up configuration changes (failures keep the current one).
    this.#reloadIfPending();
    void this.loadConfig();
  }

  /** After the reset, an untouched home screen gives way to the attract screen. */
  #scheduleAttract(): void {
    clearTimeout(this.#attractTimer);
    this.#attractTimer = setTimeout(() => {
      if (!this.#dirty && !this.warning) {
        this.attract = true;
        this.#reloadIfPending();
      }
    }, attractDelayMs(this.settings));
  }

  #onAttractDismiss = () => {
    this.attract = false;
  };

  /** Speaks the screen's main content in the active language, or stops; says so once when there is no voice. */
  async #readAloud(): Promise<void> {
    if (this.speaking) {
      this.#stopSpeaking();
      return;
    }
    const synth = 'speechSynthesis' in window ? window.speechSynthesis : undefined;
    const voices = synth ? await voicesOf(synth) : [];
    const index = voiceFor(this.locale, voices);
    const main = this.renderRoot.querySelector('main');
    if (!synth || index === undefined || !main) {
      this.#noVoice.add(this.locale);
      this.#note(msg('This kiosk has no voice for this language, so it cannot read aloud.'));
      return;
    }
    const utterance = new SpeechSynthesisUtterance(speakableText(main));
    utterance.voice = voices[index]!;
    utterance.lang = voices[index]!.lang;
    utterance.rate = this.elder ? 0.85 : 1;
    utterance.onend = utterance.onerror = () => (this.speaking = false);
    synth.cancel();
    synth.speak(utterance);
    this.speaking = true;
  }

  #stopSpeaking(): void {
    if (this.speaking && 'speechSynthesis' in window) window.speechSynthesis.cancel();
    this.speaking = false;
  }

  #note(text: string): void {
    this.readAloudNote = text;
    clearTimeout(this.#noteTimer);
    this.#noteTimer = setTimeout(() => (this.readAloudNote = ''), 8000);
  }

  async #applyDefaults(): Promise<void> {
    const { locale, elder, contrast } = this.defaults;
    this.elder = elder;
    this.contrast = contrast;
    await this.#setLocale(locale);
  }

  async #setLocale(locale: KioskLocale): Promise<void> {
    this.#stopSpeaking();
    const active = await setLocale(locale);
    document.documentElement.lang = active;
    this.requestUpdate();
  }

  get #dirty(): boolean {
    const { locale, elder, contrast } = this.defaults;
    return this.serviceId !== undefined || this.locale !== locale || this.elder !== elder || this.contrast !== contrast;
  }

  #onWarning(remainingMs: number): void {
    // Nobody to warn when the home screen is already as a new visitor finds it.
    if (!this.#dirty) return;
    // Monotonic: a wrong or corrected wall clock neither shortens nor stretches the countdown.
    this.#warningDeadline = performance.now() + remainingMs;
    this.warning = true;
    this.#tickCountdown();
    clearInterval(this.#countdown);
    this.#countdown = setInterval(() => this.#tickCountdown(), 250);
  }

  #tickCountdown(): void {
    this.secondsLeft = Math.max(0, Math.ceil((this.#warningDeadline - performance.now()) / 1000));
  }

  #endWarning(): void {
    clearInterval(this.#countdown);
    this.warning = false;
  }

  #onInteraction = () => {
    // On the server's clock when the kiosk's is off by minutes: /ops compares it with its own.
    this.#lastInteraction = serverClock.now();
    clearTimeout(this.#attractTimer);
  };

  /**
   * A service worker took control. The first one (this page installed it) only needs the configuration
   * read once more, so the offline copy has it. A later one is a new version replacing an older one
   * (skipWaiting + clientsClaim): this page's code is the old version and its lazily loaded service
   * chunks may be gone, so it reloads — but never under a visitor: at the next idle reset, attract
   * screen or out-of-service screen (now, when the kiosk is already untouched).
   */
  #onNewServiceWorker = () => {
    if (!this.#hadController) {
      this.#hadController = true;
      if (this.phase === 'ready') void this.loadConfig();
      return;
    }
    this.#reloadPending = true;
    if (this.phase !== 'ready' || this.attract) this.#reloadIfPending();
  };

  #onNetwork = () => {
    this.online = navigator.onLine;
  };

  #onOpenService = (event: CustomEvent<OpenServiceDetail>) => {
    void this.openService(event.detail.id);
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setAttribute('data-ck-theme', themeAttribute(this.elder, this.contrast));
    this.dataset.phase = this.phase;
    this.dataset.view = this.attract ? 'attract' : (this.serviceId ?? 'home');
    if (changed.has('phase') && this.phase === 'ready' && !performance.getEntriesByName('ck-home-ready').length) {
      performance.mark('ck-home-ready');
    }
  }

  override render() {
    if (this.phase === 'out-of-service') {
      return html`<ck-out-of-service .cause=${this.cause} .official=${this.official} wait-seconds=${this.waitSeconds} .retry=${() => this.start()}></ck-out-of-service>`;
    }
    if (this.phase === 'starting' || !this.site) {
      return html`<main class="starting"><h1 class="visually-hidden">${msg('Public service kiosk')}</h1>
        <ck-status-banner state="loading" reason=${msg('Starting up…')}></ck-status-banner></main>`;
    }
    if (this.attract) return html`<main><ck-attract .site=${this.site} .services=${this.#offered}></ck-attract></main>`;
    const service = this.serviceId ? this.#offered.find((s) => s.id === this.serviceId) : undefined;
    return html`
      <header class=${service ? 'topbar in-service' : 'topbar'}>
        ${service
          ? html`<ck-button class="home-button" size="large" @click=${() => this.goHome()}>
                <span slot="icon">${icon('home')}</span>${msg('Home')}
              </ck-button>
              <h1 class="title">${service.title()}</h1>`
          : html`<p class="brand">${icon('station')}<span>${msg('Public service kiosk')}</span></p>
`}
        ${this.#renderSwitches()}
      </header>
      <main class=${service ? 'content in-service' : 'content'}>
        ${this.readAloudNote ? html`<p class="read-aloud-note" role="status">${this.readAloudNote}</p>` : nothing}
        ${this.online
          ? nothing
          : html`<p class="offline-note" role="status">${msg('No network right now. Finding a station and reading public information still work; signing in and borrowing wait until it is back.')}</p>`}
        ${service && this.serviceProblem ? this.#renderProblem(this.serviceProblem) : nothing}
        ${service
          ? html`<div class="service">${this.#renderService(service)}</div>`
          : html`<ck-home .site=${this.site} .services=${this.#offered} ?data-elder=${this.elder}></ck-home>`}
        ${this.#renderWarning()}
      </main>
      ${service
        ? nothing
        : html`<footer class="footer">
            ${icon('clock')}<span>${msg(str`After ${Math.round(idleTiming(this.settings, this.site).timeoutMs / 1000)} s without a touch, the kiosk clears the screen and returns here.`)}</span>
          </footer>`}
    `;
  }

  /** Inside <main>: ck-dialog's own <header> would otherwise count as a second banner landmark. */
  #renderWarning() {
    return html`<ck-dialog heading=${msg('Still there?')} .open=${this.warning} @ck-dialog-close=${() => this.#endWarning()}>
      <p class="countdown">${msg(html`Returning to the home screen in <strong>${this.secondsLeft}</strong> s.`)}</p>
      <p>${msg('Touch the screen to keep going. Otherwise what is on screen is cleared for the next visitor.')}</p>
      <ck-button slot="footer" size="large" @click=${() => this.#endWarning()}>${msg('I am still here')}</ck-button>
    </ck-dialog>`;
  }

  #renderSwitches() {
    const locale = this.locale;
    const canRead = !this.#noVoice.has(locale);
    return html`<div class="switches">
      ${canRead
        ? html`<button class="switch read-aloud" type="button" data-read-aloud aria-pressed=${this.speaking ? 'true' : 'false'} @click=${() => void this.#readAloud()}>
            ${icon('speaker')}<span class=${this.elder ? 'label' : 'label visually-hidden'}>${this.speaking ? msg('Stop reading') : msg('Read aloud')}</span>
          </button>`
        : nothing}
      <div class="segmented" role="group" aria-label=${msg('Language')}>
        <button class="switch" type="button" lang="zh-CN" data-locale="zh-CN" aria-pressed=${locale === 'zh-CN' ? 'true' : 'false'} @click=${() => void this.#setLocale('zh-CN')}>中文</button>
        <button class="switch" type="button" lang="en" data-locale="en" aria-pressed=${locale === 'en' ? 'true' : 'false'} @click=${() => void this.#setLocale('en')}>English</button>
      </div>
      <button class="switch elder" type="button" data-elder aria-pressed=${this.elder ? 'true' : 'false'} @click=${() => (this.elder = !this.elder)}>
        ${icon('elder')}<span class="label">${msg('Elder mode')}</span>
      </button>
      <button class="switch elder contrast" type="button" data-contrast aria-pressed=${this.contrast ? 'true' : 'false'} @click=${() => (this.contrast = !this.contrast)}>
        ${contrastIcon()}<span class="label">${msg('High contrast')}</span>
      </button>
    </div>`;
  }

  /** A server failure or a kiosk-wide wait met by the open service: what happened, what to do, whom to call. */
  #renderProblem(problem: ServiceProblem) {
    const official = this.site!.official;
    const what =
      problem.kind === 'wait'
        ? problem.seconds
          ? problem.seconds >= 60
            ? msg(str`Too many tries on this kiosk: the server asks it to wait about ${Math.ceil(problem.seconds / 60)} min. Please try again after that.`)
            : msg(str`Too many tries on this kiosk: the server asks it to wait ${problem.seconds} s. Please try again after that.`)
          : msg('Too many tries on this kiosk: the server asks it to wait a moment. Please try again shortly.')
        : msg(str`The service had a problem on the server (error ${problem.status}). It is not your fault: please try again in a moment.`);
    return html`<div class="service-problem" role="alert" data-problem=${problem.kind}>
      <p>${what}</p>
      <p class="call">${icon('phone')}<span>${msg(str`If it keeps happening, call this station's official ${official.name}:`)}</span> <strong>${official.phone}</strong></p>
    </div>`;
  }

  #renderService(service: ServiceDescriptor) {
    switch (this.serviceStatus) {
      case 'loading':
        return html`<ck-status-banner state="loading" reason=${msg('Opening…')}></ck-status-banner>`;
      case 'error':
        return html`<ck-status-banner
          state="error"
          retryable
          reason=${msg(str`This service could not be opened. Please try again; if it keeps happening, call ${this.site!.official.name} at ${this.site!.official.phone}.`)}
          @ck-retry=${() => void this.openService(service.id)}
        ></ck-status-banner>`;
      default:
        return service.render({ site: this.site!, now: serverClock.skewed ? serverClock.now() : undefined });
    }
  }
}

/** The voices of the browser; Chromium lists them only after `voiceschanged`, so wait a moment for it. */
function voicesOf(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => resolve(synth.getVoices());
    synth.addEventListener('voiceschanged', done, { once: true });
    setTimeout(done, 1000);
  });
}

/** A problem the open service met, said by the shell with the official's phone. */
type ServiceProblem = { kind: 'server-error'; path: string; status: number } | { kind: 'wait'; path: string; seconds: number | undefined };

function causeOf(error: unknown): OutOfServiceCause {
  if (!(error instanceof ApiError)) return 'offline';
  if (error.status === 429) return 'busy';
  if (error.code === 'BAD_RESPONSE') return 'bad-config';
  if (error.code === 'DEVICE_REVOKED') return 'revoked';
  if (error.code === 'DEVICE_UNKNOWN') return 'not-enrolled';
  if (error.status === 404) return 'not-found';
  if (error.status === 401 || error.status === 403) return 'refused';
  return 'offline';
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-kiosk-app': KioskApp;
  }
}
