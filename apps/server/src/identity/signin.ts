import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import { audit } from '../http/audit.js';
import { ApiError } from '../http/errors.js';
import { deviceThrottle, recordDeviceFailure } from './device-guard.js';
import { delayAfter, LOCK_MINUTES, MAX_PIN_FAILURES, SIGNIN_LEASE_MS } from './lockout.js';
import { dummyHash, verifyPin } from './pin.js';
import { revokeSessionsOf } from './sessions.js';

/** Who signs in with what: residents and patrons with a card and PIN, staff with a username and password. */
export type AccountKind = 'resident' | 'patron' | 'staff';
const ACCOUNTS = {
  resident: { table: 'residents', login: 'card_number', secret: 'pin_hash' },
  patron: { table: 'patrons', login: 'card_number', secret: 'pin_hash' },
  staff: { table: 'staff', login: 'username', secret: 'password_hash' },
} as const;

/** The words for what was wrong: a card and PIN for residents and patrons, a username and password for staff. */
const WORDS = {
  card: { login: 'card number', secret: 'PIN', secrets: 'PINs', loginZh: '卡号', secretZh: 'PIN' },
  staff: { login: 'username', secret: 'password', secrets: 'passwords', loginZh: '用户名', secretZh: '密码' },
} as const;
type Words = (typeof WORDS)[keyof typeof WORDS];
const wordsFor = (kind: AccountKind): Words => (kind === 'staff' ? WORDS.staff : WORDS.card);

export function lockedError(lockedUntil: string, now: Date, w: Words = WORDS.card): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(lockedUntil).getTime() - now.getTime()) / 1000));
  return new ApiError(
    423,
    'PIN_LOCKED',
    `Too many wrong ${w.secrets}. This account is locked for ${LOCK_MINUTES} minutes, until ${lockedUntil}.`,
    `${w.secretZh} 错误次数过多，账户已锁定 ${LOCK_MINUTES} 分钟（至 ${lockedUntil}）。`,
    { lockedUntil, retryAfterSeconds },
  );
}

const wrongCredentials = (attemptsLeft: number, w: Words) =>
  new ApiError(
    401,
    'WRONG_PIN',
    `The ${w.login} or ${w.secret} is wrong. ${attemptsLeft} attempt(s) left before the account is locked for ${LOCK_MINUTES} minutes.`,
    `${w.loginZh}或 ${w.secretZh} 不正确。再错 ${attemptsLeft} 次账户将锁定 ${LOCK_MINUTES} 分钟。`,
    { attemptsLeft },
  );

const pleaseWait = (retryAfterSeconds: number, attemptsLeft: number, w: Words) =>
  new ApiError(
    429,
    'PIN_WAIT',
    `Please wait ${retryAfterSeconds} s before trying again; a try made sooner counts as a wrong ${w.secret}. ${attemptsLeft} attempt(s) left.`,
    `请等待 ${retryAfterSeconds} 秒后再试，提前尝试按输错${w.secretZh}计算。还可尝试 ${attemptsLeft} 次。`,
    { retryAfterSeconds, attemptsLeft },
  );

interface Reserved {
  failed_pins: number;
  locked_until: string | null;
  next_attempt_at: string | null;
  signin_token: string | null;
  signin_until: string | null;
}

/** The row an attempt counts against: the real account, or the phantom of a login that does not exist. */
interface Target {
  table: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  subject: string | null;
}

async function targetOf(db: Db, kind: AccountKind, login: string): Promise<{ target: Target; id: string | null; hash: string | null }> {
  const a = ACCOUNTS[kind];
  const row = (await sql<{ id: string; hash: string | null }>`SELECT id, ${sql.ref(a.secret)} AS hash FROM ${sql.table(a.table)} WHERE ${sql.ref(a.login)} = ${login}`.execute(db)).rows[0];
  if (row) return { id: row.id, hash: row.hash, target: { table: sql.table(a.table), where: sql`id = ${row.id}`, subject: `${kind}:${row.id}` } };
  // Unknown logins get their own counters: they lock, wait and answer exactly as a real account would.
  await db.insertInto('signin_phantoms').values({ kind, login, failed_pins: 0 }).onConflict((oc) => oc.doNothing()).execute();
  return { id: null, hash: null, target: { table: sql.table('signin_phantoms'), where: sql`kind = ${kind} AND login = ${login}`, subject: null } };
}

/**
 * Checks a login and its PIN or password. The attempt is reserved (and counted
 * as a failure) by one atomic `UPDATE … RETURNING` before the hash is checked,
 * and only one attempt per account is checked at a time: a guess that arrives
 * while another is in flight, or during the wait after a failure, stays counted
 * and is not checked. A right PIN then clears the count, unless the account was
 * locked meanwhile (the lock is re-checked in the same statement). Unknown logins
 * and accounts without a PIN take the same path against a dummy hash.
 */
