import { formatDate, formatNumber } from '@civic-kiosk/core';
import type { Localized } from './types.js';

/** A title in the visitor's language (Chinese titles stay Chinese when the English one is missing). */
export function titleIn(title: Localized | undefined, locale: string): string {
  if (!title) return '';
  return (locale === 'en' ? title.en || title['zh-CN'] : title['zh-CN'] || title.en) ?? '';
}

/** Fen → "¥12.50" in the active locale. */
export function money(cents: number): string {
  return formatNumber(cents / 100, { style: 'currency', currency: 'CNY' });
}

/** A due date, in the library's time zone (a book is due on a day, not at a UTC instant). */
export function day(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : formatDate(date, { dateStyle: 'long', timeZone });
}

/** The first character of a title, drawn as the cover placeholder. */
export function coverLetter(title: Localized | undefined): string {
  return [...(title?.['zh-CN'] || title?.en || '?')][0] ?? '?';
}

/** One of eight cover colours per ISBN (stable), so the placeholder covers of a list are told apart. */
export function coverHue(isbn: string): number {
  let hash = 0;
  for (const char of isbn) hash = (hash * 31 + char.charCodeAt(0)) % 8;
  return hash;
}
