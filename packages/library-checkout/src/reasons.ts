/**
 * What a visitor can do about each refusal the server sends (CONTRACT C
 * codes). The reason itself is the server's, in the visitor's language
 * (`ApiError.reason`); this adds the next step, which the server cannot know
 * (it does not know it is speaking through a kiosk).
 */
import { ApiError } from '@civic-kiosk/core';
import { msg } from '@lit/localize';

/**
 * Codes of servers older than CONTRACT C, mapped to the contract's names so
 * both get the same advice.
 */
const ALIASES: Record<string, string> = {
  OVERDUE: 'CARD_BLOCKED_OVERDUE',
  FINE_LIMIT: 'CARD_BLOCKED_FINES',
  ON_HOLD_FOR_OTHER: 'ON_HOLD_FOR_ANOTHER',
};

export function contractCode(code: string): string {
  return ALIASES[code] ?? code;
}

/** The card cannot borrow anything until this is dealt with: no use scanning more. */
export function blocksCard(code: string): boolean {
  return ['CARD_BLOCKED_OVERDUE', 'CARD_BLOCKED_FINES', 'CARD_EXPIRED'].includes(contractCode(code));
}

/** The next step for a refusal, or '' when the reason says it all. */
export function whatToDo(code: string): string {
  switch (contractCode(code)) {
    case 'ON_HOLD_FOR_ANOTHER':
      return msg('Put it back on the shelf; you can reserve it from the catalogue.');
    case 'NOT_FOR_LOAN':
      return msg('Read it here in the library; please put it back on the shelf after reading.');
    case 'LOAN_LIMIT':
      return msg('Return a book first, then borrow this one.');
    case 'CARD_BLOCKED_OVERDUE':
      return msg('Return the overdue books first (no sign-in needed: "Return books"), then borrow again.');
    case 'CARD_BLOCKED_FINES':
      return msg('Pay the fines at the library desk or to the village librarian, then borrow again.');
    case 'CARD_EXPIRED':
      return msg('Renew your card at the library desk.');
    case 'ON_LOAN':
      return msg('Someone else has borrowed it and not returned it yet: hand it to the librarian.');
    case 'NOT_FOUND':
      return msg('This barcode is not in the catalogue. Scan the library label on the book, or hand it to the librarian.');
    case 'NOT_ON_LOAN':
      return msg('Put it back on the shelf.');
    case 'OVERDUE_RENEWAL_REFUSED':
      return msg('Please return it; it can then be borrowed again.');
    case 'RENEW_LIMIT':
      return msg('Return it by the due date; it cannot be renewed again.');
    case 'ITEM_AVAILABLE':
      return msg('It is on the shelf now: just take it and borrow it.');
    case 'HOLD_LIMIT':
      return msg('Cancel a hold you no longer need, or wait until one is picked up.');
    case 'WRONG_PIN':
      return msg('Check the card number and PIN and try again.');
    case 'PIN_REQUIRED':
      return msg('Enter your PIN on the keypad.');
    case 'PIN_LOCKED':
    case 'PIN_WAIT':
      return msg('Wait, or ask the librarian for help.');
  }
  return '';
}

export interface Refusal {
  code: string;
  /** The error itself: its reason is read at render time, in the element's locale. */
  cause: unknown;
  details?: Record<string, unknown>;
}

/** A refusal kept in a row or a screen. */
export function describeError(error: unknown): Refusal {
  if (error instanceof ApiError) {
    const details = error.body['details'];
    return { code: contractCode(error.code), cause: error, ...(details && typeof details === 'object' ? { details: details as Record<string, unknown> } : {}) };
  }
  return { code: 'ERROR', cause: error };
}

/** The reason to show, in the active locale (call it in render): the server's own words when it sent them. */
export function reasonOf(refusal: Refusal): string {
  return refusal.cause instanceof ApiError ? refusal.cause.reason : msg('Something went wrong on this kiosk. Please try again.');
}

/** The answer was lost (no connection) even after retrying: not known to be done. */
export function isLost(error: unknown): boolean {
  return error instanceof ApiError && error.offline;
}

/** The SIP2 library system (or our server) is down: a whole-screen state, not a row. */
export function isLibraryOffline(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'LIBRARY_OFFLINE' || (error.status === 503 && !error.code.startsWith('PIN')));
}
