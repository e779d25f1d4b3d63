// Pure helpers of the fleet page: the answer of GET /api/staff/devices checked, and how long ago.
import type { ApiTypes } from '@civic-kiosk/core';

export type FleetDevice = ApiTypes.paths['/api/staff/devices']['get']['responses']['200']['content']['application/json'][number];
export type FleetState = FleetDevice['state'];

/** States that need someone to look, first; then by site and name. */
const URGENCY: Record<FleetState, number> = { stale: 0, offline: 1, silent: 2, ok: 3, revoked: 4 };

export function sortFleet(devices: readonly FleetDevice[]): FleetDevice[] {
  return [...devices].sort((a, b) => URGENCY[a.state] - URGENCY[b.state] || a.siteId.localeCompare(b.siteId) || (a.label ?? a.deviceId).localeCompare(b.label ?? b.deviceId));
}

/** Whole minutes (or seconds under a minute) between two instants, for "3 min ago". */
export function ageOf(iso: string | null | undefined, now: number): { value: number; unit: 'second' | 'minute' | 'hour' | 'day' } | undefined {
  if (!iso) return undefined;
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return { value: seconds, unit: 'second' };
  if (seconds < 3600) return { value: Math.floor(seconds / 60), unit: 'minute' };
  if (seconds < 86_400) return { value: Math.floor(seconds / 3600), unit: 'hour' };
  return { value: Math.floor(seconds / 86_400), unit: 'day' };
}

/** The answer, when it has the shape the page draws; a server of another version gives a clear message instead of a broken table. */
export function parseFleet(data: unknown): FleetDevice[] | undefined {
  if (!Array.isArray(data)) return undefined;
  const ok = data.every((d) => d && typeof d === 'object' && typeof (d as FleetDevice).deviceId === 'string' && typeof (d as FleetDevice).siteId === 'string' && typeof (d as FleetDevice).state === 'string' && (d as FleetDevice).state in URGENCY);
  return ok ? (data as FleetDevice[]) : undefined;
}
