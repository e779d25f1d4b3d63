/**
 * What a scan (or a typed number) is, before anything is sent. Pure.
 *
 * A USB scanner can send garbage (a wrong symbology setting, a smudged label
 * read as control characters) or half a code (the beam left the label): the
 * visitor gets a clear message at once instead of a server round trip and a
 * "not found".
 */
import { checkIsbn } from './isbn.js';

/** The server's barcode rule (CONTRACT C: `^[A-Za-z0-9]{4,32}$`). */
export const BARCODE = /^[A-Za-z0-9]{4,32}$/;
/** The server's card-number rule. */
export const CARD_NUMBER = /^[A-Za-z0-9]{4,20}$/;

export type ScanKind =
  | { kind: 'code'; code: string }
  /** The printed ISBN bar (EAN-13, 978/979) instead of the library's own label. */
  | { kind: 'isbn'; isbn: string }
  /** Characters no label has (control characters, punctuation, a wrong scanner setting). */
  | { kind: 'garbage' }
  /** Fewer characters than any label: the scan was cut off. */
  | { kind: 'partial' };

/**
 * Reads one scanned code: trims it, drops the scanner's prefix/suffix
 * whitespace, and tells a usable code from garbage, half a code and a book's ISBN.
 * `minLength`: the shortest label this library uses (default 4, the server's minimum).
 */
export function readScan(raw: string, options: { minLength?: number; maxLength?: number } = {}): ScanKind {
  const code = raw.normalize('NFKC').trim();
  const min = Math.max(1, options.minLength ?? 4);
  const max = options.maxLength ?? 32;
  if (!code || !/^[A-Za-z0-9]+$/.test(code)) return { kind: 'garbage' };
  if (code.length < min) return { kind: 'partial' };
  if (code.length > max) return { kind: 'garbage' };
  if (/^97[89][0-9]{10}$/.test(code) && checkIsbn(code).ok) return { kind: 'isbn', isbn: code };
  return { kind: 'code', code };
}

/**
 * The card number from what the visitor typed on the numeric keypad: the
 * library's printed prefix (e.g. `LIB`) is put back when only digits were typed.
 */
export function cardNumberFrom(typed: string, prefix: string): string {
  const digits = typed.trim();
  return /^[0-9]+$/.test(digits) && prefix && !digits.startsWith(prefix) ? `${prefix}${digits}` : digits;
}
