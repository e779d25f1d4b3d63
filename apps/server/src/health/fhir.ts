/**
 * FHIR R4 building blocks: the resources the demo seed writes and the
 * searchset Bundles the REST subset returns. Plain functions, tested directly.
 */
export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const UCUM = 'http://unitsofmeasure.org';
export const RESIDENT_CARD_SYSTEM = 'urn:civic-kiosk:resident-card';

export const CODES = {
  bloodPressure: '85354-9',
  systolic: '8480-6',
  diastolic: '8462-4',
  fastingGlucose: '14771-0',
  bodyWeight: '29463-7',
} as const;

export type Resource = { resourceType: string; id: string } & Record<string, unknown>;

const vitalSigns = [
  {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
  },
];
const laboratory = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] },
];

export function patient(p: { id: string; cardNumber: string; name: string; gender: 'male' | 'female'; birthDate: string; address: string }): Resource {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ system: RESIDENT_CARD_SYSTEM, value: p.cardNumber }],
    active: true,
    name: [{ use: 'official', text: p.name, family: p.name.slice(0, 1), given: [p.name.slice(1)] }],
    gender: p.gender,
    birthDate: p.birthDate,
    address: [{ text: p.address, city: '龙游县', state: '浙江省', country: 'CN' }],
  };
}

const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/**
 * Reference ranges of the demo readings (adults). Blood pressure: the 2018 Chinese
 * guideline for the management of hypertension (hypertension from 140/90 mmHg;
 * below 90/60 low). Fasting plasma glucose: WHO / Chinese Diabetes Society
 * 3.9–6.1 mmol/L. Body weight has no range without height, so none is given.
 */
export const RANGES = {
  systolic: { low: 90, high: 139, unit: 'mmHg', code: 'mm[Hg]' },
  diastolic: { low: 60, high: 89, unit: 'mmHg', code: 'mm[Hg]' },
  glucose: { low: 3.9, high: 6.1, unit: 'mmol/L', code: 'mmol/L' },
} as const;

type Range = (typeof RANGES)[keyof typeof RANGES];

function referenceRange(range: Range): Record<string, unknown>[] {
  const q = (value: number) => ({ value, unit: range.unit, system: UCUM, code: range.code });
  return [{ low: q(range.low), high: q(range.high), type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning', code: 'normal', display: 'Normal Range' }] } }];
}

/** H / L / N as FHIR's v3 ObservationInterpretation codes, from a value and its range. */
export function interpretation(value: number, range: Range): Record<string, unknown>[] {
  const [code, display] = value > range.high ? ['H', 'High'] : value < range.low ? ['L', 'Low'] : ['N', 'Normal'];
  return [{ coding: [{ system: INTERPRETATION, code, display }], text: display }];
}

export function bloodPressure(id: string, patientId: string, when: string, systolic: number, diastolic: number): Resource {
  const quantity = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
  const abnormal = systolic > RANGES.systolic.high || diastolic > RANGES.diastolic.high || systolic < RANGES.systolic.low || diastolic < RANGES.diastolic.low;
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: vitalSigns,
    code: { coding: [{ system: LOINC, code: CODES.bloodPressure, display: 'Blood pressure panel with all children optional' }], text: '血压 Blood pressure' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: when,
    component: [
      {
        code: { coding: [{ system: LOINC, code: CODES.systolic, display: 'Systolic blood pressure' }], text: '收缩压' },
        valueQuantity: quantity(systolic),
        interpretation: interpretation(systolic, RANGES.systolic),
        referenceRange: referenceRange(RANGES.systolic),
      },
      {
        code: { coding: [{ system: LOINC, code: CODES.diastolic, display: 'Diastolic blood pressure' }], text: '舒张压' },
        valueQuantity: quantity(diastolic),
        interpretation: interpretation(diastolic, RANGES.diastolic),
        referenceRange: referenceRange(RANGES.diastolic),
      },
    ],
    // The panel's own interpretation says whether either component is out of range.
    ...(abnormal ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: 'A', display: 'Abnormal' }], text: 'Abnormal' }] } : {}),
  };
}

export function quantityObservation(
  id: string,
  patientId: string,
  when: string,
  kind: 'glucose' | 'weight',
  value: number,
  status: 'final' | 'entered-in-error' = 'final',
): Resource {
  const spec =
    kind === 'glucose'
      ? { code: CODES.fastingGlucose, display: 'Fasting glucose [Moles/volume] in Serum or Plasma', text: '空腹血糖 Fasting glucose', unit: 'mmol/L', ucum: 'mmol/L', category: laboratory }
      : { code: CODES.bodyWeight, display: 'Body weight', text: '体重 Body weight', unit: 'kg', ucum: 'kg', category: vitalSigns };
  return {
    resourceType: 'Observation',
    id,
    status,
    category: spec.category,
    code: { coding: [{ system: LOINC, code: spec.code, display: spec.display }], text: spec.text },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: when,
    valueQuantity: { value, unit: spec.unit, system: UCUM, code: spec.ucum },
    // Glucose has a range (and so an interpretation); an entered-in-error value is interpreted by no one.
    ...(kind === 'glucose' && status === 'final' ? { interpretation: interpretation(value, RANGES.glucose), referenceRange: referenceRange(RANGES.glucose) } : {}),
  };
}

