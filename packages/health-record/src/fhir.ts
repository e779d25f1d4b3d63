/**
 * FHIR R4 reading helpers: published R4 types (`@types/fhir`, module `fhir/r4`)
 * and defensive accessors, since a foreign server may send anything. Pure, no DOM.
 */
import type { Bundle, CodeableConcept, Coding, FhirResource, OperationOutcome, Quantity, Resource } from 'fhir/r4';

export type { Bundle, CodeableConcept, Coding, FhirResource, OperationOutcome, Quantity, Resource };
export type { Condition, Encounter, Immunization, MedicationStatement, Observation, ObservationReferenceRange, Patient } from 'fhir/r4';

export const LOINC = 'http://loinc.org';
export const CODES = {
  bloodPressure: '85354-9',
  systolic: '8480-6',
  diastolic: '8462-4',
  /** Fasting glucose, mass and molar forms, and random glucose (any form counts as "glucose"). */
  glucose: ['14771-0', '1558-6', '2345-7', '2339-0', '15074-8'],
  weight: '29463-7',
} as const;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The words for a concept: its text, else the first coding with a display, else the bare code (last resort). */
export function displayOf(concept: unknown): string {
  if (!isRecord(concept)) return '';
  if (isText(concept.text)) return concept.text.trim();
  const codings = asArray<unknown>(concept.coding).filter(isRecord);
  const shown = codings.map((c) => c.display).find(isText);
  if (shown) return shown.trim();
  return codings.map((c) => c.code).find(isText) ?? '';
}

/** Whether a concept carries `code` (in `system` when given). */
export function hasCode(concept: unknown, codes: string | readonly string[], system?: string): boolean {
  if (!isRecord(concept)) return false;
  const wanted = typeof codes === 'string' ? [codes] : codes;
  return asArray<Coding>(concept.coding).some((c) => isRecord(c) && typeof c.code === 'string' && wanted.includes(c.code) && (!system || !c.system || c.system === system));
}

/** A finite number from a Quantity, or undefined (missing, a string, NaN, a comparator like "<"). */
export function quantityValue(q: unknown): { value: number; unit: string; code?: string } | undefined {
  if (!isRecord(q) || typeof q.value !== 'number' || !Number.isFinite(q.value)) return undefined;
  const unit = isText(q.unit) ? q.unit : isText(q.code) ? q.code : '';
  return { value: q.value, unit, ...(isText(q.code) ? { code: q.code } : {}) };
}

/** The date a resource is about (effective, occurrence, onset, period start, authored, issued). */
export function dateOf(resource: unknown): string | undefined {
  if (!isRecord(resource)) return undefined;
  const period = (key: string) => (isRecord(resource[key]) ? (resource[key] as { start?: unknown }).start : undefined);
  for (const value of [resource.effectiveDateTime, resource.effectiveInstant, period('effectivePeriod'), resource.occurrenceDateTime, resource.onsetDateTime, period('period'), resource.recordedDate, resource.issued, resource.dateAsserted]) {
    if (isText(value) && !Number.isNaN(Date.parse(value))) return value;
  }
  return undefined;
}

/** What a FHIR server said went wrong, in its own words (OperationOutcome.issue). */
export function outcomeText(outcome: unknown): string {
  if (!isRecord(outcome)) return '';
  return asArray<Record<string, unknown>>(outcome.issue)
    .filter(isRecord)
    .map((i) => (isText(i.diagnostics) ? i.diagnostics : displayOf(i.details)))
    .filter(Boolean)
    .join('; ');
}
