import type { Db } from '../db/database.js';
import { audit } from '../http/audit.js';
import { ApiError } from '../http/errors.js';
import { DEVICE_THROTTLE_MINUTES, DEVICE_WINDOW_MINUTES, deviceOverLimit } from './lockout.js';

/**
 * Failures are counted per device as well as per account: one kiosk trying
 * many cards (to lock residents out, or to find a weak PIN) is throttled as a
 * whole and raises an alert in the audit log, long before it has locked many
 * accounts.
 */
export async function deviceThrottle(db: Db, deviceId: string, now: Date): Promise<ApiError | null> {
  const row = await db.selectFrom('signin_devices').select('throttled_until').where('device_id', '=', deviceId).executeTakeFirst();
  if (!row?.throttled_until || row.throttled_until <= now.toISOString()) return null;
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.throttled_until).getTime() - now.getTime()) / 1000));
  return new ApiError(
    429,
    'DEVICE_THROTTLED',
    `Too many failed sign-ins on this kiosk. Sign-in is paused here for ${Math.ceil(retryAfterSeconds / 60)} minute(s); please ask the staff.`,
    `本终端登录失败次数过多，已暂停登录 ${Math.ceil(retryAfterSeconds / 60)} 分钟，请联系工作人员。`,
    { retryAfterSeconds },
  );
}

export async function recordDeviceFailure(db: Db, deviceId: string, account: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.insertInto('signin_failures').values({ device_id: deviceId, account, at }).execute();
  const since = new Date(now.getTime() - DEVICE_WINDOW_MINUTES * 60_000).toISOString();
  const counts = await db
    .selectFrom('signin_failures')
    .select((eb) => [eb.fn.countAll<number>().as('failures'), eb.fn.count<number>('account').distinct().as('accounts')])
    .where('device_id', '=', deviceId)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  const failures = Number(counts.failures);
  const accounts = Number(counts.accounts);
  if (!deviceOverLimit(failures, accounts)) return;
  const until = new Date(now.getTime() + DEVICE_THROTTLE_MINUTES * 60_000).toISOString();
  await db.insertInto('signin_devices').values({ device_id: deviceId, throttled_until: null, alerted_at: null }).onConflict((oc) => oc.doNothing()).execute();
  // Only the request that starts the throttle raises the alert.
  const started = await db
    .updateTable('signin_devices')
    .set({ throttled_until: until, alerted_at: at })
    .where('device_id', '=', deviceId)
    .where((eb) => eb.or([eb('throttled_until', 'is', null), eb('throttled_until', '<=', at)]))
    .returning('device_id')
    .executeTakeFirst();
  if (started) {
    await audit(db, { at: now, actor: `device:${deviceId}`, action: 'signin.alert.device-burst', subject: `device:${deviceId}`, detail: { failures, accounts, windowMinutes: DEVICE_WINDOW_MINUTES, throttledUntil: until }, deviceId });
  }
}
