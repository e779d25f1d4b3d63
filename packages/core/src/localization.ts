import { configureLocalization, LOCALE_STATUS_EVENT } from '@lit/localize';

/** Locales every civic-kiosk component speaks. zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

type Templates = Record<string, unknown>;

/**
 * Localization that survives embedding.
 *
 * - One registry per page, on `globalThis` under a `Symbol.for` key, shared by
 *   every copy of core (two bundles that each carry core): one merged
 *   catalogue per locale, the page-wide locale, and the locale of the element
 *   rendering right now.
 * - `@lit/localize` is configured ONCE per copy of `@lit/localize`, and never
 *   again: a second copy of core that shares it finds the registry and needs
 *   nothing more. If the page configured `@lit/localize` itself first, core
 *   does not throw: it follows the page's locale, and the page can add our
 *   strings to its own catalogues with {@link kioskTemplates}.
 * - lit-localize gets one templates object that never changes: a Proxy that
 *   looks the message up in the catalogue of the locale being rendered. So
 *   `msg()` in an element's `render()` answers in that element's locale (see
 *   `KioskElement.locale`), and two elements may speak two languages.
 */
interface Registry {
  catalogues: Record<string, Templates>;
  /** Set by `setLocale()`: the page-wide choice. */
  chosen: Locale | undefined;
  /** The locale of the element whose `update()` runs now. */
  rendering: Locale | undefined;
  /** True once some copy installed the proxy into a `@lit/localize`. */
  configured: boolean;
  /** The page's own lit-localize locale, when it configured lit-localize itself. */
  external: string | undefined;
}

const KEY = Symbol.for('civic-kiosk.localization');
const globals = globalThis as typeof globalThis & { [KEY]?: Registry };
const registry: Registry = (globals[KEY] ??= {
  catalogues: { 'zh-CN': {} },
  chosen: undefined,
  rendering: undefined,
  configured: false,
  external: undefined,
});

/** The source strings are English; this tag only makes lit-localize load our proxy for every locale. */
const PROXY_LOCALE = 'x-civic-kiosk';

const templates = new Proxy<Templates>(
  {},
  {
    get: (_, id) => (typeof id === 'string' ? registry.catalogues[activeLocale()]?.[id] : undefined),
  },
);

let attempted = false;

/**
 * Configures lit-localize on first need (the first element, or `setLocale`),
 * not at import: a page that imports civic-kiosk before configuring
 * lit-localize itself then still gets to configure it first.
 */
export function ensureLocalization(): void {
  if (attempted) return;
  attempted = true;
  try {
    const lit = configureLocalization({
      sourceLocale: 'en',
      targetLocales: [PROXY_LOCALE],
      loadLocale: () => Promise.resolve({ templates } as never),
    });
    registry.configured = true;
    // Installs the proxy; this runs before the first element's first update (started in its constructor).
    void lit.setLocale(PROXY_LOCALE);
  } catch {
    // lit-localize was configured already: by another copy of core (which
    // installed the same kind of proxy over this same registry), or by the page.
    if (registry.configured) return;
    window.addEventListener(LOCALE_STATUS_EVENT, (event) => {
      const detail = (event as CustomEvent<{ status: string; readyLocale?: string; source?: string }>).detail;
      if (detail.status === 'ready' && detail.source !== SOURCE) registry.external = detail.readyLocale;
    });
  }
}

/** Marks our own status events, so a listener for the page's own locale can skip them. */
const SOURCE = 'civic-kiosk';

/**
 * Tells every element to render again (lit-localize's own event, which
 * `updateWhenLocaleChanges` listens to), naming the page-wide locale.
 */
function announce(): void {
  // Server-side rendering and plain Node imports have no window and nothing to re-render (issue 13 item 4).
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: pageLocale(), source: SOURCE } }));
}

/**
 * Adds a package's translations. When they arrive after their locale is
 * already active, elements re-render through lit-localize's own ready event.
 */
export function registerTranslations(locale: Locale, messages: Templates): void {
  const catalogue = registry.catalogues[locale];
  if (!catalogue) return;
  Object.assign(catalogue, messages);
  announce();
}

/**
 * Every civic-kiosk string for `locale`, for a page that configured
 * `@lit/localize` itself: merge it into what its `loadLocale` returns.
 */
export function kioskTemplates(locale: string): Templates {
  return { ...registry.catalogues[resolveLocale(locale)] };
}

const warned = new Set<string>();

/**
 * Maps a requested locale (`zh`, `zh-Hans-CN`, `en-GB`, ...) to a supported one.
 * Anything unknown falls back to zh-CN, with one console warning per value.
 */
export function resolveLocale(requested: string | null | undefined): Locale {
  const tag = (requested ?? '').trim().toLowerCase();
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (!warned.has(tag)) {
    warned.add(tag);
    console.warn(`civic-kiosk: unsupported locale "${requested}", using ${DEFAULT_LOCALE}.`);
  }
  return DEFAULT_LOCALE;
}

/**
 * The page-wide locale: the one `setLocale()` chose; else, when the page
 * configured lit-localize itself, the page's; else `<html lang>`; else zh-CN.
 */
export function pageLocale(): Locale {
  if (registry.chosen) return registry.chosen;
  if (registry.external) return resolveLocale(registry.external);
  // No document (Node), or @lit-labs/ssr's shim, whose document has no <html>: zh-CN.
  const lang = typeof document === 'undefined' ? null : (document.documentElement?.getAttribute('lang') ?? null);
  return lang ? resolveLocale(lang) : DEFAULT_LOCALE;
}

function activeLocale(): Locale {
  return registry.rendering ?? pageLocale();
}

/**
 * The locale strings and numbers are made in now: inside an element's
 * render, that element's locale; elsewhere the page-wide one.
 */
export function getLocale(): Locale {
  return activeLocale();
}

/** Runs `make` with `msg()`, `getLocale()` and the formatters in `locale` (for text made outside `render()`). */
export function inLocale<T>(locale: Locale, make: () => T): T {
  const previous = registry.rendering;
  registry.rendering = locale;
  try {
    return make();
  } finally {
    registry.rendering = previous;
  }
}

/** Switches every civic-kiosk component on the page to `locale` (elements under an explicit `lang` keep theirs). */
export async function setLocale(locale: string): Promise<Locale> {
  ensureLocalization();
  const resolved = resolveLocale(locale);
  // Asynchronous like lit-localize's own setLocale, so callers can await the re-render.
  await Promise.resolve();
  registry.chosen = resolved;
  announce();
  await Promise.resolve();
  return resolved;
}

/** Fires on window when the locale has changed and components re-rendered. */
export { LOCALE_STATUS_EVENT };

// `<html lang>` counts until `setLocale()` is called: follow changes to it (Web Awesome does the same).
// (Guarded: core may be imported where there is no DOM, e.g. a Node test of pure helpers.)
if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined' && document.documentElement) {
  new MutationObserver(() => {
    if (!registry.chosen) announce();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}
