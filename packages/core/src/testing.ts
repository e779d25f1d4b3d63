// Test helpers for components built on the personal-data controller: where a
// personal value can still be found after a wipe. A subpath of its own
// (`@civic-kiosk/core/testing`), so no kiosk or embedder bundle carries them.
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

/** The console warnings logged while `run` runs (bad attribute values warn once each). */
export async function warningsOf(run: () => unknown): Promise<string[]> {
  const original = console.warn;
  const seen: string[] = [];
  console.warn = (...args: unknown[]) => seen.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}
