import { endOfDay } from '../db/instant.js';
import { ApiError } from '../http/errors.js';

/** Library policy. Kept in one place so the rules and their tests agree. */
export const POLICY = {
  loanDays: 30,
  renewDays: 30,
  maxRenewals: 2,
  /** Unpaid fines above ¥10.00 block borrowing. */
  fineLimitCents: 1000,
  /** ¥0.10 per day overdue. */
  finePerDayCents: 10,
  /** Holds one patron may have waiting or ready at once. */
  maxHolds: 5,
  /** Days a ready hold waits on the hold shelf before it lapses. */
  holdShelfDays: 7,
} as const;

/** What to do when a patron renews a loan that is already overdue (LIBRARY_OVERDUE_RENEWAL). */
export type OverdueRenewal = 'refuse' | 'charge';

export interface PatronState {
  patronId: string;
  expiresOn: string;
  maxLoans: number;
  /** Open loans, and how many of them are past their due time. */
  openLoans: number;
  overdueLoans: number;
  unpaidFinesCents: number;
}

export interface ItemState {
  loanable: boolean;
  onLoanTo: string | null;
  /** Patron ids of waiting holds, oldest first (checkout only looks at the first). */
  holdQueue: string[];
}

/** A card is valid through its expiry day (UTC); compared as instants, not as text. */
export const cardExpired = (expiresOn: string, now: Date): boolean => now.getTime() >= endOfDay(expiresOn);

export const yuan = (cents: number) => (cents / 100).toFixed(2);

/**
 * Why this card may not borrow or reserve at all (expired, overdue loans, fines above the limit), or null.
 * The same three codes answer a checkout and a hold, so the kiosk explains them once.
 */
export function cardRefusal(patron: PatronState, now: Date): ApiError | null {
  if (cardExpired(patron.expiresOn, now)) {
    return new ApiError(403, 'CARD_EXPIRED', `The library card expired on ${patron.expiresOn}. Please renew it at the desk.`, `借书证已于 ${patron.expiresOn} 过期，请到服务台续办。`, { expiresOn: patron.expiresOn, details: { expiresOn: patron.expiresOn } });
  }
  const overdue = patron.overdueLoans;
  if (overdue > 0) {
    return new ApiError(403, 'CARD_BLOCKED_OVERDUE', `${overdue} item(s) are overdue. Please return them before borrowing more.`, `有 ${overdue} 本书已逾期，请先归还再借。`, { overdue, details: { overdue } });
  }
  if (patron.unpaidFinesCents > POLICY.fineLimitCents) {
    return new ApiError(
      403,
      'CARD_BLOCKED_FINES',
      `Unpaid fines of ¥${yuan(patron.unpaidFinesCents)} are above the ¥${yuan(POLICY.fineLimitCents)} limit. Please pay them at the desk.`,
      `未缴罚款 ¥${yuan(patron.unpaidFinesCents)}，超过 ¥${yuan(POLICY.fineLimitCents)} 的上限，请到服务台缴纳。`,
      { details: { finesTotalCents: patron.unpaidFinesCents, fineLimitCents: POLICY.fineLimitCents } },
    );
  }
  return null;
}

/** Why this patron may not borrow this item now, or null when they may. Checked in this order. */
export function checkoutRefusal(patron: PatronState, item: ItemState, now: Date): ApiError | null {
  const card = cardRefusal(patron, now);
  if (card) return card;
  if (!item.loanable) {
    return new ApiError(403, 'NOT_FOR_LOAN', 'This item is for reading in the library only.', '此书仅供馆内阅览，不外借。');
  }
  if (item.onLoanTo !== null) {
    // The route answers the patron's own loan with 200 alreadyYours before asking; this is the rule alone.
    return item.onLoanTo === patron.patronId
      ? new ApiError(409, 'ALREADY_BORROWED', 'You already have this item on loan.', '您已借出此书。')
      : new ApiError(409, 'ON_LOAN', 'This item is on loan to someone else and has not been returned.', '此书已被他人借出，尚未归还。');
  }
  const first = item.holdQueue[0];
  if (first !== undefined && first !== patron.patronId) {
    return new ApiError(409, 'ON_HOLD_FOR_ANOTHER', 'This item is reserved for another reader.', '此书已被其他读者预约。');
  }
  if (patron.openLoans >= patron.maxLoans) {
    return new ApiError(403, 'LOAN_LIMIT', `You have reached your limit of ${patron.maxLoans} loans.`, `已达到 ${patron.maxLoans} 本的借阅上限。`, { limit: patron.maxLoans, details: { limit: patron.maxLoans } });
  }
  return null;
}

