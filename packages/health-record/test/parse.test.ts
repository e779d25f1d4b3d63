import { expect } from '@open-wc/testing';
import { demoRecord, pressurePanel, single } from '../src/demo-data.js';
import { displayOf, dateOf, quantityValue, outcomeText } from '../src/fhir.js';
import { ageOn, buildRecord, pageOf, personOf } from '../src/record.js';
import { glucoseDefault, judge, otherGlucoseUnit, readingsOf } from '../src/readings.js';
import { pressureTrend, valueTrend } from '../src/trends.js';
import { maskNumber } from '../src/labels.js';
import type { Observation } from '../src/fhir.js';

const now = new Date('2026-12-01T08:00:00Z');
const obs = (list: unknown[]) => list as Observation[];

describe('FHIR reading helpers', () => {
  it('shows a concept by its text, else a display, and a bare code only as the last resort', () => {
    expect(displayOf({ text: ' 高血压 ', coding: [{ code: 'I10', display: 'Hypertension' }] })).to.equal('高血压');
    expect(displayOf({ coding: [{ code: 'I10' }, { code: '38341003', display: 'Hypertension' }] })).to.equal('Hypertension');
    expect(displayOf({ coding: [{ code: 'XYZ' }] })).to.equal('XYZ');
    expect(displayOf(undefined)).to.equal('');
    expect(displayOf({ coding: 'nope' })).to.equal('');
  });
  it('reads quantities and dates defensively', () => {
    expect(quantityValue({ value: 5.6, unit: 'mmol/L' })).to.deep.equal({ value: 5.6, unit: 'mmol/L' });
    expect(quantityValue({ value: '5.6' })).to.equal(undefined);
    expect(quantityValue({ value: Number.NaN })).to.equal(undefined);
    expect(quantityValue({ value: 3, code: 'kg' })).to.deep.equal({ value: 3, unit: 'kg', code: 'kg' });
    expect(dateOf({ effectivePeriod: { start: '2026-01-02' } })).to.equal('2026-01-02');
    expect(dateOf({ effectiveDateTime: 'yesterday' })).to.equal(undefined);
    expect(outcomeText({ issue: [{ diagnostics: 'Token expired' }, { details: { text: 'x' } }] })).to.equal('Token expired; x');
  });
});

describe('pages of a search', () => {
  it('takes matches and the next link, skips entries without a resource and includes', () => {
    const page = pageOf({
      resourceType: 'Bundle',
      link: [{ relation: 'next', url: 'http://x/fhir/Observation?page=2' }],
      entry: [{ resource: { resourceType: 'Observation', id: 'a' } }, { fullUrl: 'lost' }, { resource: { resourceType: 'Patient', id: 'p' }, search: { mode: 'include' } }, { resource: 'junk' }],
    });
    expect(page.resources.map((r) => r.id)).to.deep.equal(['a']);
    expect(page.next).to.equal('http://x/fhir/Observation?page=2');
  });
  it('turns an OperationOutcome, another resource or non-JSON into a problem, not an exception', () => {
    expect(pageOf({ resourceType: 'OperationOutcome', issue: [{ diagnostics: 'Too costly' }] }).problem).to.equal('Too costly');
    expect(pageOf({ resourceType: 'Patient' }).problem).to.match(/not a Bundle/);
    expect(pageOf('<html>proxy</html>').problem).to.equal('not JSON');
    expect(pageOf({ resourceType: 'Bundle' }).resources).to.deep.equal([]);
  });
});

