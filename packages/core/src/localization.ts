import { configureLocalization, LOCALE_STATUS_EVENT } from '@lit/localize';

/** Locales every civic-kiosk component speaks. zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
/** Strings are written in English in the source and translated to zh-CN. */
const SOURCE_LOCALE: Locale = 'en';

type Templates = Record<string, unknown>;

/**
 * One merged catalogue per target locale. Each package registers its own
 * generated translations into it, so a single `setLocale` call switches every
 * component on the page, whichever packages are loaded and in whatever order.
 */
const catalogues: Record<string, Templates> = { 'zh-CN': {} };

const lit = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: LOCALES.filter((locale) => locale !== SOURCE_LOCALE),
  loadLocale: (locale) => Promise.resolve({ templates: catalogues[locale] ?? {} } as never),
});

/**
 * Adds a package's translations. When they arrive after their locale is
 * already active, elements re-render through lit-localize's own ready event.
 */
export function registerTranslations(locale: Locale, templates: Templates): void {
  const catalogue = catalogues[locale];
  if (!catalogue) return;
  Object.assign(catalogue, templates);
  if (lit.getLocale() === locale) {
    window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }));
  }
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

/** The locale every component is currently rendering in. */
export function getLocale(): Locale {
  return lit.getLocale() as Locale;
}

/** Switches every civic-kiosk component on the page to `locale`. */
export async function setLocale(locale: string): Promise<Locale> {
  const resolved = resolveLocale(locale);
  await lit.setLocale(resolved);
  return resolved;
}

/** Fires on window when the locale has changed and components re-rendered. */
export { LOCALE_STATUS_EVENT };

void lit.setLocale(DEFAULT_LOCALE);
