/**
 * Characters free text refuses: markup, control characters, bidirectional
 * controls (U+061C, U+200E-200F, U+202A-202E, U+2066-2069: they can make a
 * comment display in a different order than it reads, "Trojan Source") and
 * invisible zero-width characters (U+200B-200D, U+2060, U+FEFF, U+180E: they
 * can hide text or make two identical-looking titles differ).
 */
export const FORBIDDEN_TEXT = '<>\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF';

/**
 * Free text from a touchscreen (comments, proposals): any language, but no
 * markup, no control, bidi-control or zero-width characters, so nothing
 * stored can turn into script, break a log line or read differently than it
 * looks when another kiosk or the OpenAPI viewer shows it.
 */
export function freeText(maxLength: number) {
  return { type: 'string', minLength: 1, maxLength, pattern: `^[^${FORBIDDEN_TEXT}]*$` } as const;
}
