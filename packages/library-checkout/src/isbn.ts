/**
 * ISBN-10 and ISBN-13: validated and normalised. Pure: no DOM, no locale.
 * Visitors (and scanners) give ISBNs with hyphens, spaces, a lower-case x, or
 * full-width digits from a Chinese input method; all of those are tolerated.
 */

export type IsbnCheck =
  | { ok: true; isbn13: string; isbn10: string | undefined }
  /** `length`: neither 10 nor 13 digits; `check-digit`: the last digit does not match; `characters`: something that is not a digit (or X). */
  | { ok: false; problem: 'length' | 'check-digit' | 'characters'; expected?: string };

/** Full-width digits and X (from a Chinese IME) to ASCII; hyphens, spaces and dots dropped. */
export function compactIsbn(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—.]/g, '')
    .toUpperCase();
}

/** The ISBN-10 check character of nine digits: 0-9 or X. */
export function isbn10CheckDigit(nine: string): string {
  const sum = [...nine].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The ISBN-13 (EAN-13) check digit of twelve digits. */
export function isbn13CheckDigit(twelve: string): string {
  const sum = [...twelve].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return String((10 - (sum % 10)) % 10);
}

/** ISBN-10 → ISBN-13 (978 prefix), e.g. for searching a catalogue that keeps only ISBN-13. */
export function isbn10To13(isbn10: string): string {
  const twelve = `978${isbn10.slice(0, 9)}`;
  return twelve + isbn13CheckDigit(twelve);
}

/** ISBN-13 → ISBN-10, only for the 978 prefix (979 has no ISBN-10). */
export function isbn13To10(isbn13: string): string | undefined {
  if (!isbn13.startsWith('978')) return undefined;
  const nine = isbn13.slice(3, 12);
  return nine + isbn10CheckDigit(nine);
}

/** Checks an ISBN as typed or scanned. */
export function checkIsbn(text: string): IsbnCheck {
  const compact = compactIsbn(text);
  if (!/^[0-9]*X?$/.test(compact)) return { ok: false, problem: 'characters' };
  if (compact.length === 10) {
    const expected = isbn10CheckDigit(compact.slice(0, 9));
    if (compact[9] !== expected) return { ok: false, problem: 'check-digit', expected };
    return { ok: true, isbn13: isbn10To13(compact), isbn10: compact };
  }
  if (compact.length === 13 && !compact.includes('X')) {
    if (!compact.startsWith('978') && !compact.startsWith('979')) return { ok: false, problem: 'characters' };
    const expected = isbn13CheckDigit(compact.slice(0, 12));
    if (compact[12] !== expected) return { ok: false, problem: 'check-digit', expected };
    return { ok: true, isbn13: compact, isbn10: isbn13To10(compact) };
  }
  return { ok: false, problem: compact.includes('X') && compact.indexOf('X') !== compact.length - 1 ? 'characters' : 'length' };
}

/**
 * Whether a search text is meant as an ISBN: only digits, X, hyphens and
 * spaces, with at least 9 digits (a title or an author never looks like that).
 */
export function looksLikeIsbn(text: string): boolean {
  const compact = compactIsbn(text);
  return /^[0-9]{9,13}X?$/.test(compact) || /^[0-9]{9}X$/.test(compact);
}
