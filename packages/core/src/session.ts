import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HttpClient, isSafeApi, type HttpClientOptions } from './http.js';
import { inRange, warnBadValue } from './converters.js';
import { defineElement } from './define.js';
import { resolveLocale, type Locale } from './localization.js';

/**
 * What a page (the kiosk app, or an embedder) hands every civic-kiosk
 * component below it, through `@lit/context`.
 */
export interface KioskSession {
  /** The one HTTP client: base URL, the device credential, timeouts. */
  readonly client: HttpClient;
  /** The language the provider chose; it is also written as `lang` on the provider element. Unset: the page-wide locale. */
  readonly locale: Locale | undefined;
  /**
   * Where `ck-idle` (and `ck-idle-warning`, `ck-idle-active`) are heard:
   * `window` by default, where `IdleController` fires them.
   */
  readonly idle: EventTarget;
}

/**
 * The context key. `Symbol.for`, so that two copies of core on one page
 * (two bundles) still find each other's provider.
 */
export const sessionContext = createContext<KioskSession | undefined>(Symbol.for('civic-kiosk.session'));

export interface SessionOptions {
  /** Base URL of the API. Default `/api`. */
  api?: string;
  /** The kiosk's device credential (sent as `X-Device-Key`). Never an attribute. */
  deviceCredential?: string;
  /** Milliseconds before a request gives up. Default 10 000. */
  timeoutMs?: number;
  locale?: string;
  idle?: EventTarget;
  /** A client made elsewhere; `api`, `deviceCredential` and `timeoutMs` are then ignored. */
  client?: HttpClient;
  fetch?: HttpClientOptions['fetch'];
}

/** A session from plain options. */
export function createSession(options: SessionOptions = {}): KioskSession {
  const client =
    options.client ??
    new HttpClient({
      baseUrl: isSafeApi(options.api) ? options.api : '/api',
      deviceCredential: options.deviceCredential,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
    });
  return Object.freeze({
    client,
    locale: options.locale ? resolveLocale(options.locale) : undefined,
    idle: options.idle ?? window,
  });
}

/**
 * Provides `session` to every civic-kiosk component inside `element` (any
 * element: a Lit one, a plain one, a React root's container). Call `set()`
 * on the result to hand over a new session (e.g. after enrollment).
 */
export function provideSession(element: HTMLElement, session: KioskSession): SessionProvision {
  const provider = new ContextProvider(element, { context: sessionContext, initialValue: session });
  const apply = (next: KioskSession) => {
    if (next.locale) element.setAttribute('lang', next.locale);
    provider.setValue(next);
  };
  apply(session);
  return {
    get session() {
      return provider.value!;
    },
    set: apply,
  };
}

export interface SessionProvision {
  readonly session: KioskSession;
  set(session: KioskSession): void;
}

/**
 * In a browser, HTMLElement. In Node (server-side rendering, unit tests, a bundler's
 * analysis) importing this module must not throw: a stand-in class then, as Lit's own
 * node build does (issue 13 item 4).
 */
const ElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/**
 * `<ck-session>`: a provider an embedder can write in HTML. `api` and
 * `timeout-ms` are attributes; the credential is a property only
 * (`el.deviceCredential = …`), so it is never written into the page.
 * Register it with {@link defineSessionProvider}.
 *
 * ```html
 * <ck-session api="https://city.example/api" lang="en"><ck-station-finder></ck-station-finder></ck-session>
 * ```
 *
 * @tagname ck-session
 * @summary Hands one session (HTTP client with the device credential, locale, idle signal) to the civic-kiosk components inside it.
 * @attr api - Base URL of the API (an http(s) URL or a path). Default `/api`.
 * @attr timeout-ms - Milliseconds before a request gives up (1–600000). Default 10 000.
 * @slot - The components that use the session.
 */
export class KioskSessionProvider extends ElementBase {
  static observedAttributes = ['api', 'timeout-ms'];
  #credential: string | undefined;
  #provision: SessionProvision | undefined;

