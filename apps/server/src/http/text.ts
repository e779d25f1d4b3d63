/**
 * Free text from a touchscreen (comments, proposals): any language, but no
 * markup and no control characters, so nothing stored can turn into script
 * or break a log line when another kiosk or the OpenAPI viewer shows it.
 */
export function freeText(maxLength: number) {
  return { type: 'string', minLength: 1, maxLength, pattern: '^[^<>\\u0000-\\u0009\\u000B-\\u001F\\u007F]*$' } as const;
}
