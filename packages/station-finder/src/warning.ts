/** The one warning for a data set: skipped features and unreadable opening hours, counted. */
export function skippedWarning(
  total: number,
  skippedBy: { noGeometry: number; badCoordinates: number; noFacility: number } | undefined,
  unreadableHours: number,
): string | undefined {
  const skipped = skippedBy ? skippedBy.noGeometry + skippedBy.badCoordinates + skippedBy.noFacility : 0;
  if (!skipped && !unreadableHours) return undefined;
  const parts: string[] = [];
  if (skippedBy?.noGeometry) parts.push(`${skippedBy.noGeometry} without a point geometry`);
  if (skippedBy?.badCoordinates) parts.push(`${skippedBy.badCoordinates} with impossible coordinates`);
  if (skippedBy?.noFacility) parts.push(`${skippedBy.noFacility} with no known facility`);
  const hours = unreadableHours ? `${unreadableHours} station(s) have opening_hours that cannot be read (shown as "hours unknown")` : '';
  return `ck-station-finder: ${[skipped ? `skipped ${skipped} of ${total} features (${parts.join(', ')})` : '', hours].filter(Boolean).join('; ')}.`;
}
