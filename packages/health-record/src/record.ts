/**
 * A villager's record in plain terms, built from FHIR R4 resources of any
 * shape: missing fields, unknown codes, contained resources and extensions
 * are read around, never trusted. Pure, no DOM.
 */
import { asArray, dateOf, displayOf, isRecord, outcomeText, type Bundle, type FhirResource, type Observation, type Patient } from './fhir.js';
import { readingsOf, type Readings } from './readings.js';

const idOf = (value: unknown): string => (typeof value === 'string' ? value : '');

export interface PersonSummary {
  name: string;
  birthDate?: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
}
export interface Item {
  id: string;
  text: string;
  date?: string;
  detail?: string;
}
export interface HealthRecord extends Readings {
  person: PersonSummary | undefined;
  conditions: Item[];
  medications: Item[];
  immunizations: Item[];
  encounters: Item[];
  /** The next planned visit (Encounter planned/arrived in the future), if any. */
  nextVisit: Item | undefined;
}

/** One page of a search: its resources, the next link and what a server said instead of a Bundle. */
export interface Page {
  resources: FhirResource[];
  next?: string;
  /** An OperationOutcome's words when the answer was not a Bundle. */
  problem?: string;
}

/** Reads a search answer: a Bundle (entries without a resource skipped), or anything else as a problem. */
export function pageOf(body: unknown): Page {
  if (!isRecord(body)) return { resources: [], problem: 'not JSON' };
  if (body.resourceType === 'OperationOutcome') return { resources: [], problem: outcomeText(body) || 'OperationOutcome' };
  if (body.resourceType !== 'Bundle') return { resources: [], problem: `not a Bundle (${typeof body.resourceType === 'string' ? body.resourceType : 'no resourceType'})` };
  const bundle = body as unknown as Bundle;
  const resources = asArray<Record<string, unknown>>(bundle.entry)
    .filter((e) => isRecord(e) && isRecord(e.resource) && typeof (e.resource as { resourceType?: unknown }).resourceType === 'string')
    // Search mode "include"/"outcome" entries are not matches (an outcome says why something is missing).
    .filter((e) => !isRecord(e.search) || e.search.mode === undefined || e.search.mode === 'match')
    .map((e) => e.resource as FhirResource);
  const next = asArray<Record<string, unknown>>(bundle.link).find((l) => isRecord(l) && l.relation === 'next' && typeof l.url === 'string')?.url as string | undefined;
  return { resources, ...(next ? { next } : {}) };
}

export function personOf(patient: unknown): PersonSummary | undefined {
  if (!isRecord(patient) || patient.resourceType !== 'Patient') return undefined;
  const p = patient as unknown as Patient;
  const names = asArray<Record<string, unknown>>(p.name).filter(isRecord);
  const best = names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old') ?? names[0];
  let name = '';
  if (best) {
    if (typeof best.text === 'string' && best.text.trim()) name = best.text.trim();
    else {
      const family = typeof best.family === 'string' ? best.family : '';
      const given = asArray<unknown>(best.given).filter((g): g is string => typeof g === 'string');
      // Chinese names read family first with no space; others given first.
      name = /[\u3400-\u9fff]/.test(family) ? `${family}${given.join('')}` : [...given, family].filter(Boolean).join(' ');
    }
  }
  const gender = ['male', 'female', 'other', 'unknown'].includes(p.gender as string) ? p.gender : undefined;
  const birthDate = typeof p.birthDate === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(p.birthDate) ? p.birthDate : undefined;
  return { name, ...(birthDate ? { birthDate } : {}), ...(gender ? { gender } : {}) };
}

/** Whole years between a birth date (YYYY, YYYY-MM or YYYY-MM-DD) and now. */
export function ageOn(birthDate: string | undefined, now: Date): number | undefined {
  const m = birthDate ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(birthDate) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < mo || (now.getMonth() + 1 === mo && now.getDate() < d)) age -= 1;
  return age >= 0 && age < 150 ? age : undefined;
}

const codeOf = (concept: unknown) => (isRecord(concept) ? asArray<Record<string, unknown>>(concept.coding).find(isRecord)?.code : undefined);

