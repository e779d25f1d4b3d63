import type { SkippedBy } from './types.js';

/** The one warning for a data set: skipped features and unreadable opening hours, counted. */
export function skippedWarning(
  total: number,
  skippedBy: SkippedBy | undefined,
  unreadableHours: number,
): string | undefined {
  const skipped = skippedBy ? skippedBy.noGeometry + skippedBy.badCoordinates + skippedBy.noFacility + (skippedBy.notPublic ?? 0) + (skippedBy.disused ?? 0) : 0;
  if (!skipped && !unreadableHours) return undefined;
  const parts: string[] = [];
  if (skippedBy?.noGeometry) parts.push(`${skippedBy.noGeometry} without a point geometry`);
  if (skippedBy?.badCoordinates) parts.push(`${skippedBy.badCoordinates} with impossible coordinates`);
  if (skippedBy?.noFacility) parts.push(`${skippedBy.noFacility} with no known facility`);
  if (skippedBy?.notPublic) parts.push(`${skippedBy.notPublic} not open to the public (access=private|no)`);
  if (skippedBy?.disused) parts.push(`${skippedBy.disused} disused or abandoned`);
  const hours = unreadableHours ? `${unreadableHours} station(s) have opening_hours that cannot be read (shown as "hours unknown")` : '';
  return `ck-station-finder: ${[skipped ? `skipped ${skipped} of ${total} features (${parts.join(', ')})` : '', hours].filter(Boolean).join('; ')}.`;
}
