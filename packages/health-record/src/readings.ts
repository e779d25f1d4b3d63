/**
 * Readings: blood pressure, glucose and weight out of Observations, each with
 * normal / high / low from the resource's own referenceRange or interpretation,
 * else from the stated defaults below. Pure, no DOM.
 *
 * Defaults (adults), cited in the README:
 * - blood pressure: high from 140 / 90 mmHg, low below 90 / 60 mmHg — Chinese Guidelines for the
 *   Management of Hypertension (2018 revision), the same thresholds as the 2018 ESC/ESH guideline;
 * - fasting plasma glucose: normal 3.9–6.1 mmol/L (70–110 mg/dL) — WHO (1999) and the Chinese
 *   Diabetes Society guideline for type 2 diabetes (2020 edition);
 * - body weight: no default (a normal weight depends on height), so no reading is judged without one.
 */
import { asArray, CODES, dateOf, hasCode, isRecord, quantityValue, type Observation } from './fhir.js';

export type Flag = 'normal' | 'high' | 'low' | 'abnormal' | 'unknown';
export interface Range {
  low?: number;
  high?: number;
}
export interface Reading {
  id: string;
  date: string;
  value: number;
  unit: string;
  flag: Flag;
  range?: Range;
  /** Where the flag came from. */
  basis: 'interpretation' | 'resource-range' | 'default' | 'none';
}
export interface PressureReading {
  id: string;
  date: string;
  systolic: number;
  diastolic: number;
  unit: string;
  flag: Flag;
  systolicRange?: Range;
  diastolicRange?: Range;
  basis: Reading['basis'];
}
export type NoteKind = 'entered-in-error' | 'not-a-number' | 'no-date' | 'unpaired';
export interface Note {
  kind: NoteKind;
  /** Words from the resource itself, e.g. a valueString, for "shown as text". */
  text?: string;
}

/** Exact: glucose 180.156 g/mol, so 1 mmol/L = 18.0156 mg/dL. */
export const MG_DL_PER_MMOL_L = 18.0156;
export const DEFAULTS = {
  systolic: { low: 90, high: 139 },
  diastolic: { low: 60, high: 89 },
  glucoseMmol: { low: 3.9, high: 6.1 },
} as const;

const HIGH = ['H', 'HH', 'HU', '>', 'HX'];
const LOW = ['L', 'LL', 'LU', '<', 'LX'];

function flagFromInterpretation(interpretation: unknown): Flag | undefined {
  for (const concept of asArray<unknown>(interpretation)) {
    if (!isRecord(concept)) continue;
    for (const coding of asArray<Record<string, unknown>>(concept.coding)) {
      const code = isRecord(coding) ? coding.code : undefined;
      if (typeof code !== 'string') continue;
      if (HIGH.includes(code)) return 'high';
      if (LOW.includes(code)) return 'low';
      if (code === 'N') return 'normal';
      if (code === 'A' || code === 'AA') return 'abnormal';
    }
  }
  return undefined;
}

/** The first referenceRange with a numeric low or high (in the value's unit when it says one). */
export function rangeOf(referenceRange: unknown, unit?: string): Range | undefined {
  for (const r of asArray<unknown>(referenceRange)) {
    if (!isRecord(r)) continue;
    const low = quantityValue(r.low);
    const high = quantityValue(r.high);
    const other = (q?: { unit: string }) => q && unit && q.unit && q.unit !== unit;
    if (other(low) || other(high)) continue;
    if (low || high) return { ...(low ? { low: low.value } : {}), ...(high ? { high: high.value } : {}) };
  }
  return undefined;
}

export function flagFor(value: number, range: Range | undefined): Flag {
  if (!range) return 'unknown';
  if (range.high !== undefined && value > range.high) return 'high';
  if (range.low !== undefined && value < range.low) return 'low';
  return 'normal';
}

/** A reading's flag: its interpretation, else its range, else the default range (when given). */
export function judge(value: number, unit: string, source: { interpretation?: unknown; referenceRange?: unknown }, fallback?: Range): Pick<Reading, 'flag' | 'range' | 'basis'> {
  const range = rangeOf(source.referenceRange, unit);
  const stated = flagFromInterpretation(source.interpretation);
  if (stated) return { flag: stated, range: range ?? fallback, basis: 'interpretation' };
  if (range) return { flag: flagFor(value, range), range, basis: 'resource-range' };
  if (fallback) return { flag: flagFor(value, fallback), range: fallback, basis: 'default' };
  return { flag: 'unknown', basis: 'none' };
}

export const isMgDl = (unit: string) => /^mg\/dL$/i.test(unit.trim());
export const isMmolL = (unit: string) => /^mmol\/L$/i.test(unit.trim());

/** The default glucose range in the reading's unit (mg/dL or mmol/L), else none. */
export function glucoseDefault(unit: string): Range | undefined {
  if (isMmolL(unit)) return DEFAULTS.glucoseMmol;
  if (isMgDl(unit)) return { low: 70, high: 110 };
  return undefined;
}

/** The same glucose value in the other customary unit, when the unit is one of the two. */
export function otherGlucoseUnit(value: number, unit: string): { value: number; unit: string } | undefined {
  if (isMmolL(unit)) return { value: Math.round(value * MG_DL_PER_MMOL_L), unit: 'mg/dL' };
  if (isMgDl(unit)) return { value: Math.round((value / MG_DL_PER_MMOL_L) * 10) / 10, unit: 'mmol/L' };
  return undefined;
}