export const CONDITIONS = {
  hypertension: { snomed: '38341003', icd10: 'I10', zh: '高血压', en: 'Hypertension' },
  diabetes: { snomed: '44054006', icd10: 'E11', zh: '2 型糖尿病', en: 'Type 2 diabetes mellitus' },
} as const;

export function condition(id: string, patientId: string, kind: keyof typeof CONDITIONS, onset: string): Resource {
  const c = CONDITIONS[kind];
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
    code: {
      coding: [
        { system: SNOMED, code: c.snomed, display: c.en },
        { system: 'http://hl7.org/fhir/sid/icd-10', code: c.icd10, display: c.en },
      ],
      text: `${c.zh} ${c.en}`,
    },
    subject: { reference: `Patient/${patientId}` },
    onsetDateTime: onset,
  };
}

export const MEDICATIONS = {
  amlodipine: { rxnorm: '197361', zh: '苯磺酸氨氯地平片 5mg', en: 'Amlodipine 5 mg tablet', dose: '每日一次，每次一片 Once daily, one tablet' },
  metformin: { rxnorm: '861007', zh: '盐酸二甲双胍片 500mg', en: 'Metformin 500 mg tablet', dose: '每日两次，每次一片，随餐 Twice daily with meals' },
} as const;

export function medicationStatement(id: string, patientId: string, kind: keyof typeof MEDICATIONS, start: string): Resource {
  const m = MEDICATIONS[kind];
  return {
    resourceType: 'MedicationStatement',
    id,
    status: 'active',
    medicationCodeableConcept: {
      coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: m.rxnorm, display: m.en }],
      text: `${m.zh} ${m.en}`,
    },
    subject: { reference: `Patient/${patientId}` },
    effectivePeriod: { start },
    dosage: [{ text: m.dose }],
  };
}

export const VACCINES = {
  influenza: { cvx: '140', zh: '流感疫苗', en: 'Influenza vaccine' },
  pneumococcal: { cvx: '33', zh: '23 价肺炎球菌多糖疫苗', en: 'Pneumococcal polysaccharide vaccine PPSV23' },
} as const;

export function immunization(id: string, patientId: string, kind: keyof typeof VACCINES, when: string): Resource {
  const v = VACCINES[kind];
  return {
    resourceType: 'Immunization',
    id,
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: v.cvx, display: v.en }], text: `${v.zh} ${v.en}` },
    patient: { reference: `Patient/${patientId}` },
    occurrenceDateTime: when,
    primarySource: true,
  };
}

export function encounter(id: string, patientId: string, when: string, status: 'finished' | 'planned'): Resource {
  return {
    resourceType: 'Encounter',
    id,
    status,
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ text: '慢病随访 Chronic disease follow-up' }],
    subject: { reference: `Patient/${patientId}` },
    period: { start: when },
    serviceProvider: { display: '溪口镇卫生院 Xikou Town Health Centre' },
  };
}

/** The date a resource is searched and sorted by. */
export function effectiveOf(resource: Resource): string | null {
  const r = resource as Record<string, unknown>;
  const period = r.period as { start?: string } | undefined;
  const effectivePeriod = r.effectivePeriod as { start?: string } | undefined;
  const value = r.effectiveDateTime ?? r.occurrenceDateTime ?? r.onsetDateTime ?? period?.start ?? effectivePeriod?.start;
  return typeof value === 'string' ? value : null;
}

export function primaryCode(resource: Resource): string | null {
  const code = (resource as { code?: { coding?: { code?: string }[] } }).code;
  return code?.coding?.[0]?.code ?? null;
}

/**
 * A searchset page: `total` is the number of matches of the whole search (not of
 * this page), and `next` is there exactly when more matches follow.
 */
export function searchBundle(baseUrl: string, resources: Resource[], selfLink: string, total = resources.length, nextLink?: string): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: selfLink }, ...(nextLink ? [{ relation: 'next', url: nextLink }] : [])],
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/**
 * FHIR date search prefixes (eq, ne, lt, le, gt, ge, sa, eb) over ISO dates.
 * A bare date means "within that day/month/year" (eq), per the FHIR spec.
 */
export function parseDateParam(value: string): { op: '>=' | '<' | '>' | '<='; value: string }[] | null {
  const m = /^(eq|ne|lt|le|gt|ge|sa|eb)?(\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?)$/.exec(value);
  if (!m?.[2]) return null;
  const prefix = m[1] ?? 'eq';
  const text = m[2];
  const start = new Date(text.length === 4 ? `${text}-01-01T00:00:00Z` : text.length === 7 ? `${text}-01T00:00:00Z` : text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(start.getTime())) return null;
  const end = new Date(start);
  if (text.length === 4) end.setUTCFullYear(end.getUTCFullYear() + 1);
  else if (text.length === 7) end.setUTCMonth(end.getUTCMonth() + 1);
  else if (text.length === 10) end.setUTCDate(end.getUTCDate() + 1);
  else end.setTime(end.getTime() + 1000);
  const s = start.toISOString();
  const e = end.toISOString();
  switch (prefix) {
    case 'eq':
      return [{ op: '>=', value: s }, { op: '<', value: e }];
    case 'lt':
    case 'eb':
      return [{ op: '<', value: s }];
    case 'le':
      return [{ op: '<', value: e }];
    case 'gt':
    case 'sa':
      return [{ op: '>=', value: e }];
    case 'ge':
      return [{ op: '>=', value: s }];
    default:
      return null;
  }
}
