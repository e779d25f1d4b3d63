// The fleet page's judgement of one kiosk (issue 14 item 7), apart from the routes so it is tested alone.

/** Kiosks beat every minute: three missed beats make a kiosk stale. */
export const STALE_AFTER_MS = 3 * 60_000;

export type FleetState = 'ok' | 'offline' | 'stale' | 'silent' | 'revoked';

/**
 * - `revoked`: its credential is refused;
 * - `silent`: enrolled but never beat;
 * - `stale`: no beat for three minutes (switched off, crashed, cut off);
 * - `offline`: beating, but the kiosk says its network dropped (the beat came from its queue);
 * - `ok` otherwise.
 */
export function fleetState(device: { revokedAt: string | null; receivedAt: string | null; online: boolean | null }, now: Date): FleetState {
  if (device.revokedAt) return 'revoked';
  if (!device.receivedAt) return 'silent';
  if (now.getTime() - Date.parse(device.receivedAt) > STALE_AFTER_MS) return 'stale';
  return device.online === false ? 'offline' : 'ok';
}
