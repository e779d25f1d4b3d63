import type { Db } from '../db/database.js';
import { ApiError } from '../http/errors.js';
import { afterFailure, isLocked, LOCK_MINUTES } from './lockout.js';
import { verifyPin } from './pin.js';

type AccountTable = 'residents' | 'patrons';

function lockedError(lockedUntil: string, now: Date): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(lockedUntil).getTime() - now.getTime()) / 1000));
  return new ApiError(
    423,
    'PIN_LOCKED',
    `Too many wrong PINs. This account is locked for ${LOCK_MINUTES} minutes, until ${lockedUntil}.`,
    `PIN 错误次数过多，账户已锁定 ${LOCK_MINUTES} 分钟（至 ${lockedUntil}）。`,
    { lockedUntil, retryAfterSeconds },
  );
}

const wrongCredentials = (attemptsLeft?: number) =>
  new ApiError(
    401,
    'WRONG_PIN',
    attemptsLeft === undefined
      ? 'The card number or PIN is wrong.'
      : `The card number or PIN is wrong. ${attemptsLeft} attempt(s) left before the account is locked for ${LOCK_MINUTES} minutes.`,
    attemptsLeft === undefined
      ? '卡号或 PIN 不正确。'
      : `卡号或 PIN 不正确。再错 ${attemptsLeft} 次账户将锁定 ${LOCK_MINUTES} 分钟。`,
    attemptsLeft === undefined ? {} : { attemptsLeft },
  );

/**
 * Checks a card number and PIN against residents or patrons. The PIN is
 * verified outside any transaction (scrypt is slow on purpose and must not hold
 * the database); the failure counter is then bumped atomically, so concurrent
 * wrong guesses cannot slip past the limit.
 */
export async function checkPin(db: Db, table: AccountTable, cardNumber: string, pin: string, now: Date): Promise<string> {
  const row = await db
    .selectFrom(table)
    .select(['id', 'pin_hash', 'failed_pins', 'locked_until'])
    .where('card_number', '=', cardNumber)
    .executeTakeFirst();
  if (!row?.pin_hash) throw wrongCredentials();
  if (isLocked({ failedPins: row.failed_pins, lockedUntil: row.locked_until }, now)) throw lockedError(row.locked_until!, now);

  if (await verifyPin(pin, row.pin_hash)) {
    if (row.failed_pins !== 0 || row.locked_until !== null) {
      await db.updateTable(table).set({ failed_pins: 0, locked_until: null }).where('id', '=', row.id).execute();
    }
    return row.id;
  }

  const bumped = await db
    .updateTable(table)
    .set((eb) => ({ failed_pins: eb('failed_pins', '+', 1) }))
    .where('id', '=', row.id)
    .returning('failed_pins')
    .executeTakeFirstOrThrow();
  const outcome = afterFailure(bumped.failed_pins, now);
  if (outcome.lock && outcome.lockedUntil) {
    await db.updateTable(table).set({ failed_pins: 0, locked_until: outcome.lockedUntil }).where('id', '=', row.id).execute();
    throw lockedError(outcome.lockedUntil, now);
  }
  throw wrongCredentials(outcome.attemptsLeft);
}