export async function verifySecret(db: Db, kind: AccountKind, login: string, secret: string, now: Date, deviceId: string): Promise<string> {
  const throttle = await deviceThrottle(db, deviceId, now);
  if (throttle) throw throttle;
  const { target, id, hash } = await targetOf(db, kind, login);
  const at = now.toISOString();
  const nonce = randomBytes(12).toString('base64url');
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const lease = new Date(now.getTime() + SIGNIN_LEASE_MS).toISOString();
  const locked = sql`(locked_until IS NOT NULL AND locked_until > ${at})`;
  const expired = sql`(locked_until IS NOT NULL AND locked_until <= ${at})`;
  const count = sql`(CASE WHEN ${expired} THEN 1 ELSE failed_pins + 1 END)`;
  const free = sql`(NOT ${locked} AND (signin_until IS NULL OR signin_until <= ${at}) AND (${expired} OR next_attempt_at IS NULL OR next_attempt_at <= ${at}))`;
  const reserved = (
    await sql<Reserved>`UPDATE ${target.table} SET
      failed_pins = CASE WHEN ${locked} THEN failed_pins ELSE ${count} END,
      locked_until = CASE WHEN ${locked} THEN locked_until WHEN NOT ${free} AND ${count} >= ${MAX_PIN_FAILURES} THEN ${lockUntil} ELSE NULL END,
      next_attempt_at = CASE WHEN ${expired} THEN NULL ELSE next_attempt_at END,
      signin_token = CASE WHEN ${free} THEN ${nonce} ELSE signin_token END,
      signin_until = CASE WHEN ${free} THEN ${lease} ELSE signin_until END
    WHERE ${target.where}
    RETURNING failed_pins, locked_until, next_attempt_at, signin_token, signin_until`.execute(db)
  ).rows[0]!;

  const accountKey = target.subject ?? `${kind}?${login}`;
  const w = wordsFor(kind);
  if (reserved.signin_token !== nonce) {
    // Not checked: the account is locked, busy, or in its wait.
    if (reserved.locked_until !== null && reserved.locked_until > at) {
      if (reserved.locked_until === lockUntil) await afterLock(db, target, accountKey, now, deviceId);
      throw lockedError(reserved.locked_until, now, w);
    }
    await recordDeviceFailure(db, deviceId, accountKey, now);
    const waitUntil = [reserved.next_attempt_at, reserved.signin_until].filter((t): t is string => t !== null && t > at).sort().pop();
    const retryAfter = waitUntil ? Math.max(1, Math.ceil((new Date(waitUntil).getTime() - now.getTime()) / 1000)) : 1;
    throw pleaseWait(retryAfter, Math.max(0, MAX_PIN_FAILURES - reserved.failed_pins), w);
  }

  const ok = await verifyPin(secret, hash ?? (await dummyHash()));
  const release = sql`signin_token = NULL, signin_until = NULL`;
  const mine = sql`signin_token = ${nonce}`;
  if (ok && hash !== null && id !== null) {
    // Clearing the count and logging the sign-in share one commit (each commit is an fsync on the sign-in path).
    const signedIn = await db.transaction().execute(async (tx) => {
      const cleared = await sql`UPDATE ${target.table} SET failed_pins = 0, next_attempt_at = NULL, ${release}
        WHERE ${target.where} AND ${mine} AND NOT ${locked} RETURNING id`.execute(tx);
      if (cleared.rows.length !== 1) return false;
      await audit(tx, { at: now, actor: target.subject!, action: 'signin', subject: target.subject!, detail: {}, deviceId });
      return true;
    });
    if (signedIn) return id;
    const row = (await sql<{ locked_until: string | null }>`SELECT locked_until FROM ${target.table} WHERE ${target.where}`.execute(db)).rows[0];
    throw lockedError(row?.locked_until ?? lockUntil, now, w);
  }

  await recordDeviceFailure(db, deviceId, accountKey, now);
  const d = (n: number) => new Date(now.getTime() + delayAfter(n) * 1000).toISOString();
  const after = (
    await sql<{ failed_pins: number; locked_until: string | null }>`UPDATE ${target.table} SET
      locked_until = CASE WHEN ${locked} THEN locked_until WHEN failed_pins >= ${MAX_PIN_FAILURES} THEN ${lockUntil} ELSE locked_until END,
      next_attempt_at = CASE WHEN failed_pins >= ${MAX_PIN_FAILURES} THEN NULL WHEN failed_pins >= 4 THEN ${d(4)} WHEN failed_pins = 3 THEN ${d(3)} WHEN failed_pins = 2 THEN ${d(2)} ELSE NULL END,
      signin_token = CASE WHEN ${mine} THEN NULL ELSE signin_token END,
      signin_until = CASE WHEN ${mine} THEN NULL ELSE signin_until END
    WHERE ${target.where}
    RETURNING failed_pins, locked_until`.execute(db)
  ).rows[0]!;
  if (after.locked_until !== null && after.locked_until > at) {
    if (after.locked_until === lockUntil) await afterLock(db, target, accountKey, now, deviceId);
    throw lockedError(after.locked_until, now, w);
  }
  throw wrongCredentials(Math.max(0, MAX_PIN_FAILURES - after.failed_pins), w);
}

/** A lockout ends the account's live sessions and is logged (phantoms have no sessions, but their lockouts are logged the same). */
async function afterLock(db: Db, target: Target, accountKey: string, now: Date, deviceId: string): Promise<void> {
  const revoked = target.subject ? await revokeSessionsOf(db, target.subject, now, 'lockout') : 0;
  await audit(db, { at: now, actor: `device:${deviceId}`, action: 'signin.lockout', subject: target.subject ?? 'unknown-account', detail: { revokedSessions: revoked, minutes: LOCK_MINUTES, ...(target.subject ? {} : { account: accountKey.split('?')[0] }) }, deviceId });
}