/** A contained resource named by a local reference ("#med1"). */
function contained(resource: Record<string, unknown>, reference: unknown): Record<string, unknown> | undefined {
  const ref = isRecord(reference) && typeof reference.reference === 'string' ? reference.reference : '';
  if (!ref.startsWith('#')) return undefined;
  return asArray<Record<string, unknown>>(resource.contained).find((c) => isRecord(c) && c.id === ref.slice(1));
}

function medicationOf(m: Record<string, unknown>): Item | undefined {
  if (m.status !== undefined && m.status !== 'active' && m.status !== 'intended') return undefined;
  const local = contained(m, m.medicationReference);
  const text = displayOf(m.medicationCodeableConcept) || displayOf(local?.code) || (isRecord(m.medicationReference) && typeof m.medicationReference.display === 'string' ? m.medicationReference.display : '');
  if (!text) return undefined;
  const dose = asArray<Record<string, unknown>>(m.dosage)
    .filter(isRecord)
    .map((d) => (typeof d.text === 'string' ? d.text : ''))
    .filter(Boolean)
    .join('; ');
  return { id: idOf(m.id), text, ...(dose ? { detail: dose } : {}), ...(dateOf(m) ? { date: dateOf(m) } : {}) };
}

function conditionOf(c: Record<string, unknown>): Item | undefined {
  const clinical = codeOf(c.clinicalStatus);
  const verification = codeOf(c.verificationStatus);
  // Missing clinicalStatus reads as active (a problem-list entry); refuted or entered-in-error never shows.
  if (clinical !== undefined && !['active', 'recurrence', 'relapse'].includes(clinical as string)) return undefined;
  if (verification === 'refuted' || verification === 'entered-in-error') return undefined;
  const text = displayOf(c.code);
  return text ? { id: idOf(c.id), text, ...(dateOf(c) ? { date: dateOf(c) } : {}) } : undefined;
}

function immunizationOf(i: Record<string, unknown>): Item | undefined {
  if (i.status === 'entered-in-error' || i.status === 'not-done') return undefined;
  const text = displayOf(i.vaccineCode);
  return text ? { id: idOf(i.id), text, ...(dateOf(i) ? { date: dateOf(i) } : {}) } : undefined;
}

function encounterOf(e: Record<string, unknown>): Item | undefined {
  if (e.status === 'entered-in-error' || e.status === 'cancelled') return undefined;
  const type = asArray<unknown>(e.type).map(displayOf).find(Boolean);
  const reason = asArray<unknown>(e.reasonCode).map(displayOf).find(Boolean);
  const where = isRecord(e.serviceProvider) && typeof e.serviceProvider.display === 'string' ? e.serviceProvider.display : undefined;
  const text = type || reason || displayOf(e.class) || '';
  return { id: idOf(e.id), text, ...(dateOf(e) ? { date: dateOf(e) } : {}), ...(where ? { detail: where } : {}), ...(typeof e.status === 'string' ? { status: e.status } : {}) };
}

const newestFirst = (a: Item, b: Item) => (Date.parse(b.date ?? '') || 0) - (Date.parse(a.date ?? '') || 0);
const keep = <T>(items: (T | undefined)[]): T[] => items.filter((i): i is T => i !== undefined);

/** The whole record from every resource read (any order, any mix). */
export function buildRecord(resources: unknown[], now: Date): HealthRecord {
  const of = (type: string) => resources.filter((r): r is Record<string, unknown> => isRecord(r) && r.resourceType === type);
  const encounters = keep(of('Encounter').map(encounterOf)).sort(newestFirst);
  const future = (e: Item & { status?: string }) => (e.status === 'planned' || e.status === 'arrived' || e.status === 'triaged') && e.date !== undefined && Date.parse(e.date) >= now.getTime() - 86_400_000;
  const upcoming = encounters.filter(future).sort((a, b) => Date.parse(a.date!) - Date.parse(b.date!));
  return {
    person: personOf(of('Patient')[0]),
    conditions: keep(of('Condition').map(conditionOf)).sort(newestFirst),
    medications: keep(of('MedicationStatement').map(medicationOf)),
    immunizations: keep(of('Immunization').map(immunizationOf)).sort(newestFirst),
    encounters: encounters.filter((e) => !future(e)),
    nextVisit: upcoming[0],
    ...readingsOf(of('Observation') as unknown as Observation[]),
  };
}