  /** Write-only in spirit: reading gives whether one is set, not its value. */
  set deviceCredential(value: string | undefined) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      warnBadValue(this.localName, 'deviceCredential', value, undefined, 'a credential string', true);
      value = undefined;
    }
    this.#credential = value || undefined;
    this.#update();
  }

  get deviceCredential(): string | undefined {
    return this.#credential ? '(set)' : undefined;
  }

  /** The session provided now. */
  get session(): KioskSession {
    this.#provision ??= provideSession(this, this.#make());
    return this.#provision.session;
  }

  /** Provides a session made elsewhere (its own client, idle target, locale). */
  set session(value: KioskSession) {
    if (!isSession(value)) {
      warnBadValue(this.localName, 'session', value, 'the session from its attributes', 'an object from createSession()');
      value = this.#make();
    }
    if (this.#provision) this.#provision.set(value);
    else this.#provision = provideSession(this, value);
  }

  connectedCallback(): void {
    this.style.display = 'contents';
    this.#provision ??= provideSession(this, this.#make());
  }

  attributeChangedCallback(): void {
    this.#update();
  }

  #make(): KioskSession {
    const api = this.getAttribute('api');
    if (api !== null && !isSafeApi(api)) warnBadValue(this.localName, 'api', api, '/api', 'an http(s) URL or a path');
    const timeoutText = this.getAttribute('timeout-ms');
    const timeout = timeoutText === null ? undefined : Number(timeoutText);
    const timeoutOk = timeout === undefined || inRange(timeout, { min: 1, max: 600_000 });
    if (!timeoutOk) warnBadValue(this.localName, 'timeout-ms', timeoutText, 10_000, 'milliseconds from 1 to 600000');
    return createSession({
      api: api !== null && isSafeApi(api) ? api : undefined,
      deviceCredential: this.#credential,
      timeoutMs: timeoutOk ? timeout : undefined,
    });
  }

  #update(): void {
    this.#provision?.set(this.#make());
  }
}

function isSession(value: unknown): value is KioskSession {
  const session = value as Partial<KioskSession> | null;
  return typeof session === 'object' && session !== null && session.client instanceof HttpClient && session.idle instanceof EventTarget;
}

/** Registers `<ck-session>` (once; a second copy of core finds it defined and says so once). */
export function defineSessionProvider(tag = 'ck-session'): void {
  defineElement(tag, KioskSessionProvider);
}

type SessionHost = ReactiveControllerHost & HTMLElement;

/**
 * A component's view of the session: the provider's when there is one,
 * otherwise a default one built from the component's own attributes
 * (`api`, …), rebuilt only when they change. A component never holds a
 * device credential: with a provider the client carries it, and without one
 * there is none to forget.
 *
 * ```ts
 * #session = new SessionController(this, () => ({ api: this.api }));
 * … this.#session.client.get('/stations')
 * ```
 */
export class SessionController implements ReactiveController {
  readonly #consumer: ContextConsumer<typeof sessionContext, SessionHost>;
  readonly #fallback: () => SessionOptions;
  #default: { key: string; session: KioskSession } | undefined;

  constructor(host: SessionHost, fallback: () => SessionOptions = () => ({})) {
    this.#fallback = fallback;
    this.#consumer = new ContextConsumer(host, { context: sessionContext, subscribe: true });
    host.addController(this);
  }

  /** True when a provider above the component gave the session. */
  get provided(): boolean {
    return this.#consumer.value !== undefined;
  }

  get session(): KioskSession {
    const provided = this.#consumer.value;
    if (provided) return provided;
    const options = this.#fallback();
    const key = JSON.stringify([options.api, options.timeoutMs, options.locale]);
    if (this.#default?.key !== key) this.#default = { key, session: createSession(options) };
    return this.#default.session;
  }

  get client(): HttpClient {
    return this.session.client;
  }

  hostConnected(): void {}
}
