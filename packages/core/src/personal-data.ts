import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IdleResetController } from './controllers/idle-reset.js';

/** Why personal data was wiped. */
export type WipeReason = 'sign-out' | 'idle' | 'disconnect' | 'page-hide' | 'api';

export interface PersonalDataOptions<T> {
  /** The empty value, restored by every wipe. */
  empty: T;
  /** Called after each wipe, e.g. to reset a view. */
  onWipe?: (reason: WipeReason) => void;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The one owner of a component's personal data: a resident's token, the
 * records read with it, a PIN being typed, a choice in progress. It keeps
 * the value in memory only (never in an attribute, storage or the URL) and
 * wipes it on sign-out (`wipe('sign-out')`), when the kiosk goes idle
 * (`ck-idle`, through {@link IdleResetController}), when the element leaves
 * the page, and on `pagehide` (the tab is closed, reloaded or frozen).
 *
 * ```ts
 * #personal = new PersonalDataController(this, { empty: { token: '', record: undefined } });
 * render() { const { record } = this.#personal.value; … }
 * ```
 */
export class PersonalDataController<T> implements ReactiveController {
  #value: T;
  readonly #options: PersonalDataOptions<T>;

  constructor(
    private readonly host: Host,
    options: PersonalDataOptions<T>,
  ) {
    this.#options = options;
    this.#value = options.empty;
    new IdleResetController(host, () => this.wipe('idle'));
    host.addController(this);
  }

  get value(): T {
    return this.#value;
  }

  /** Holds a new value and re-renders the host. */
  set value(value: T) {
    this.#value = value;
    this.host.requestUpdate();
  }

  /** Whether anything is held. */
  get held(): boolean {
    return this.#value !== this.#options.empty;
  }

  /** Drops everything held, then calls `onWipe`. Safe to call when empty. */
  wipe(reason: WipeReason = 'api'): void {
    this.#value = this.#options.empty;
    this.#options.onWipe?.(reason);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.wipe('disconnect');
  }

  #onPageHide = () => this.wipe('page-hide');
}

/**
 * Where a personal value can still be found on an element: its attributes,
 * its shadow DOM (text, attributes, form values), its own and inherited
 * properties, localStorage and sessionStorage. Empty when it is gone. For
 * tests: `expect(personalTraces(el, '123456')).to.deep.equal([])`.
 */
export function personalTraces(element: Element, secret: string): string[] {
  const found: string[] = [];
  const has = (text: unknown) => typeof text === 'string' && text.includes(secret);
  for (const attribute of element.attributes) if (has(attribute.value)) found.push(`attribute ${attribute.name}`);
  const root = element.shadowRoot;
  if (root) {
    if (has(root.innerHTML)) found.push('shadow DOM');
    for (const field of root.querySelectorAll<HTMLInputElement>('input, textarea, select')) if (has(field.value)) found.push('a form field');
  }
  if (has(element.textContent)) found.push('light DOM text');
  const seen = new Set<string>();
  for (let proto: object | null = element; proto && proto !== HTMLElement.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (seen.has(name) || name === 'constructor') continue;
      seen.add(name);
      let value: unknown;
      try {
        value = (element as unknown as Record<string, unknown>)[name];
      } catch {
        continue;
      }
      if (typeof value === 'function') continue;
      if (has(value) || (value && typeof value === 'object' && has(safeJson(value)))) found.push(`property ${name}`);
    }
  }
  for (const [name, storage] of [
    ['localStorage', localStorage],
    ['sessionStorage', sessionStorage],
  ] as const) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      if (has(key) || has(storage.getItem(key))) found.push(`${name} ${key}`);
    }
  }
  if (has(location.href)) found.push('the URL');
  return found;
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * Where a personal value can still be found in the page's asynchronous
 * storage: every IndexedDB database (every record of every store) and the
 * Cache Storage (every cached response body). For tests, next to
 * {@link personalTraces}: `expect(await storedPersonalTraces('123456')).to.deep.equal([])`.
 */
export async function storedPersonalTraces(secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
    });
    try {
      for (const store of db.objectStoreNames) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error(`cannot read ${store}`));
        });
        if (records.some((record) => safeJson(record as object).includes(secret))) found.push(`IndexedDB ${name}/${store}`);
      }
    } finally {
      db.close();
    }
  }
  if (globalThis.caches) {
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        const text = (await (await cache.match(request))?.text()) ?? '';
        if (request.url.includes(secret) || text.includes(secret)) found.push(`Cache Storage ${cacheName} ${request.url}`);
      }
    }
  }
  return found;
}
