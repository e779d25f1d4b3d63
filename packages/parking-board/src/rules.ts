import { enforceRules, isSafeUrl, oneOf, stringConverter, type PropertyRule } from '@civic-kiosk/core';
import type { PropertyValues } from 'lit';

/*
 * What the board's attributes and properties accept: attributes through core's safe converters, values set
 * from code checked in willUpdate. A bad value gives one warning naming the element and the attribute, and
 * the default is used: nothing throws.
 */
export const TAG = 'ck-parking-board';
export const VIEWS = ['problem', 'proposals', 'meetings', 'vote', 'supervision'] as const;
export type BoardView = (typeof VIEWS)[number];

const ID = /^[A-Za-z0-9_-]{1,64}$/;
export const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const optionalId = (v: unknown) => v === '' || v === undefined || isId(v);
const isPrefix = (v: unknown) => typeof v === 'string' && /^[A-Za-z]{0,4}$/.test(v);

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !value) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const topicIdConverter = stringConverter(TAG, 'topic-id', '', (v) => optionalId(v), 'an id of letters, digits, - and _');
export const motionIdConverter = stringConverter(TAG, 'motion-id', '', (v) => optionalId(v), 'an id of letters, digits, - and _');
export const cardPrefixConverter = stringConverter(TAG, 'card-prefix', '', isPrefix, 'up to four letters, e.g. XK');
export const timeZoneConverter = stringConverter(TAG, 'time-zone', 'Asia/Shanghai', isTimeZone, 'an IANA time zone, e.g. Asia/Shanghai');

const isSource = (v: unknown) => v === undefined || (!!v && typeof (v as { board?: unknown }).board === 'function');

const RULES: Readonly<Record<string, PropertyRule>> = {
  api: { attribute: 'api', check: (v) => isSafeUrl(v), fallback: '/api', why: 'an http(s) URL or a path' },
  topicId: { attribute: 'topic-id', check: optionalId, fallback: '', why: 'an id of letters, digits, - and _' },
  motionId: { attribute: 'motion-id', check: optionalId, fallback: '', why: 'an id of letters, digits, - and _' },
  view: { attribute: 'view', check: oneOf(VIEWS), fallback: 'problem', why: `one of ${VIEWS.join(', ')}` },
  cardPrefix: { attribute: 'card-prefix', check: isPrefix, fallback: '', why: 'up to four letters' },
  timeZone: { attribute: 'time-zone', check: isTimeZone, fallback: 'Asia/Shanghai', why: 'an IANA time zone' },
  source: { attribute: 'source', check: isSource, fallback: undefined, why: 'an object with board()' },
};

export function boardRules(host: Element, changed: PropertyValues): void {
  enforceRules(host, changed, RULES);
}
