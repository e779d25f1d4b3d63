/**
 * The rules of the numeric keypad, without any DOM: which key presses a
 * value accepts. Bad input (non-digits, anything past the maximum length, an
 * X anywhere but last) is ignored rather than reported, as on a hardware keypad.
 */
export interface KeypadRules {
  /** Most characters accepted. */
  maxlength: number;
  /** Whether `X` may end the value (the check character of a Chinese resident ID). */
  allowX: boolean;
}

/**
 * The value after pressing `key` (a digit, `X`, `Backspace` or `Clear`), or
 * `undefined` when the press is ignored.
 */
export function pressKey(value: string, key: string, rules: KeypadRules): string | undefined {
  if (key === 'Backspace') return value ? value.slice(0, -1) : undefined;
  if (key === 'Clear') return value ? '' : undefined;
  if (/^[0-9]$/.test(key)) return value.length < rules.maxlength ? value + key : undefined;
  if (key === 'X' || key === 'x') return acceptsX(value, rules) ? value + 'X' : undefined;
  return undefined;
}

/** X is accepted only as the final character, i.e. when it makes the value exactly `maxlength` long. */
export function acceptsX(value: string, rules: KeypadRules): boolean {
  return rules.allowX && value.length === rules.maxlength - 1;
}

/** Keeps what typing could have produced from a value set by code: digits, a final X, at most `maxlength`. */
export function sanitize(value: unknown, rules: KeypadRules): string {
  let result = '';
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  for (const char of text) result = pressKey(result, char, rules) ?? result;
  return result;
}
