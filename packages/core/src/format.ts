import { getLocale } from './localization.js';

/**
 * Locale-aware formatting through `Intl`. Every function takes the locale as
 * an optional last argument and defaults to the active one, so components
 * never build number or date strings by hand.
 */

// Creating an Intl.NumberFormat is far slower than using one (tens of ms for
// the first of a locale): keep one per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, options?: Intl.NumberFormatOptions, locale: string = getLocale()): string {
  const key = `${locale}|${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** 850 m -> "850米" / "850 m"; 1 234 m -> "1.2公里" / "1.2 km". */
export function formatDistance(meters: number, locale: string = getLocale()): string {
  if (meters < 1000) {
    const rounded = meters < 100 ? Math.round(meters) : Math.round(meters / 10) * 10;
    return formatNumber(rounded, { style: 'unit', unit: 'meter', unitDisplay: 'short' }, locale);
  }
  return formatNumber(meters / 1000, { style: 'unit', unit: 'kilometer', unitDisplay: 'short', maximumFractionDigits: 1 }, locale);
}

/** Minutes as "12分钟" / "12 min"; never less than one minute. */
export function formatMinutes(minutes: number, locale: string = getLocale()): string {
  const whole = Math.max(1, Math.round(minutes));
  return formatNumber(whole, { style: 'unit', unit: 'minute', unitDisplay: 'short' }, locale);
}

export function formatDate(date: Date | number | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }, locale: string = getLocale()): string {
  return new Intl.DateTimeFormat(locale, options).format(new Date(date));
}

export function formatTime(date: Date | number | string, timeZone?: string, locale: string = getLocale()): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(date));
}

export function formatPercent(fraction: number, locale: string = getLocale()): string {
  return formatNumber(fraction, { style: 'percent', maximumFractionDigits: 1 }, locale);
}