/**
 * Why this loan may not be renewed now, or null. `holdQueue`: patron ids of the item's waiting and ready
 * holds; `overdue`: the loan is past its due time (refused, or renewed with a fine, per `overduePolicy`).
 */
export function renewRefusal(patron: PatronState, renewals: number, holdQueue: string[], now: Date, overdue = false, overduePolicy: OverdueRenewal = 'refuse'): ApiError | null {
  const loan = { renewals, holdQueue, overdue, overduePolicy };
  if (cardExpired(patron.expiresOn, now)) {
    return new ApiError(403, 'CARD_EXPIRED', `The library card expired on ${patron.expiresOn}.`, `借书证已于 ${patron.expiresOn} 过期。`, { expiresOn: patron.expiresOn, details: { expiresOn: patron.expiresOn } });
  }
  if (loan.overdue && loan.overduePolicy === 'refuse') {
    return new ApiError(409, 'OVERDUE_RENEWAL_REFUSED', 'This item is overdue and cannot be renewed. Please return it.', '此书已逾期，不能续借，请归还。');
  }
  if (loan.holdQueue.some((id) => id !== patron.patronId)) {
    return new ApiError(409, 'ON_HOLD_FOR_ANOTHER', 'Another reader is waiting for this item, so it cannot be renewed.', '其他读者正在预约此书，无法续借。');
  }
  if (loan.renewals >= POLICY.maxRenewals) {
    return new ApiError(403, 'RENEW_LIMIT', `This item has already been renewed ${POLICY.maxRenewals} times.`, `此书已续借 ${POLICY.maxRenewals} 次，不能再续。`, { limit: POLICY.maxRenewals, details: { limit: POLICY.maxRenewals } });
  }
  return null;
}

/** Holds: only items that are out, within the per-patron cap, for a card in good standing. */
export function holdRefusal(patron: PatronState, item: { loanable: boolean; availableOnShelf: boolean; callNumber: string }, activeHolds: number, now: Date): ApiError | null {
  const card = cardRefusal(patron, now);
  if (card) return card;
  if (!item.loanable) return new ApiError(403, 'NOT_FOR_LOAN', 'This item is for reading in the library only.', '此书仅供馆内阅览，不外借。');
  if (item.availableOnShelf) {
    return new ApiError(409, 'ITEM_AVAILABLE', `This item is on the shelf: take it from shelf ${item.callNumber}.`, `此书在架上，请到书架 ${item.callNumber} 取书。`, { details: { callNumber: item.callNumber } });
  }
  if (activeHolds >= POLICY.maxHolds) {
    return new ApiError(409, 'HOLD_LIMIT', `You already have ${POLICY.maxHolds} reservations, the most allowed.`, `您已有 ${POLICY.maxHolds} 个预约，已达上限。`, { limit: POLICY.maxHolds, details: { limit: POLICY.maxHolds } });
  }
  return null;
}

/** Fine for returning late: whole days past the due time. */
export function lateFineCents(dueAt: string, returnedAt: Date): number {
  const days = Math.floor((returnedAt.getTime() - new Date(dueAt).getTime()) / 86_400_000);
  return days > 0 ? days * POLICY.finePerDayCents : 0;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/**
 * The hold-shelf sort bin of a patron: the last two digits of the card, the way small libraries file
 * held items, so staff and the patron find it without a name on the spine.
 */
export function holdShelfBin(cardNumber: string): string {
  const digits = cardNumber.replace(/\D/g, '');
  return `H-${(digits.slice(-2) || '00').padStart(2, '0')}`;
}