describe('readings', () => {
  it('reads a 85354-9 panel with its components, flags from the interpretation', () => {
    const r = readingsOf(obs([pressurePanel('a', 'p', '2026-11-01T08:00:00Z', 152, 95)]));
    expect(r.pressure).to.have.length(1);
    expect(r.pressure[0]).to.include({ systolic: 152, diastolic: 95, flag: 'high', basis: 'interpretation' });
  });
  it('pairs separate systolic and diastolic Observations by time; a lone half becomes a note', () => {
    const r = readingsOf(
      obs([
        single('s', 'p', '2026-11-01T08:00:10Z', '8480-6', 'Systolic', 118, 'mmHg'),
        single('d', 'p', '2026-11-01T08:00:40Z', '8462-4', 'Diastolic', 76, 'mmHg'),
        single('s2', 'p', '2026-11-02T08:00:00Z', '8480-6', 'Systolic', 160, 'mmHg'),
      ]),
    );
    expect(r.pressure).to.have.length(1);
    expect(r.pressure[0]).to.include({ systolic: 118, diastolic: 76, flag: 'normal', basis: 'default' });
    expect(r.notes.map((n) => n.kind)).to.deep.equal(['unpaired']);
  });
  it('uses the resource range before the default, the default before nothing', () => {
    expect(judge(6.5, 'mmol/L', { referenceRange: [{ low: { value: 3.9, unit: 'mmol/L' }, high: { value: 7.0, unit: 'mmol/L' } }] }, glucoseDefault('mmol/L'))).to.include({ flag: 'normal', basis: 'resource-range' });
    expect(judge(6.5, 'mmol/L', {}, glucoseDefault('mmol/L'))).to.include({ flag: 'high', basis: 'default' });
    expect(judge(3.2, 'mmol/L', {}, glucoseDefault('mmol/L')).flag).to.equal('low');
    expect(judge(64, 'kg', {})).to.deep.equal({ flag: 'unknown', basis: 'none' });
    // A range in another unit is not used for this value.
    expect(judge(120, 'mg/dL', { referenceRange: [{ high: { value: 6.1, unit: 'mmol/L' } }] }, glucoseDefault('mg/dL'))).to.include({ flag: 'high', basis: 'default' });
  });
  it('converts glucose both ways (1 mmol/L = 18.0156 mg/dL) and nothing else', () => {
    expect(otherGlucoseUnit(7, 'mmol/L')).to.deep.equal({ value: 126, unit: 'mg/dL' });
    expect(otherGlucoseUnit(126, 'mg/dL')).to.deep.equal({ value: 7, unit: 'mmol/L' });
    expect(otherGlucoseUnit(7, 'g/L')).to.equal(undefined);
  });
  it('leaves out entered-in-error, text and coded values, and undated readings, with a note each', () => {
    const r = readingsOf(
      obs([
        { ...single('x', 'p', '2026-11-01', '14771-0', 'Glucose', 71, 'mmol/L'), status: 'entered-in-error' },
        { resourceType: 'Observation', id: 'y', status: 'final', code: { coding: [{ code: '14771-0' }] }, effectiveDateTime: '2026-11-02', valueString: '偏高' },
        { resourceType: 'Observation', id: 'z', status: 'final', code: { coding: [{ code: '29463-7' }] }, effectiveDateTime: '2026-11-02', valueCodeableConcept: { text: 'heavy' } },
        { resourceType: 'Observation', id: 'w', status: 'final', code: { coding: [{ code: '29463-7' }] }, valueQuantity: { value: 60, unit: 'kg' } },
        { resourceType: 'Observation', id: 'u', status: 'final', code: { coding: [{ code: '8867-4', display: 'Heart rate' }] }, effectiveDateTime: '2026-11-02', valueQuantity: { value: 60 } },
        { resourceType: 'Observation', id: 'bp', status: 'final', code: { coding: [{ code: '85354-9' }] }, effectiveDateTime: '2026-11-02', component: [{ code: { coding: [{ code: '8480-6' }] }, valueString: 'high' }] },
        'garbage',
      ]),
    );
    expect(r.glucose).to.deep.equal([]);
    expect(r.weight).to.deep.equal([]);
    expect(r.pressure).to.deep.equal([]);
    expect(r.notes.map((n) => n.kind).sort()).to.deep.equal(['entered-in-error', 'no-date', 'not-a-number', 'not-a-number', 'not-a-number']);
    expect(r.notes.find((n) => n.text === '偏高')).to.not.equal(undefined);
  });
});

describe('the record', () => {
  it('builds the summary: person, active conditions, medications with dose (contained too), next visit', () => {
    const rec = buildRecord(demoRecord({ now, weeks: 8 }), now);
    expect(rec.person).to.deep.equal({ name: '王秀英', birthDate: '1952-03-14', gender: 'female' });
    expect(rec.conditions.map((c) => c.text)).to.deep.equal(['Type 2 diabetes mellitus', '高血压 Hypertension']);
    expect(rec.medications.map((m) => m.text)).to.deep.equal(['苯磺酸氨氯地平片 5 mg Amlodipine', '盐酸二甲双胍片 500 mg Metformin']);
    expect(rec.medications[1]!.detail).to.match(/Twice daily/);
    expect(rec.nextVisit?.id).to.equal('e2');
    expect(rec.encounters.map((e) => e.id)).to.deep.equal(['e1']);
    expect(rec.immunizations[0]!.text).to.equal('Influenza vaccine');
    expect(rec.pressure).to.have.length(8);
  });
  it('survives resources with nothing in them', () => {
    const rec = buildRecord([{ resourceType: 'Patient' }, { resourceType: 'Condition' }, { resourceType: 'MedicationStatement', status: 'active' }, { resourceType: 'Encounter', extension: [{ url: 'x' }] }, null, 7], now);
    expect(rec.person).to.deep.equal({ name: '' });
    expect(rec.conditions).to.deep.equal([]);
    expect(rec.medications).to.deep.equal([]);
    expect(rec.encounters).to.have.length(1);
  });
  it('names people family-first in Chinese and given-first otherwise, ages by birthday', () => {
    expect(personOf({ resourceType: 'Patient', name: [{ family: '王', given: ['秀英'] }] })!.name).to.equal('王秀英');
    expect(personOf({ resourceType: 'Patient', name: [{ use: 'old', text: 'X' }, { family: 'Smith', given: ['Ann', 'B'] }] })!.name).to.equal('Ann B Smith');
    expect(ageOn('1952-12-02', now)).to.equal(73);
    expect(ageOn('1952-12-01', now)).to.equal(74);
    expect(ageOn('1952', now)).to.equal(74);
    expect(ageOn('soon', now)).to.equal(undefined);
  });
  it('masks a card number: 3301**********1234', () => {
    expect(maskNumber('330102195203141234')).to.equal('3301**********1234');
    expect(maskNumber('000123')).to.equal('00**23');
    expect(maskNumber('1234')).to.equal('****');
  });
});

describe('trends', () => {
  it('cuts 3 months, 12 months or all, with the reference bands', () => {
    const rec = buildRecord(demoRecord({ now, weeks: 260 }), now);
    const all = pressureTrend(rec, 'all', now);
    const year = pressureTrend(rec, '12m', now);
    const quarter = pressureTrend(rec, '3m', now);
    expect(all.dates).to.have.length(260);
    expect(year.dates.length).to.be.within(52, 53);
    expect(quarter.dates.length).to.be.within(13, 14);
    expect(year.bands).to.deep.equal([{ low: 90, high: 139 }, { low: 60, high: 89 }]);
    const glucose = valueTrend(rec.glucose, '12m', now);
    expect(glucose.unit).to.equal('mmol/L');
    expect(glucose.bands).to.deep.equal([{ low: 3.9, high: 6.1 }]);
    expect(valueTrend(rec.weight, '12m', now).bands).to.deep.equal([]);
  });
});
