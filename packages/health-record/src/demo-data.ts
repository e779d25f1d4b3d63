/**
 * Demo FHIR R4 records for stories, tests and the benchmark (made up; any
 * resemblance to a real person is chance). Dates are relative to `now`.
 */
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const INTERP = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const day = 86_400_000;
type R = Record<string, unknown>;

const q = (value: number, unit: string, code = unit) => ({ value, unit, system: UCUM, code });
const range = (low: number, high: number, unit: string, code = unit) => [{ low: q(low, unit, code), high: q(high, unit, code) }];
const hl = (v: number, low: number, high: number) => [{ coding: [{ system: INTERP, code: v > high ? 'H' : v < low ? 'L' : 'N' }] }];

export function patient(id: string, name: string, gender = 'female', birthDate = '1952-03-14'): R {
  return { resourceType: 'Patient', id, name: [{ use: 'official', text: name }], gender, birthDate };
}

export function pressurePanel(id: string, pid: string, when: string, sys: number, dia: number): R {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }] },
    subject: { reference: `Patient/${pid}` },
    effectiveDateTime: when,
    component: [
      { code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] }, valueQuantity: q(sys, 'mmHg', 'mm[Hg]'), referenceRange: range(90, 139, 'mmHg', 'mm[Hg]'), interpretation: hl(sys, 90, 139) },
      { code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] }, valueQuantity: q(dia, 'mmHg', 'mm[Hg]'), referenceRange: range(60, 89, 'mmHg', 'mm[Hg]'), interpretation: hl(dia, 60, 89) },
    ],
  };
}

export function single(id: string, pid: string, when: string, code: string, display: string, value: number, unit: string, extra: R = {}): R {
  return { resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: LOINC, code, display }] }, subject: { reference: `Patient/${pid}` }, effectiveDateTime: when, valueQuantity: q(value, unit), ...extra };
}

export interface DemoOptions {
  now?: Date;
  /** Weekly readings for this many weeks (default 56: a year and a bit). */
  weeks?: number;
  pid?: string;
  name?: string;
  /** Blood pressure as separate systolic/diastolic Observations (another server's habit). */
  separatePressure?: boolean;
  /** Glucose in mg/dL (another locale's custom). */
  mgdl?: boolean;
  /** No Observations at all. */
  noObservations?: boolean;
}

/** A hypertensive, diabetic villager: readings, conditions, medications, vaccines, visits. */
export function demoRecord(o: DemoOptions = {}): R[] {
  const now = o.now ?? new Date();
  const pid = o.pid ?? 'pat-demo';
  const out: R[] = [patient(pid, o.name ?? '王秀英')];
  const weeks = o.noObservations ? 0 : (o.weeks ?? 56);
  for (let w = weeks - 1; w >= 0; w -= 1) {
    const when = new Date(now.getTime() - w * 7 * day - 3 * 3600_000).toISOString();
    const sys = 150 - Math.round((weeks - w) * (20 / Math.max(weeks, 1))) + ((w * 7) % 9) - 4;
    const dia = 94 - Math.round((weeks - w) * (8 / Math.max(weeks, 1))) + ((w * 5) % 7) - 3;
    if (o.separatePressure) {
      out.push(single(`sys-${w}`, pid, when, '8480-6', 'Systolic blood pressure', sys, 'mmHg'));
      out.push(single(`dia-${w}`, pid, when, '8462-4', 'Diastolic blood pressure', dia, 'mmHg'));
    } else out.push(pressurePanel(`bp-${w}`, pid, when, sys, dia));
    const mmol = Math.round((7.4 - (weeks - w) * (1.2 / Math.max(weeks, 1)) + ((w * 3) % 5) / 10) * 10) / 10;
    out.push(
      o.mgdl
        ? single(`glu-${w}`, pid, when, '1558-6', 'Fasting glucose [Mass/volume] in Serum or Plasma', Math.round(mmol * 18), 'mg/dL', { referenceRange: range(70, 110, 'mg/dL') })
        : single(`glu-${w}`, pid, when, '14771-0', 'Fasting glucose [Moles/volume] in Serum or Plasma', mmol, 'mmol/L', { referenceRange: range(3.9, 6.1, 'mmol/L'), interpretation: hl(mmol, 3.9, 6.1) }),
    );
    out.push(single(`wt-${w}`, pid, when, '29463-7', 'Body weight', Math.round((64 - (weeks - w) * 0.02) * 10) / 10, 'kg'));
  }
  out.push(
    { resourceType: 'Condition', id: 'c1', clinicalStatus: { coding: [{ code: 'active' }] }, code: { coding: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' }], text: '高血压 Hypertension' }, subject: { reference: `Patient/${pid}` }, onsetDateTime: '2015-05-01' },
    { resourceType: 'Condition', id: 'c2', clinicalStatus: { coding: [{ code: 'active' }] }, code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11', display: 'Type 2 diabetes mellitus' }] }, subject: { reference: `Patient/${pid}` }, onsetDateTime: '2019-09-01' },
    { resourceType: 'Condition', id: 'c3', clinicalStatus: { coding: [{ code: 'resolved' }] }, code: { text: 'Influenza' }, subject: { reference: `Patient/${pid}` }, onsetDateTime: '2023-01-01' },
    { resourceType: 'MedicationStatement', id: 'm1', status: 'active', medicationCodeableConcept: { text: '苯磺酸氨氯地平片 5 mg Amlodipine' }, dosage: [{ text: '每日一次，每次一片 Once daily' }], subject: { reference: `Patient/${pid}` } },
    { resourceType: 'MedicationStatement', id: 'm2', status: 'active', medicationReference: { reference: '#met' }, contained: [{ resourceType: 'Medication', id: 'met', code: { text: '盐酸二甲双胍片 500 mg Metformin' } }], dosage: [{ text: '每日两次，随餐 Twice daily with meals' }], subject: { reference: `Patient/${pid}` } },
    { resourceType: 'Immunization', id: 'i1', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza vaccine' }] }, patient: { reference: `Patient/${pid}` }, occurrenceDateTime: new Date(now.getTime() - 60 * day).toISOString() },
    { resourceType: 'Immunization', id: 'i2', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '33', display: 'Pneumococcal polysaccharide PPV23' }] }, patient: { reference: `Patient/${pid}` }, occurrenceDateTime: '2022-10-10' },
    { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB', display: 'ambulatory' }, type: [{ text: '慢病随访 Chronic disease follow-up' }], subject: { reference: `Patient/${pid}` }, period: { start: new Date(now.getTime() - 90 * day).toISOString() } },
    { resourceType: 'Encounter', id: 'e2', status: 'planned', class: { code: 'AMB' }, type: [{ text: '慢病随访 Chronic disease follow-up' }], subject: { reference: `Patient/${pid}` }, period: { start: new Date(now.getTime() + 21 * day).toISOString() } },
  );
  return out;
}