function usable(o: Observation, notes: Note[]): string | undefined {
  if (o.status === 'entered-in-error' || o.status === 'cancelled') {
    if (o.status === 'entered-in-error') notes.push({ kind: 'entered-in-error' });
    return undefined;
  }
  const date = dateOf(o);
  if (!date) notes.push({ kind: 'no-date' });
  return date;
}

function notANumber(o: Record<string, unknown>, notes: Note[]): void {
  const text = typeof o.valueString === 'string' ? o.valueString : isRecord(o.valueCodeableConcept) && typeof o.valueCodeableConcept.text === 'string' ? o.valueCodeableConcept.text : undefined;
  notes.push({ kind: 'not-a-number', ...(text ? { text } : {}) });
}

export interface Readings {
  pressure: PressureReading[];
  glucose: Reading[];
  weight: Reading[];
  notes: Note[];
}

/** Every reading of the three kinds, oldest first; anything unusable becomes a note, never an exception. */
export function readingsOf(observations: Observation[]): Readings {
  const notes: Note[] = [];
  const glucose: Reading[] = [];
  const weight: Reading[] = [];
  const pressure: PressureReading[] = [];
  const halves = new Map<string, { sys?: Reading; dia?: Reading; id: string }>();

  for (const o of observations) {
    if (!isRecord(o)) continue;
    const id = typeof o.id === 'string' ? o.id : '';
    if (hasCode(o.code, CODES.bloodPressure)) {
      const date = usable(o, notes);
      if (!date) continue;
      const part = (code: string) => asArray<Record<string, unknown>>(o.component).find((c) => isRecord(c) && hasCode(c.code, code));
      const sys = part(CODES.systolic);
      const dia = part(CODES.diastolic);
      const s = quantityValue(sys?.valueQuantity);
      const d = quantityValue(dia?.valueQuantity);
      if (!s || !d) {
        notANumber((s ? dia : sys) ?? {}, notes);
        continue;
      }
      pressure.push(pressureReading(id, date, s, d, sys!, dia!, o));
    } else if (hasCode(o.code, CODES.systolic) || hasCode(o.code, CODES.diastolic)) {
      // Separate systolic and diastolic Observations: paired by their date.
      const date = usable(o, notes);
      if (!date) continue;
      const q = quantityValue(o.valueQuantity);
      if (!q) {
        notANumber(o, notes);
        continue;
      }
      const key = new Date(date).toISOString().slice(0, 16);
      const half = halves.get(key) ?? { id };
      const reading = { id, date, value: q.value, unit: q.unit, ...judge(q.value, q.unit, o) };
      if (hasCode(o.code, CODES.systolic)) half.sys = reading;
      else half.dia = reading;
      halves.set(key, half);
    } else if (hasCode(o.code, CODES.glucose) || hasCode(o.code, CODES.weight)) {
      const date = usable(o, notes);
      if (!date) continue;
      const q = quantityValue(o.valueQuantity);
      if (!q) {
        notANumber(o, notes);
        continue;
      }
      const isGlucose = hasCode(o.code, CODES.glucose);
      const reading: Reading = { id, date, value: q.value, unit: q.unit, ...judge(q.value, q.unit, o, isGlucose ? glucoseDefault(q.unit) : undefined) };
      (isGlucose ? glucose : weight).push(reading);
    }
    // Other codes (heart rate, a lab this element does not chart) are left out on purpose.
  }
  for (const half of halves.values()) {
    if (!half.sys || !half.dia) {
      notes.push({ kind: 'unpaired' });
      continue;
    }
    pressure.push(
      pressureReading(half.id, half.sys.date, { value: half.sys.value, unit: half.sys.unit }, { value: half.dia.value, unit: half.dia.unit }, { interpretation: undefined }, { interpretation: undefined }, {}, half.sys, half.dia),
    );
  }
  const byDate = (a: { date: string }, b: { date: string }) => Date.parse(a.date) - Date.parse(b.date);
  return { pressure: pressure.sort(byDate), glucose: glucose.sort(byDate), weight: weight.sort(byDate), notes };
}

function pressureReading(
  id: string,
  date: string,
  s: { value: number; unit: string },
  d: { value: number; unit: string },
  sys: Record<string, unknown>,
  dia: Record<string, unknown>,
  panel: Record<string, unknown>,
  judgedSys?: Pick<Reading, 'flag' | 'range' | 'basis'>,
  judgedDia?: Pick<Reading, 'flag' | 'range' | 'basis'>,
): PressureReading {
  const js = judgedSys ?? judge(s.value, s.unit, sys);
  const jd = judgedDia ?? judge(d.value, d.unit, dia);
  // A component without a range of its own falls back to the stated default.
  const fs = js.basis === 'none' ? judge(s.value, s.unit, {}, DEFAULTS.systolic) : js;
  const fd = jd.basis === 'none' ? judge(d.value, d.unit, {}, DEFAULTS.diastolic) : jd;
  const panelFlag = flagFromInterpretation(panel.interpretation);
  const flags = [fs.flag, fd.flag];
  const flag: Flag = flags.includes('high') ? 'high' : flags.includes('low') ? 'low' : flags.includes('abnormal') ? 'abnormal' : panelFlag && panelFlag !== 'normal' ? panelFlag : 'normal';
  return { id, date, systolic: s.value, diastolic: d.value, unit: s.unit || 'mmHg', flag, systolicRange: fs.range, diastolicRange: fd.range, basis: fs.basis === 'default' || fd.basis === 'default' ? 'default' : fs.basis };
}
