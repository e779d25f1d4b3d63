/** Words for flags, sexes and errors, in the element's locale (msg() at render time). */
import { msg, str } from '@lit/localize';
import { ApiError } from '@civic-kiosk/core';
import type { Flag, NoteKind } from './readings.js';

export function flagLabel(flag: Flag): string {
  switch (flag) {
    case 'high':
      return msg('High');
    case 'low':
      return msg('Low');
    case 'normal':
      return msg('Normal');
    case 'abnormal':
      return msg('Outside the normal range');
    default:
      return msg('No normal range given');
  }
}

export function sexLabel(gender: string | undefined): string {
  return gender === 'male' ? msg('Male') : gender === 'female' ? msg('Female') : gender === 'other' ? msg('Other') : '';
}

export function noteLabel(kind: NoteKind, count: number): string {
  switch (kind) {
    case 'entered-in-error':
      return msg(str`${count} reading(s) withdrawn by the clinic as entered in error are not shown.`);
    case 'not-a-number':
      return msg(str`${count} reading(s) were not numbers and are not charted.`);
    case 'no-date':
      return msg(str`${count} reading(s) had no date and are not charted.`);
    default:
      return msg(str`${count} blood pressure value(s) without their other half are not shown.`);
  }
}

/** The visitor-facing reason of a failed sign-in or load: the server's own words when it gave them. */
export function errorLabel(error: unknown, phase: 'signin' | 'record' = 'record'): string {
  if (error instanceof ApiError) {
    // A 401 of the sign-in is a wrong PIN (the server says so); a 401 of a record read is an ended session.
    if (phase === 'record' && (error.status === 401 || error.code === 'UNAUTHORIZED')) return msg('Your session has ended. Please sign in again.');
    if (error.code === 'NO_RECORD') return msg('There is no health record for this card.');
    if (error.code === 'BAD_RESPONSE') return msg('The health record server sent something that is not a health record. Please ask the staff.');
    if (error.offline) return msg('The health record server cannot be reached. Please try again later.');
    if (error.body && typeof error.body.reasons === 'object') return error.reason;
  }
  return msg('The record could not be read. Please try again.');
}

/** "3301**********1234": the first and last four of a long number, two of a short one. */
export function maskNumber(value: string): string {
  const keep = value.length >= 12 ? 4 : value.length > 4 ? 2 : 0;
  if (keep === 0) return '*'.repeat(value.length);
  return `${value.slice(0, keep)}${'*'.repeat(value.length - keep * 2)}${value.slice(-keep)}`;
}
