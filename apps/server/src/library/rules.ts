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
} as const;

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

const yuan = (cents: number) => (cents / 100).toFixed(2);

/** Why this patron may not borrow this item now, or null when they may. Checked in this order. */
export function checkoutRefusal(patron: PatronState, item: ItemState, now: Date): ApiError | null {
  if (cardExpired(patron.expiresOn, now)) {
    return new ApiError(403, 'CARD_EXPIRED', `The library card expired on ${patron.expiresOn}. Please renew it at the desk.`, `借书证已于 ${patron.expiresOn} 过期，请到服务台续办。`, { expiresOn: patron.expiresOn });
  }
  const overdue = patron.overdueLoans;
  if (overdue > 0) {
    return new ApiError(403, 'OVERDUE', `${overdue} item(s) are overdue. Please return them before borrowing more.`, `有 ${overdue} 本书已逾期，请先归还再借。`, { overdue });
  }
  if (patron.unpaidFinesCents > POLICY.fineLimitCents) {
    return new ApiError(
      403,
      'FINE_LIMIT',
      `Unpaid fines of ¥${yuan(patron.unpaidFinesCents)} are above the ¥${yuan(POLICY.fineLimitCents)} limit.`,
      `未缴罚款 ¥${yuan(patron.unpaidFinesCents)}，超过 ¥${yuan(POLICY.fineLimitCents)} 的上限。`,
      { finesCents: patron.unpaidFinesCents, limitCents: POLICY.fineLimitCents },
    );
  }
  if (!item.loanable) {
    return new ApiError(403, 'NOT_FOR_LOAN', 'This item is for reading in the library only.', '此书仅供馆内阅览，不外借。');
  }
  if (item.onLoanTo !== null) {
    return item.onLoanTo === patron.patronId
      ? new ApiError(409, 'ALREADY_BORROWED', 'You already have this item on loan.', '您已借出此书。')
      : new ApiError(409, 'ON_LOAN', 'This item is on loan to someone else and has not been returned.', '此书已被他人借出，尚未归还。');
  }
  const first = item.holdQueue[0];
  if (first !== undefined && first !== patron.patronId) {
    return new ApiError(403, 'ON_HOLD_FOR_OTHER', 'This item is reserved for another reader.', '此书已被其他读者预约。');
  }
  if (patron.openLoans >= patron.maxLoans) {
    return new ApiError(403, 'LOAN_LIMIT', `You have reached your limit of ${patron.maxLoans} loans.`, `已达到 ${patron.maxLoans} 本的借阅上限。`, { limit: patron.maxLoans });
  }
  return null;
}

export function renewRefusal(patron: PatronState, renewals: number, holdQueue: string[], now: Date): ApiError | null {
  if (cardExpired(patron.expiresOn, now)) {
    return new ApiError(403, 'CARD_EXPIRED', `The library card expired on ${patron.expiresOn}.`, `借书证已于 ${patron.expiresOn} 过期。`, { expiresOn: patron.expiresOn });
  }
  if (holdQueue.some((id) => id !== patron.patronId)) {
    return new ApiError(403, 'ON_HOLD_FOR_OTHER', 'Another reader is waiting for this item, so it cannot be renewed.', '其他读者正在预约此书，无法续借。');
  }
  if (renewals >= POLICY.maxRenewals) {
    return new ApiError(403, 'RENEW_LIMIT', `This item has already been renewed ${POLICY.maxRenewals} times.`, `此书已续借 ${POLICY.maxRenewals} 次，不能再续。`, { limit: POLICY.maxRenewals });
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
