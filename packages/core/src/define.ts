/**
 * Registers custom elements so that two copies of a civic-kiosk package on one
 * page (two bundles that each carry it, or two versions) do not break it.
 *
 * `customElements.define()` throws when a tag is taken. An embedder who drops
 * two of our services into a page, each bundled with its own copy of
 * `@civic-kiosk/ui`, would get "ck-qr-code has already been defined" and a
 * blank second service. Instead the first copy keeps the tag, and the second
 * says so ONCE per tag in the console, naming the tag: the page works, and the
 * embedder learns that two copies ship (which costs bytes, and the second
 * copy's element class is not the one on the page).
 *
 * The same class defined twice (the ui package's own define module and a
 * service's define module importing the same ui copy) is no conflict and is
 * silent. Where there is no `customElements` (plain Node, no DOM shim) nothing
 * is registered and nothing throws.
 */

/** Tags already warned about, shared by every copy of core on the page (a Symbol.for key on globalThis). */
const KEY = Symbol.for('civic-kiosk.define.warned');
const globals = globalThis as typeof globalThis & { [KEY]?: Set<string> };

/**
 * Whether `tag` may be defined with `ctor`: true when the tag is free. When
 * another class holds it (another copy of the package) it warns once per tag
 * and answers false; the same class again answers false silently. For define
 * modules that spell out `customElements.define('ck-x', X)` so the
 * custom-elements manifest can read the definition:
 * `if (mayDefine('ck-x', X)) customElements.define('ck-x', X);`
 */
export function mayDefine(tag: string, ctor: CustomElementConstructor): boolean {
  const registry = globalThis.customElements as CustomElementRegistry | undefined;
  if (!registry) return false;
  const existing = registry.get(tag);
  if (!existing) return true;
  if (existing === ctor) return false;
  const warned = (globals[KEY] ??= new Set<string>());
  if (!warned.has(tag)) {
    warned.add(tag);
    console.warn(
      `civic-kiosk: <${tag}> is already defined by another copy or version of its package on this page; ` +
        `that one is used and this copy is not registered. Bundle one copy of each @civic-kiosk package to avoid this.`,
    );
  }
  return false;
}

/**
 * Defines `tag` as `ctor` unless it is taken (see {@link mayDefine}): never
 * throws. Answers whether the page's `tag` is now `ctor`.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): boolean {
  if (mayDefine(tag, ctor)) customElements.define(tag, ctor);
  return globalThis.customElements?.get(tag) === ctor;
}
