import * as fhir from '../../health/fhir.js';
import type { Database } from '../schema.js';
import { rng, pad } from './random.js';
import type { VillageSeed } from './village.js';

const month = 30 * 86_400_000;

function row(resource: fhir.Resource, patientId: string): Database['fhir_resources'] {
  const effective = fhir.effectiveOf(resource);
  return {
    type: resource.resourceType,
    id: resource.id,
    patient_id: patientId,
    code: fhir.primaryCode(resource),
    effective: effective ? new Date(effective).toISOString() : null,
    resource: JSON.stringify(resource),
  };
}

/**
 * FHIR R4 records for the ~20 residents who are chronic-disease patients: 13 months of vitals and the rest.
 * Readings carry reference ranges and interpretations (fhir.ts RANGES); most hypertensive patients read
 * high at first and drift towards normal, pat-010 and pat-020 are normotensive, pat-005 has one low glucose,
 * pat-010 one low pressure, pat-001 one entered-in-error glucose, pat-020 no observations at all.
 */
export function seedHealth(village: VillageSeed, now: Date): Database['fhir_resources'][] {
  const r = rng(85354);
  const rows: Database['fhir_resources'][] = [];
  const addresses = new Map(village.households.map((h) => [h.id, h.address]));
  for (const res of village.residents) {
    if (!res.patient_id) continue;
    const pid = res.patient_id;
    const n = pid.slice(4);
    rows.push(
      row(
        fhir.patient({ id: pid, cardNumber: res.card_number, name: res.name, gender: res.gender as 'male' | 'female', birthDate: res.birth_date, address: addresses.get(res.household_id) ?? '' }),
        pid,
      ),
    );
    const index = Number(n);
    const hypertensive = index % 10 !== 0;
    const diabetic = index % 3 === 0 || index % 7 === 0;
    const baseSys = hypertensive ? r.int(138, 158) : r.int(112, 128);
    const baseDia = hypertensive ? r.int(86, 96) : r.int(70, 80);
    const baseGlucose = diabetic ? 7.2 + r.next() * 1.6 : 4.8 + r.next() * 0.8;
    const baseWeight = 52 + r.next() * 26;
    // pat-020 was just registered: a record with no readings yet (the partial-record case).
    for (let m = index === 20 ? -1 : 13; m >= 0; m -= 1) {
      // Readings on the morning of roughly the same day each month; treatment brings pressure down slowly.
      const when = new Date(now.getTime() - m * month - r.int(0, 3) * 86_400_000);
      when.setUTCHours(0, r.int(0, 59), 0, 0);
      const iso = when.toISOString();
      const trend = hypertensive ? Math.round((13 - m) * 0.8) : 0;
      // A spread for the demo: pat-010's one low pressure (dizzy after a new pill), pat-005's one hypoglycaemia.
      const lowPressure = index === 10 && m === 4;
      const sys = lowPressure ? 86 : baseSys - trend + r.int(-6, 6);
      const dia = lowPressure ? 56 : baseDia - Math.round(trend / 2) + r.int(-4, 4);
      rows.push(row(fhir.bloodPressure(`bp-${n}-${pad(13 - m, 2)}`, pid, iso, sys, dia), pid));
      const glucose = index === 5 && m === 2 ? 3.4 : Number((baseGlucose + (r.next() - 0.5) * 1.2).toFixed(1));
      rows.push(row(fhir.quantityObservation(`glu-${n}-${pad(13 - m, 2)}`, pid, iso, 'glucose', glucose), pid));
      // pat-001's slip of the keyboard: 71 for 7.1, withdrawn as entered-in-error (clients must not chart it).
      if (index === 1 && m === 3) rows.push(row(fhir.quantityObservation(`glu-${n}-${pad(13 - m, 2)}-eie`, pid, iso, 'glucose', 71, 'entered-in-error'), pid));
      rows.push(row(fhir.quantityObservation(`wt-${n}-${pad(13 - m, 2)}`, pid, iso, 'weight', Number((baseWeight + (r.next() - 0.5) * 1.5).toFixed(1))), pid));
    }
    const onset = (years: number) => new Date(now.getTime() - years * 365 * 86_400_000).toISOString();
    if (hypertensive) {
      rows.push(row(fhir.condition(`cond-htn-${n}`, pid, 'hypertension', onset(r.int(2, 12))), pid));
      rows.push(row(fhir.medicationStatement(`med-aml-${n}`, pid, 'amlodipine', onset(r.int(1, 2))), pid));
    }
    if (diabetic) {
      rows.push(row(fhir.condition(`cond-dm-${n}`, pid, 'diabetes', onset(r.int(1, 8))), pid));
      rows.push(row(fhir.medicationStatement(`med-met-${n}`, pid, 'metformin', onset(1)), pid));
    }
    rows.push(row(fhir.immunization(`imm-flu-${n}`, pid, 'influenza', new Date(now.getTime() - r.int(2, 6) * month).toISOString()), pid));
    if (index % 2 === 0) rows.push(row(fhir.immunization(`imm-ppv-${n}`, pid, 'pneumococcal', onset(3)), pid));
    for (let q = 3; q >= 0; q -= 1) {
      rows.push(row(fhir.encounter(`enc-${n}-${q}`, pid, new Date(now.getTime() - q * 3 * month).toISOString(), 'finished'), pid));
    }
    rows.push(row(fhir.encounter(`enc-${n}-next`, pid, new Date(now.getTime() + month).toISOString(), 'planned'), pid));
  }
  return rows;
}
