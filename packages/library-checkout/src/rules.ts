import { enumConverter, isSafeUrl, isString, numberIn, oneOf, stringConverter, type PropertyRule } from '@civic-kiosk/core';

/*
 * What the element's attributes and properties accept. Attributes go through
 * core's safe converters; values set from code are checked in willUpdate. A
 * bad value gives one warning naming the element and the attribute, then the
 * default: nothing throws.
 */
export const TAG = 'ck-library-checkout';

export const RECEIPTS = ['print', 'qr', 'none'] as const;
export type ReceiptKind = (typeof RECEIPTS)[number];

export const receiptConverter = enumConverter<ReceiptKind>(TAG, 'receipt', RECEIPTS, 'qr');
export const cardPrefixConverter = stringConverter(TAG, 'card-prefix', '', (v) => /^[A-Za-z]{0,8}$/.test(v), 'up to 8 letters');

const isSource = (value: unknown): boolean =>
  !!value && ['status', 'signIn', 'checkin', 'search'].every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
const optional =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === undefined || check(value);

export const RULES: Readonly<Record<string, PropertyRule>> = {
  api: { attribute: 'api', check: (v) => isSafeUrl(v), fallback: '/api', why: 'an http(s) URL or a path' },
  source: { attribute: 'source', check: optional(isSource), fallback: undefined, why: 'an object with status(), signIn(), checkin() and search()' },
  receipt: { attribute: 'receipt', check: oneOf(RECEIPTS), fallback: 'qr', why: 'print, qr or none' },
  cardPrefix: { attribute: 'card-prefix', check: (v) => isString(v) && /^[A-Za-z]{0,8}$/.test(v), fallback: '', why: 'up to 8 letters' },
  timeZone: { attribute: 'time-zone', check: (v) => isTimeZone(v), fallback: 'Asia/Shanghai', why: 'an IANA time zone' },
  minBarcodeLength: { attribute: 'min-barcode-length', check: numberIn({ min: 1, max: 32, integer: true }), fallback: 4, why: 'a whole number from 1 to 32' },
};

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !value) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneConverter = stringConverter(TAG, 'time-zone', 'Asia/Shanghai', isTimeZone, 'an IANA time zone, e.g. Asia/Shanghai');
